"""The report's enums, shared by rules and models (plain Python: no Django needed)."""

from fraudcase.core.enums import Choices


class Source(Choices):
    NFIB_DISSEMINATION = "nfib", "NFIB dissemination"
    CALL_FOR_SERVICE = "call_for_service", "Call for service"
    REFERRAL = "referral", "Referral"
    # Action Fraud became Report Fraud in December 2025: one name for both, whichever a file
    # used (the file's own word is kept in the report's first timeline entry).
    VICTIM_SUPPORT_ONLY = (
        "victim_support_only",
        "Victim support only (Report Fraud, formerly Action Fraud)",
    )
    ILOR_EIO = "ilor_eio", "ILOR or EIO"


class Route(Choices):
    """Where a report goes besides (or instead of) the assessment queue, decided when it comes
    in (DOMAIN.md "Where reports come from" item 4; seed 001 §5.4; seed 002 ¶11 iv, ¶38 i):
    the cyber team for cyber-dependent disseminations and crimes in action, the Protect team
    for victim-support-only referrals. Blank: the ordinary route only."""

    CYBER = "cyber", "Cyber-dependent dissemination"
    CRIME_IN_ACTION = "crime_in_action", "Crime in action"
    VICTIM_SUPPORT = "victim_support", "Victim support only"


# The cyber team's routes, and the NFIB codes of cyber-dependent crime (computer misuse:
# NFIB50A-NFIB52E below), which route a report to the cyber team (seed 002 ¶11 iv, ¶34-¶38).
CYBER_ROUTES = frozenset({Route.CYBER, Route.CRIME_IN_ACTION})
CYBER_CODES = frozenset(
    {"NFIB50A", "NFIB51A", "NFIB51B", "NFIB52A", "NFIB52B", "NFIB52C", "NFIB52D", "NFIB52E"}
)


class ReportStatus(Choices):
    RECORDED = "recorded", "Recorded"
    ASSESSED = "assessed", "Assessed: awaiting supervisor decision"
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    WITH_EVALUATOR = "with_evaluator", "With the evaluator"
    EVALUATED = "evaluated", "Evaluated: awaiting supervisor decision"
    UNDER_INVESTIGATION = "under_investigation", "Allocated: under investigation"
    NO_FURTHER_ACTION = "no_further_action", "No further action: awaiting outcome"
    FILED_PENDING_INFORMATION = "filed_pending", "Filed pending information"
    CLOSED = "closed", "Finalised"


class VictimType(Choices):
    INDIVIDUAL = "individual", "Individual"
    BUSINESS = "business", "Business"
    CHARITY = "charity", "Charity"
    PUBLIC_BODY = "public_body", "Public body"
    OTHER_ORGANISATION = "other_organisation", "Other organisation"


class IdentifierKind(Choices):
    PHONE = "phone", "Telephone number"
    EMAIL = "email", "E-mail address"
    WEBSITE = "website", "Website"
    UK_BANK_ACCOUNT = "uk_bank_account", "UK sort code and account number"
    IBAN = "iban", "IBAN"


class EntryKind(Choices):
    RECORDED = "recorded", "Recorded"
    NOTE = "note", "Enquiry"
    CONTACT = "contact", "Victim contact"
    ATTACHMENT = "attachment", "Material"
    STATUS = "status", "Status change"


class FraudType(Choices):
    """The NFIB fraud and cyber crime codes Action Fraud records a report under (Home Office
    Counting Rules for fraud; DOMAIN.md "Vulnerability process" column `fraud_type`).

    The forms that record a report offer these; imports keep whatever code a package carries,
    so a code NFIB adds later is not lost before this list learns it.
    """

    NFIB1A = "NFIB1A", "NFIB1A: advance fee fraud: 419 emails and letters"
    NFIB1B = "NFIB1B", "NFIB1B: advance fee fraud: lottery scams"
    NFIB1C = "NFIB1C", "NFIB1C: advance fee fraud: dating scam"
    NFIB1D = "NFIB1D", "NFIB1D: advance fee fraud: other advance fee frauds"
    NFIB1E = "NFIB1E", "NFIB1E: advance fee fraud: clairvoyant or psychic fraud"
    NFIB1F = "NFIB1F", "NFIB1F: advance fee fraud: counterfeit cashier's cheques"
    NFIB1G = "NFIB1G", "NFIB1G: advance fee fraud: inheritance fraud"
    NFIB1H = "NFIB1H", "NFIB1H: advance fee fraud: other (including impersonation)"
    NFIB1I = "NFIB1I", "NFIB1I: advance fee fraud: lender loan fraud"
    NFIB1J = "NFIB1J", "NFIB1J: advance fee fraud: rental fraud"
    NFIB1K = "NFIB1K", "NFIB1K: advance fee fraud: fraud recovery"
    NFIB1L = "NFIB1L", "NFIB1L: advance fee fraud: work from home"
    NFIB2A = "NFIB2A", "NFIB2A: investment fraud: share sales or boiler room"
    NFIB2B = "NFIB2B", "NFIB2B: investment fraud: pyramid or Ponzi schemes"
    NFIB2C = "NFIB2C", "NFIB2C: investment fraud: prime bank guarantees"
    NFIB2D = "NFIB2D", "NFIB2D: investment fraud: time shares and holiday clubs"
    NFIB2E = "NFIB2E", "NFIB2E: investment fraud: other financial investment"
    NFIB3A = "NFIB3A", "NFIB3A: online shopping and auctions"
    NFIB3B = "NFIB3B", "NFIB3B: consumer phone fraud"
    NFIB3C = "NFIB3C", "NFIB3C: door to door sales and bogus tradesmen"
    NFIB3D = "NFIB3D", "NFIB3D: other consumer non-investment fraud"
    NFIB3E = "NFIB3E", "NFIB3E: computer software service fraud"
    NFIB3F = "NFIB3F", "NFIB3F: ticket fraud"
    NFIB4A = "NFIB4A", "NFIB4A: charity fraud"
    NFIB5A = "NFIB5A", "NFIB5A: cheque, plastic card and online bank accounts"
    NFIB5B = "NFIB5B", "NFIB5B: application fraud (excluding mortgages)"
    NFIB5C = "NFIB5C", "NFIB5C: mandate fraud"
    NFIB5D = "NFIB5D", "NFIB5D: mortgage related fraud"
    NFIB5E = "NFIB5E", "NFIB5E: dishonestly retaining a wrongful credit"
    NFIB6A = "NFIB6A", "NFIB6A: insurance related fraud"
    NFIB6B = "NFIB6B", "NFIB6B: insurance broker fraud"
    NFIB7 = "NFIB7", "NFIB7: telecom industry fraud (misuse of contracts)"
    NFIB8A = "NFIB8A", "NFIB8A: pension fraud by pension trustees"
    NFIB8B = "NFIB8B", "NFIB8B: pension liberation fraud"
    NFIB9 = "NFIB9", "NFIB9: business trading fraud"
    NFIB10 = "NFIB10", "NFIB10: false accounting"
    NFIB11 = "NFIB11", "NFIB11: bankruptcy and insolvency"
    NFIB12 = "NFIB12", "NFIB12: corporate employee fraud"
    NFIB13 = "NFIB13", "NFIB13: corporate procurement fraud"
    NFIB14 = "NFIB14", "NFIB14: fraudulent applications for grants"
    NFIB15 = "NFIB15", "NFIB15: fraud by abuse of position of trust"
    NFIB16 = "NFIB16", "NFIB16: fraud by failing to disclose information"
    NFIB17 = "NFIB17", "NFIB17: possession of articles for use in fraud"
    NFIB18 = "NFIB18", "NFIB18: making or supplying articles for use in fraud"
    NFIB19 = "NFIB19", "NFIB19: obtaining services dishonestly"
    NFIB50A = "NFIB50A", "NFIB50A: computer virus, malware or spyware"
    NFIB51A = "NFIB51A", "NFIB51A: denial of service attack"
    NFIB51B = "NFIB51B", "NFIB51B: denial of service attack with extortion"
    NFIB52A = "NFIB52A", "NFIB52A: hacking: server"
    NFIB52B = "NFIB52B", "NFIB52B: hacking: personal"
    NFIB52C = "NFIB52C", "NFIB52C: hacking: social media and e-mail"
    NFIB52D = "NFIB52D", "NFIB52D: hacking: PBX or dial through"
    NFIB52E = "NFIB52E", "NFIB52E: hacking with extortion"
    NFIB90 = "NFIB90", "NFIB90: other fraud not covered elsewhere"
