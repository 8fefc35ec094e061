"""Letters to victims, in plain English, as PDF (§5.4, §5.6, App. H).

The wording follows the seed's victim guidance sheet (App. H) and the Victims' Code, rewritten
as short plain sentences. The force's name, website and contact line come from settings; the
team and the officer, with their contact details, come from the case (`Sender`).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from fpdf import FPDF

from .rules import HOME_OFFICE_OUTCOMES

# The PDF core fonts speak Latin-1: typographic punctuation is replaced, anything else dropped.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})  # noqa: RUF001


def _latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class Addressee:
    name: str
    address: str
    postcode: str


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Sender:
    """Who writes: the team that has the report and the officer dealing with it."""

    team: str
    officer: str = ""
    collar_number: str = ""
    phone: str = ""
    email: str = ""

    @property
    def officer_line(self) -> str:
        """The officer's name with their collar number, e.g. "DC Jo Bloggs (4521)"."""
        return f"{self.officer} ({self.collar_number})" if self.collar_number else self.officer


def _force() -> str:
    return settings.FRAUDCASE_FORCE_NAME


def _contact(sender: Sender) -> Section:
    dealing = (
        (f"{sender.officer_line} of the {sender.team} is dealing with your report.",)
        if sender.officer
        else ()
    )
    direct = " or ".join(
        d
        for d in (
            f"telephone {sender.phone}" if sender.phone else "",
            f"e-mail {sender.email}" if sender.email else "",
        )
        if d
    )
    reach = (f"You can contact {sender.officer or 'us'} directly: {direct}.",) if direct else ()
    return Section(
        "How to contact us",
        (
            *dealing,
            *reach,
            "Please quote your reference when you contact us. "
            + settings.FRAUDCASE_TEAM_CONTACT.replace("{team}", sender.team),
            f"Advice on fraud, and links to organisations that can help, is on our website: "
            f"{settings.FRAUDCASE_FORCE_WEBSITE}",
        ),
    )


GUIDANCE = (
    Section(
        "What Action Fraud does",
        (
            "Action Fraud is the national centre for reporting fraud and cyber crime in England, "
            "Wales and Northern Ireland. You can report online at any time, and advisers are on "
            "web chat 24 hours a day. Action Fraud records reports and gives you a crime reference "
            "number. It does not investigate.",
        ),
    ),
    Section(
        "How your report is assessed",
        (
            "Reports go to the National Fraud Intelligence Bureau. Experienced reviewers look for "
            "real lines of enquiry, on their own or with other reports that seem linked, and send "
            "those that have them to a police force or other agency. That may not be your local "
            "force.",
            "The bank accounts, websites and phone numbers you tell us about are shared with "
            "banks and other partners so that they cannot be used against other people. Not "
            "every report leads to an investigation, but every report helps build a picture of "
            "the offending and is kept as intelligence.",
        ),
    ),
    Section(
        "When to call the police directly",
        (
            "Call the police if you think someone is vulnerable and cannot protect themselves, if "
            "the fraud is happening now or has just happened, or if the suspect is known and local "
            "and the police have enough details to arrest them.",
        ),
    ),
    Section(
        "Getting updates",
        (
            "If you registered with Action Fraud you get updates through your account and by post. "
            "Once your report has been passed to us, we are responsible for keeping you updated. "
            "We will tell you how often, and if we decide to take no further action we will tell "
            "you why.",
        ),
    ),
)

RIGHT_TO_REVIEW = Section(
    "If you disagree with our decision",
    (
        "You can ask for the decision to be reviewed under the Victims' Right to Review scheme "
        "where a suspect has been identified and interviewed under caution. Contact us using the "
        "details below and quote your reference.",
        "If there is no criminal investigation, or it does not lead to a conviction, you may be "
        "able to recover your losses through the civil courts. Be careful of firms offering to "
        "recover money for a fee: the Financial Conduct Authority lists known fraudulent 'asset "
        "recovery' firms. If you use one, update your Action Fraud report with their details.",
    ),
)


def acknowledgement(reference: str, nfrc: list[str], sender: Sender) -> list[Section]:
    numbers = ", ".join(nfrc) if nfrc else "none yet"
    return [
        Section(
            "We have your report",
            (
                f"Thank you for reporting the fraud against you. {_force()} has recorded it under "
                f"reference {reference} (Action Fraud reference {numbers}).",
                "We will contact you to explain what happens next, what support you can have and "
                "how often we will update you. This guidance sheet explains how fraud reports are "
                "dealt with.",
            ),
        ),
        *GUIDANCE,
        _contact(sender),
    ]


def no_investigation(reference: str, reasons: str, sender: Sender) -> list[Section]:
    return [
        Section(
            "Our decision",
            (
                f"We have looked carefully at your report {reference}. We have decided not to "
                "investigate it further at this time.",
            ),
        ),
        Section(
            "Why",
            (
                reasons.strip() or "The report does not have lines of enquiry we can follow.",
                "We decide this after assessing every report for whether there are good grounds "
                "to believe an offence was committed and whether an investigation is likely to "
                "succeed. Your report is kept, and if new information comes to light we will look "
                "at it again.",
            ),
        ),
        RIGHT_TO_REVIEW,
        _contact(sender),
    ]


def finalisation(reference: str, outcome: int, rationale: str, sender: Sender) -> list[Section]:
    return [
        Section(
            "Your case has been finalised",
            (
                f"We have finished our work on {reference}. The outcome recorded is: "
                f"{HOME_OFFICE_OUTCOMES[outcome].lower()}.",
                *((rationale.strip(),) if rationale.strip() else ()),
                "Thank you for your help. If you have any questions, please get in touch.",
            ),
        ),
        *((RIGHT_TO_REVIEW,) if outcome >= 11 else ()),
        _contact(sender),
    ]


def cease_and_desist(reference: str, suspect: str, conduct: str) -> list[Section]:
    return [
        Section(
            "Notice to cease and desist",
            (
                f"To: {suspect}",
                f"{_force()} has received information that you have been involved in the following "
                f"conduct: {conduct.strip() or 'see the attached summary'}.",
                "You are required to stop this conduct immediately. This notice is not a criminal "
                "conviction or caution, but it will be kept on police records. If the conduct "
                "continues, you may be investigated and prosecuted, and this notice may be used as "
                "evidence that you were warned.",
                f"Reference: {reference}",
            ),
        ),
        Section(
            "Signed",
            (
                "Served by: ____________________   Date: ____________",
                "Received by: ____________________   Appropriate adult (if under "
                "18): ____________________",
            ),
        ),
    ]


def render(
    addressee: Addressee,
    reference: str,
    sections: list[Section],
    today: date,
    sender: Sender,
) -> bytes:
    """One A4 letter as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"{_force()} - {reference}"))
    pdf.set_author(_latin1(_force()))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(_force()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        _latin1(f"Our reference: {reference}\n{today:%d %B %Y}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    lines = [addressee.name, *addressee.address.split(","), addressee.postcode]
    pdf.multi_cell(
        0,
        6,
        _latin1("\n".join(x.strip() for x in lines if x.strip())),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.multi_cell(
        0, 6, _latin1(f"Dear {addressee.name or 'Sir or Madam'},"), new_x="LMARGIN", new_y="NEXT"
    )
    for section in sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, _latin1(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.ln(4)
    signature = [sender.officer_line, sender.team, _force()]
    pdf.multi_cell(
        0,
        6,
        _latin1("Yours sincerely,\n\n" + "\n".join(line for line in signature if line)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
