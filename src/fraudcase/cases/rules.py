"""Case rules as pure functions: allocation by workload, reviews, victim updates, outcomes.

Seed 001 §5.4-§5.7 and App. D; DOMAIN.md "Allocation and investigation", "Victims' Code
deadlines", "Outcomes". Dates come in as arguments; nothing here reads a clock.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices
from fraudcase.reports.enums import ReportStatus

# ---------------------------------------------------------------- outcomes (§5.7)

HOME_OFFICE_OUTCOMES = {
    1: "Charged/summonsed",
    2: "Youth caution",
    3: "Adult caution",
    4: "Taken into consideration",
    5: "Offender died",
    6: "Penalty notice for disorder",
    7: "Cannabis/khat warning",
    8: "Community resolution",
    9: "Prosecution not in the public interest (CPS)",
    10: "Formal action not in the public interest (police)",
    11: "Prosecution prevented: suspect under age",
    12: "Prosecution prevented: suspect too ill",
    13: "Prosecution prevented: victim or key witness dead or too ill",
    14: "Evidential difficulties: suspect not identified, victim does not support",
    15: "Evidential difficulties: suspect identified, victim supports",
    16: "Evidential difficulties: suspect identified, victim does not support",
    17: "Time limit expired",
    18: "Investigation complete, no suspect identified",
    19: "NFIB (fraud case)",
    20: "Transferred to another body",
    21: "Further investigation not in the public interest (police)",
    22: "Diversionary, educational or intervention activity",
}
# ---------------------------------------------------------------- cease and desist (outcome 10)


def _condition(label: str, default: bool | None = None) -> bool:
    """A §5.7 condition: a yes/no fact with the question the officer is asked (form label)."""
    if default is None:
        required: bool = field(metadata={"label": label})
        return required
    return field(default=default, metadata={"label": label})


@dataclass(frozen=True)
class CeaseAndDesistFacts:
    """The §5.7 facts for a cease and desist notice: the one definition the API schema
    (cases.api) and the finalisation form's checkboxes (cases.forms) are made from."""

    no_criminal_record: bool = _condition("The suspect has no criminal record")
    no_earlier_notice: bool = _condition("The suspect has had no cease and desist notice before")
    isolated_minor_low_value: bool = _condition(
        "An isolated, minor, low-value fraud (for example online sales)"
    )
    bank_account_insufficient_evidence: bool = _condition(
        "A bank account was used, with insufficient evidence for a realistic prospect of conviction"
    )
    low_reoffending_risk: bool = _condition("The assessed risk of re-offending is low")
    most_proportionate: bool = _condition("A notice is the most proportionate outcome")
    suspect_under_18: bool = _condition("The suspect is under 18", default=False)
    appropriate_adult_present_and_consenting: bool = _condition(
        "An appropriate adult was present and consented", default=False
    )


def cease_and_desist_problems(facts: CeaseAndDesistFacts) -> list[str]:
    """Every §5.7 condition that fails; a notice may be served only when the list is empty."""
    problems = []
    if not facts.no_criminal_record:
        problems.append("The suspect has a criminal record")
    if not facts.no_earlier_notice:
        problems.append("The suspect has already had a cease and desist notice")
    if not (facts.isolated_minor_low_value or facts.bank_account_insufficient_evidence):
        problems.append(
            "The fraud is not isolated, minor and low value, nor a bank account used "
            "with insufficient evidence for a realistic prospect of conviction"
        )
    if not facts.low_reoffending_risk:
        problems.append("The assessed risk of re-offending is not low")
    if not facts.most_proportionate:
        problems.append("A notice is not the most proportionate outcome")
    if facts.suspect_under_18 and not facts.appropriate_adult_present_and_consenting:
        problems.append("A child or young person needs an appropriate adult present and consenting")
    return problems


@dataclass(frozen=True)
class SuspectKey:
    """What tells one suspect from another across reports: the normalised name
    (reports.rules.normalise_name, "" if none), the date of birth if known, and the
    normalised identifiers (reports.rules.normalise_identifier)."""

    name: str
    dob: date | None
    identifiers: frozenset[str]


def same_suspect(a: SuspectKey, b: SuspectKey) -> bool:
    """A shared identifier, or the same name with no date of birth that tells them apart (two
    people with the same name and different dates of birth are different people)."""
    if a.identifiers & b.identifiers:
        return True
    if a.name and a.name == b.name:
        return a.dob is None or b.dob is None or a.dob == b.dob
    return False


@dataclass(frozen=True)
class HeldNotice:
    """A cease and desist notice fraudcase holds on another report: its local reference, whether
    the user may see that report, and the suspects on it."""

    reference: str
    visible: bool
    suspects: tuple[SuspectKey, ...]


def earlier_notice_problems(
    suspects: list[SuspectKey] | tuple[SuspectKey, ...], held: list[HeldNotice]
) -> list[str]:
    """§5.7 (1): "has not been previously subject to a Cease & Desist Notice", checked against
    the notices held, whatever the officer ticked. One problem per earlier notice found for one
    of this report's suspects, naming its report only when the user may see it."""
    problems = []
    for notice in held:
        if any(same_suspect(mine, theirs) for mine in suspects for theirs in notice.suspects):
            where = (
                f"report {notice.reference}"
                if notice.visible
                else ("a notice held on another report")
            )
            problem = f"The suspect has already had a cease and desist notice ({where})"
            if problem not in problems:
                problems.append(problem)
    return problems


def untraceable_suspect_action(has_pnc_record: bool) -> str:
    """§5.7 (2): how a notice is recorded when the suspect cannot be traced to serve it."""
    return "PNC interest marker" if has_pnc_record else "Intelligence log"


# ---------------------------------------------------------------- allocation (§5.4, App. D)

# App. D: which teams take which tier. Tier 2 is the VFT with ECU support.
TEAMS_FOR_TIER: dict[int, frozenset[str]] = {
    1: frozenset({"ecu"}),
    2: frozenset({"vft", "ecu"}),
    3: frozenset({"vft"}),
    4: frozenset({"vft", "neighbourhood"}),
}
# Project decision (docs/rules.md): a tier 1 or 2 case needs a PIP 2 investigator, tier 3 at
# least PIP 1; anyone may take tier 4. A supervisor may allocate otherwise, giving the reason.
EXPERIENCE_FOR_TIER: dict[int, frozenset[str]] = {
    1: frozenset({"pip2"}),
    2: frozenset({"pip2"}),
    3: frozenset({"pip1", "pip2"}),
    4: frozenset({"trainee", "pip1", "pip2", ""}),
}
# A serious and complex case weighs more than a simple one when caseloads are compared.
TIER_WEIGHT = {1: 4, 2: 3, 3: 2, 4: 1}
INVESTIGATING_ROLES = frozenset({Role.INVESTIGATOR, Role.EVALUATOR})
# §5.4: the supervisor allocates and reviews; case officers and supervisors work the case.
SUPERVISING_ROLES = frozenset({Role.VFT_SUPERVISOR})
CASE_ROLES = frozenset({Role.INVESTIGATOR, Role.EVALUATOR, Role.VFT_SUPERVISOR})


def weighted_load(open_tiers: list[int]) -> int:
    """Caseload as the sum of tier weights (a tier 1 case counts as four tier 4 cases)."""
    return sum(TIER_WEIGHT.get(t, 1) for t in open_tiers)


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    team_kinds: frozenset[str]
    experience: str
    capacity: int
    open_tiers: tuple[int, ...]


@dataclass(frozen=True)
class Suitability:
    suitable: bool
    reasons: tuple[str, ...]
    load: int
    spare: int


def suitability(candidate: Candidate, tier: int) -> Suitability:
    """Whether an investigator suits a case of this tier, and their load (§5.4, App. D)."""
    reasons = []
    if not candidate.team_kinds & TEAMS_FOR_TIER[tier]:
        reasons.append(f"Not in a team that takes tier {tier} cases (App. D)")
    if candidate.experience not in EXPERIENCE_FOR_TIER[tier]:
        reasons.append(f"Experience does not match tier {tier}")
    load = weighted_load(list(candidate.open_tiers))
    spare = candidate.capacity - len(candidate.open_tiers)
    if spare <= 0:
        reasons.append("At or over capacity")
    return Suitability(not reasons, tuple(reasons), load, spare)


def ranked(candidates: list[Candidate], tier: int) -> list[tuple[Candidate, Suitability]]:
    """Suitable investigators first, then the lightest weighted load, then the most spare."""
    rows = [(c, suitability(c, tier)) for c in candidates]
    return sorted(rows, key=lambda r: (not r[1].suitable, r[1].load, -r[1].spare, r[0].name))


def allocation_problems(
    candidate: Candidate | None, tier: int, override_reason: str
) -> dict[str, str]:
    problems = {}
    if candidate is None:
        return {"investigator": "Choose an investigator"}
    fit = suitability(candidate, tier)
    if not fit.suitable and not override_reason.strip():
        problems["override_reason"] = (
            f"{candidate.name}: {'; '.join(fit.reasons)}. Give the reason to allocate anyway"
        )
    return problems


# ---------------------------------------------------------------- reviews and victim updates

# Project decision (docs/rules.md): supervisors review each open case on a rota, more often
# for the more serious tiers. The seed says reviews happen on a rota but not how often.
REVIEW_EVERY_DAYS = {1: 14, 2: 21, 3: 28, 4: 28}
# The victim contract fixes how often updates are given (§5.2); 28 days unless agreed.
DEFAULT_UPDATE_EVERY_DAYS = 28
UPDATE_FREQUENCIES = (7, 14, 28, 56)


def next_review_due(last: date, tier: int) -> date:
    return last + timedelta(days=REVIEW_EVERY_DAYS.get(tier, 28))


def next_update_due(last: date, every_days: int) -> date:
    return last + timedelta(days=every_days)


class DisruptionKind(Choices):
    """Disruption actions (§5.5, App. F stage 1; WMP seed ¶12 'disruption used')."""

    BANK_ACCOUNT_CLOSURE = "bank_account_closure", "Bank account closure"
    CIFAS_MARKER = "cifas_marker", "CIFAS marker"
    WEBSITE_TAKEDOWN = "website_takedown", "Website takedown"
    TELEPHONE_TAKEDOWN = "telephone_takedown", "Telephone number takedown"
    INTELLIGENCE_SUBMITTED = "intelligence_submitted", "Intelligence submitted"
    CEASE_AND_DESIST = "cease_and_desist", "Cease and desist notice"


# §5.7: a cease and desist notice is served only by finalising with outcome 10, which checks
# every condition and the notices held for the suspect, then records the disruption itself.
NOTICE_IS_AN_OUTCOME = (
    "A cease and desist notice is not recorded as a disruption: record it by finalising the "
    "report with outcome 10, which checks every §5.7 condition and any earlier notice for the "
    "suspect"
)


def disruption_kind_problem(kind: str) -> str | None:
    """What is wrong with recording `kind` as a disruption (§5.5 App. F stage 1), or None."""
    if kind == DisruptionKind.CEASE_AND_DESIST:
        return NOTICE_IS_AN_OUTCOME  # §5.7
    if kind not in DisruptionKind.values:
        return "Choose the disruption used"
    return None


def recordable_disruptions() -> list[tuple[str, str]]:
    """The disruptions an officer records by hand: all but the notice (§5.7, outcome 10)."""
    return [
        (k, label) for k, label in DisruptionKind.choices if k != DisruptionKind.CEASE_AND_DESIST
    ]


class UpdateMethod(Choices):
    TELEPHONE = "telephone", "Telephone"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"


# §5.6: the letters that give the victim an update on the status of their report, and so
# stop the first-update clock (all three are written to the victim and say where it stands).
FIRST_UPDATE_LETTERS = frozenset({"acknowledgement", "no_investigation", "finalisation"})


# ---------------------------------------------------------------- finalisation (§5.7)

CEASE_AND_DESIST_OUTCOME = 10
# Outcomes where the report ends without anyone being dealt with: the rationale is what the
# victim is told and what a review reads (§5.4 "NFA needs a rationale").
RATIONALE_REQUIRED = frozenset({9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22})


def parse_outcome_set(text: str) -> frozenset[int]:
    """ "1-10" or "1-10,22" -> the outcome types that count as positive. ValueError if bad."""
    chosen: set[int] = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        first, _, last = part.partition("-")
        low, high = int(first), int(last or first)
        if not (1 <= low <= high <= 22):
            raise ValueError(f"'{part}' is not a range of outcome types 1-22")
        chosen.update(range(low, high + 1))
    if not chosen:
        raise ValueError("No outcome types given")
    return frozenset(chosen)


def finalisation_problems(
    outcome: int | None,
    rationale: str,
    cease_and_desist: CeaseAndDesistFacts | None,
    earlier_notices: list[str] | None = None,
) -> dict[str, str]:
    """Every reason the outcome cannot be recorded as given; empty when it can.

    `earlier_notices`: the problems `earlier_notice_problems` found for a notice to be served."""
    problems = {}
    if outcome not in HOME_OFFICE_OUTCOMES:
        return {"outcome": "Choose a Home Office outcome type (1-22)"}
    if outcome in RATIONALE_REQUIRED and not rationale.strip():
        problems["rationale"] = "Give the rationale: the victim is told why"
    if cease_and_desist is not None:
        if outcome != CEASE_AND_DESIST_OUTCOME:
            problems["outcome"] = (
                "A cease and desist notice is outcome 10 (formal action not in the public interest)"
            )
        refused = cease_and_desist_problems(cease_and_desist)
        refused += [p for p in earlier_notices or [] if p not in refused]
        if refused:
            problems["cease_and_desist"] = "A notice may not be served: " + "; ".join(refused)
    return problems


# ---------------------------------------------------------------- time in each state


@dataclass(frozen=True)
class Move:
    transition: str
    from_status: str
    to_status: str
    at: datetime


def time_in_states(received: datetime, moves: list[Move], now: datetime) -> dict[str, timedelta]:
    """How long the report spent in each status: the first starts when it was received."""
    spent: dict[str, timedelta] = {}
    status: str = ReportStatus.RECORDED
    since = received
    for move in sorted(moves, key=lambda m: m.at):
        spent[move.from_status] = spent.get(move.from_status, timedelta()) + (move.at - since)
        status, since = move.to_status, move.at
    if status != ReportStatus.CLOSED:
        spent[status] = spent.get(status, timedelta()) + (now - since)
    return spent


def milestones(received: datetime, moves: list[Move]) -> dict[str, timedelta | None]:
    """Time from receipt to the first assessment, allocation and finalisation (§9)."""

    def first(transition: str) -> timedelta | None:
        times = [m.at for m in moves if m.transition == transition]
        return min(times) - received if times else None

    return {"assess": first("assess"), "allocate": first("allocate"), "finalise": first("finalise")}
