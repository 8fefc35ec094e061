"""The policy's own lists, word for word (seed 001 §5.2 and App. F), for the assessment and
evaluation forms. `triage.rules` re-exports them; the decisions that use them live there."""

# ---------------------------------------------------------------- assessment (§5.2)
# The seed's own lists, as they are (DOMAIN.md "Assessment": "use those lists as they are").

VCOP_ENTITLEMENTS = (
    "A written acknowledgement that the victim has reported the crime",
    "A clear explanation of what to expect from the criminal justice system",
    "A victim impact assessment",
    "A victim expectation assessment",
    "Information for victims of crime within 5 working days",
    "A victim contract to agree how often the victim will receive updates",
    "An explanation within 5 days of a decision not to investigate",
    "Advice, with reasons, if the investigation ends with no one charged",
)

THRIVE = ("Threat", "Harm", "Risk", "Investigation", "Vulnerability", "Engagement")
# §5.2: which of the 4Ps apply.
FOUR_PS = ("Pursue", "Prevent", "Protect", "Prepare")
# §5.2: what the assessor records about the report itself, before the viability factors.
ASSESSMENT_NARRATIVE = (
    ("full_account", "Full account"),
    ("solvability", "Solvability"),
    ("recoverable_assets", "Recoverable assets"),
    ("disruption_opportunities", "Disruption opportunities"),
)

FACTORS_TOWARDS_INVESTIGATION = (
    "The victims are believed to be vulnerable (older people, people with disabilities, other "
    "protected groups, businesses providing key services in difficult circumstances)",
    "Significant impact on the victims",
    "Part of a linked series within the force area",
    "Strong positive lines of enquiry are immediately apparent",
    "Offenders are part of an organised crime group scoring 'high' on the harm matrix",
    "Clear opportunities to identify and restrain assets for confiscation or forfeiture",
    "A critical incident, or not investigating could significantly harm public confidence",
    "Significant public concern, possibly a high degree of press interest",
    "Substantial sums of money",
    "Committed or knowingly facilitated by professional advisors",
    "Likely to undermine confidence in leading UK institutions or the economy",
    "Committed by members of boards or other senior managers",
    "Law enforcement action could have a material deterrent effect",
    "Indicates a risk of more substantial or extensive fraud",
    "The victim devoted significant resources to fraud prevention or assists the police",
    "Agreed to be a current law enforcement priority",
)

FACTORS_TOWARDS_CAUTION = (
    "Would need a disproportionate level of resource, harming other investigations",
    "The likely sentence or penalty does not justify the investment of resource",
    "The victim turned to the police after dissatisfaction with a civil remedy",
    "Delays because key evidence is elsewhere",
    "Resources do not permit an immediate and expeditious investigation",
    "The complaint appears malicious, aimed at recovering money owed, or a distraction",
    "Victims are not prepared to co-operate fully with investigation and prosecution",
    "More suitable for another enforcement or regulatory agency",
    "Another police force decided not to investigate, other than for geographical reasons",
    "Already investigated or subject to regulatory proceedings, without significant new evidence",
    "Other proceedings might harm a criminal investigation and prosecution",
    "Took place more than two years ago, without exceptional circumstances",
)

PROPORTIONALITY_QUESTIONS = (
    "Is the offence solvable with a proportionate investigation?",
    "Does the injured party support a prosecution?",
    "Is it in the public interest to prosecute?",
)


# ---------------------------------------------------------------- evaluation (App. F)

EVALUATION_CHECKS = (
    "Genie",
    "Arena",
    "Experian",
    "RFI",
    "DWP",
    "HMRC",
    "Utilities",
    "ACRO",
    "PND",
    "FIU intelligence",
)
EVALUATION_DISRUPTION = (
    "Advice to the victim",
    "Website takedown (Cycomms)",
    "Telecoms disruption (Cycomms)",
    "Advice to banks",
    "CIFAS markers",
    "SARs: account closures",
    "Financial disruption (DAML SAR)",
    "Vehicle disruption (NAVCIS)",
    "Business disruption",
    "GAIN referral (serious or organised crime)",
    "Land Registry",
    "NHS intelligence teams",
    "Companies House or Insolvency enquiries",
)
# Stage 2, item 3: the investigation requirements a-e.
EVALUATION_REQUIREMENTS = (
    ("a", "Assessment of offending: fraud type and enabler"),
    ("b", "Identification and location of suspects"),
    ("c", "Evidence from bank, Cycomms and witnesses"),
    ("d", "Financial intelligence"),
    ("e", "Enforcement: arrest, search, warrant"),
)
