"""The file for the CPS's policy as pure functions: plain values in, a decision out.

Issue 15 items 5-8; the Criminal Procedure and Investigations Act 1996 (CPIA) and its Code of
Practice: unused material is listed item by item on the non-sensitive (MG6C) and sensitive
(MG6D) schedules, each item described individually and numbered consecutively; the disclosure
officer certifies the schedules on the MG6E. DOMAIN.md "Outcomes (§5.7)" for the Home Office
outcome a charging decision leads to. No ORM and no I/O here.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fraudcase.core.enums import Choices

# ---------------------------------------------------------------- statements and documents


class DocumentKind(Choices):
    MG11 = "mg11", "Witness statement (MG11)"
    OFFICER_STATEMENT = "officer_statement", "Officer's statement (MG11)"
    INTERVIEW_RECORD = "interview_record", "Record of interview"
    BANK_RECORDS = "bank_records", "Bank or financial records"
    REPORT = "report", "Report or expert statement"
    CORRESPONDENCE = "correspondence", "Correspondence"
    OTHER = "other", "Other document"


def next_version(versions: Iterable[int]) -> int:
    """A document's next version number: versions run 1, 2, 3...; a new version never
    replaces an earlier one (issue 15 item 5: "versions kept")."""
    return max(versions, default=0) + 1


# ---------------------------------------------------------------- disclosure schedules


class ScheduleKind(Choices):
    """The CPIA schedules of unused material (MG6C, MG6D)."""

    MG6C = "mg6c", "MG6C: non-sensitive unused material"
    MG6D = "mg6d", "MG6D: sensitive unused material"


class OfficerDecision(Choices):
    """The disclosure officer's view of a non-sensitive item (MG6C), for the prosecutor."""

    CND = "CND", "CND: clearly not disclosable"
    D = "D", "D: disclose (may undermine or assist)"
    I = "I", "I: inspect (the prosecutor should see it)"  # noqa: E741


class ProsecutorDecision(Choices):
    """The prosecutor's decision on a sensitive item (MG6D)."""

    PENDING = "", "Not yet decided"
    WITHHOLD = "withhold", "Withhold: does not meet the test for disclosure"
    DISCLOSE = "disclose", "Disclose"
    PII = "pii", "Apply to the court to withhold (public interest immunity)"
    ABANDON = "abandon", "Discontinue rather than disclose"


@dataclass(frozen=True)
class ItemState:
    number: int
    withdrawn: bool


def next_item_number(numbers: Iterable[int]) -> int:
    """The number of an item added to a schedule: one after the highest ever given on that
    schedule, withdrawn items included, so numbers run on consecutively and a number once
    given is never given again (CPIA Code of Practice para 6.10: items listed and numbered
    consecutively)."""
    return max(numbers, default=0) + 1


def numbering_problems(items: Sequence[ItemState]) -> list[str]:
    """What is wrong with a schedule's numbering ([] when it runs 1, 2, 3... with no gap and
    no number twice). A withdrawn item keeps its number: it is never renumbered."""
    numbers = sorted(i.number for i in items)
    problems = []
    if len(set(numbers)) != len(numbers):
        problems.append("A number is given twice")
    missing = sorted(set(range(1, (numbers[-1] if numbers else 0) + 1)) - set(numbers))
    problems += [f"Item {n} is missing" for n in missing]
    return problems


def withdraw_problem(already_withdrawn: bool, reason: str) -> str | None:
    """Why an item cannot be withdrawn (None if it can): it keeps its number and stays on
    the schedule, marked withdrawn with the reason."""
    if already_withdrawn:
        return "That item is already withdrawn"
    if not reason.strip():
        return "Enter why the item is withdrawn from the schedule"
    return None


def item_problems(
    kind: str, description: str, location: str, decision: str, sensitivity: str
) -> dict[str, str]:
    """A schedule item must be described individually, say where the material is, and carry
    the disclosure officer's decision (MG6C) or the reason it is sensitive (MG6D)."""
    problems: dict[str, str] = {}
    if not description.strip():
        problems["description"] = "Describe the item so the prosecutor can judge it"
    if not location.strip():
        problems["location"] = "Enter where the material is kept"
    if kind == ScheduleKind.MG6C and decision not in OfficerDecision.values:
        problems["decision"] = "Select the disclosure officer's decision"
    if kind == ScheduleKind.MG6D and not sensitivity.strip():
        problems["sensitivity"] = "Enter why the material is sensitive"
    return problems


def material_to_review(
    last_reviewed: datetime | None, material: Iterable[tuple[str, datetime]]
) -> list[str]:
    """The material (label, when added to the case) added since the schedule was last
    reviewed: while any is listed, the schedule is marked for re-review (CPIA Code para
    7.1: the schedules are kept up to date as material comes in). Never reviewed: all."""
    return [label for label, at in material if last_reviewed is None or at > last_reviewed]


# ---------------------------------------------------------------- charging and court


class InterviewKind(Choices):
    VOLUNTARY = "voluntary", "Voluntary interview under caution"
    CUSTODY = "custody", "Interview in custody"
    WRITTEN = "written", "Written questions"


class DecisionMaker(Choices):
    POLICE = "police", "Police"
    CPS = "cps", "CPS"


class ChargingOutcome(Choices):
    """A charging decision (DPP's Guidance on Charging)."""

    CHARGE = "charge", "Charge"
    SUMMONS = "summons", "Postal requisition or summons"
    ADULT_CAUTION = "adult_caution", "Adult simple caution"
    CONDITIONAL_CAUTION = "conditional_caution", "Adult conditional caution"
    YOUTH_CAUTION = "youth_caution", "Youth caution"
    YOUTH_CONDITIONAL_CAUTION = "youth_conditional_caution", "Youth conditional caution"
    COMMUNITY_RESOLUTION = "community_resolution", "Community resolution"
    TIC = "tic", "Taken into consideration"
    NFA_EVIDENTIAL = "nfa_evidential", "No further action: evidential"
    NFA_PUBLIC_INTEREST = "nfa_public_interest", "No further action: not in the public interest"
    FURTHER_ENQUIRIES = "further_enquiries", "Further enquiries (action plan)"


class HearingKind(Choices):
    FIRST = "first", "First appearance"
    PLEA = "plea", "Plea and trial preparation"
    TRIAL = "trial", "Trial"
    SENTENCE = "sentence", "Sentence"
    MENTION = "mention", "Mention or other"


class HearingResult(Choices):
    PENDING = "", "Not yet heard"
    ADJOURNED = "adjourned", "Adjourned"
    GUILTY_PLEA = "guilty_plea", "Guilty plea"
    NOT_GUILTY_PLEA = "not_guilty_plea", "Not guilty plea"
    CONVICTED = "convicted", "Convicted"
    ACQUITTED = "acquitted", "Acquitted"
    DISCONTINUED = "discontinued", "Discontinued"
    SENTENCED = "sentenced", "Sentenced"
    COMMITTED = "committed", "Sent to the Crown Court"


# DOMAIN.md "Outcomes (§5.7)": the Home Office outcome type a charging decision leads to.
# A charge stays outcome 1 whatever the court later decides (the outcome counts the
# sanction, not the verdict). No entry: the officer chooses (evidential difficulties are
# 14, 15 or 16 depending on whether the victim supports; further enquiries is not an end).
_OUTCOME_FOR = {
    ChargingOutcome.CHARGE: 1,
    ChargingOutcome.SUMMONS: 1,
    ChargingOutcome.YOUTH_CAUTION: 2,
    ChargingOutcome.YOUTH_CONDITIONAL_CAUTION: 2,
    ChargingOutcome.ADULT_CAUTION: 3,
    ChargingOutcome.CONDITIONAL_CAUTION: 3,
    ChargingOutcome.TIC: 4,
    ChargingOutcome.COMMUNITY_RESOLUTION: 8,
}
_NOT_IN_PUBLIC_INTEREST = {DecisionMaker.CPS: 9, DecisionMaker.POLICE: 10}


def outcome_for(decision: str, decided_by: str) -> int | None:
    """The Home Office outcome one charging decision suggests (None: the officer chooses)."""
    if decision == ChargingOutcome.NFA_PUBLIC_INTEREST:
        return _NOT_IN_PUBLIC_INTEREST.get(DecisionMaker(decided_by))
    return _OUTCOME_FOR.get(ChargingOutcome(decision)) if decision else None


def suggested_outcome(decisions: Iterable[tuple[str, str]]) -> int | None:
    """The outcome the case's charging decisions (decision, decided by) suggest on
    finalisation: the strongest sanction any suspect received (a charge before a caution
    before a community resolution; the lowest outcome number among those suggested)."""
    found = [o for d, by in decisions if (o := outcome_for(d, by)) is not None]
    return min(found, default=None)
