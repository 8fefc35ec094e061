"""Triage rules as pure functions: tiers, Victims' Code clocks, the matrix, decisions.

Seed 001 §5.2-§5.7 and Appendices B and D; DOMAIN.md "Screening matrix and tiers", "Victims'
Code deadlines", "Outcomes". Dates come in as arguments; nothing here reads a clock.
"""

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from fraudcase.accounts.enums import Role
from fraudcase.core.dates import add_working_days
from fraudcase.core.enums import Choices
from fraudcase.reports.enums import ReportStatus
from fraudcase.reports.rules import (  # noqa: F401 - §5.6, read through triage.rules too
    ENHANCED_UPDATE_DAYS,
    STANDARD_UPDATE_DAYS,
    first_update_days,
)

from .policy_lists import (  # noqa: F401 - the policy's lists, used through triage.rules
    ASSESSMENT_NARRATIVE,
    EVALUATION_CHECKS,
    EVALUATION_DISRUPTION,
    EVALUATION_REQUIREMENTS,
    FACTORS_TOWARDS_CAUTION,
    FACTORS_TOWARDS_INVESTIGATION,
    FOUR_PS,
    PROPORTIONALITY_QUESTIONS,
    THRIVE,
    VCOP_ENTITLEMENTS,
)

DECISION_EXPLANATION_DAYS = 5  # information, and a decision not to investigate explained
EVIDENCE_WINDOW_DAYS = 28  # §5.2: then filed pending further information
NFIB_RETURN_WORKING_DAY = 7  # §5.7: the monthly outcome return


def vcop_update_due(received: date, *, enhanced: bool) -> date:
    """§5.6: the first update's due date for a report received on `received`."""
    return add_working_days(received, first_update_days(enhanced=enhanced))


def decision_explanation_due(decided: date) -> date:
    return add_working_days(decided, DECISION_EXPLANATION_DAYS)


def evidence_due(requested: date) -> date:
    """Calendar days: evidence not in by then means the report is filed pending information."""
    return requested + timedelta(days=EVIDENCE_WINDOW_DAYS)


def nfib_return_due(year: int, month: int) -> date:
    """The monthly NFIB outcome return is due by the 7th working day after the month ends."""
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return add_working_days(last, NFIB_RETURN_WORKING_DAY)


# ---------------------------------------------------------------- tiers (App. D)


class Tier(IntEnum):
    SERIOUS_AND_COMPLEX = 1
    VFT_WITH_ECU_SUPPORT = 2
    VFT = 3
    VFT_OR_NEIGHBOURHOOD = 4


TEAM_FOR_TIER = {
    Tier.SERIOUS_AND_COMPLEX: "ECU (serious and complex)",
    Tier.VFT_WITH_ECU_SUPPORT: "VFT with ECU support",
    Tier.VFT: "VFT",
    Tier.VFT_OR_NEIGHBOURHOOD: "VFT or neighbourhood",
}

TIER_1_VICTIMS = 100
TIER_2_VICTIMS = 10


def _fact(tier: int, label: str, hint: str = "", *, asked: bool = False) -> bool:
    """One App. D fact: the tier it puts a report in, its label, and, when the assessor is
    `asked` it on the page and the API (the matrix cannot derive it), the hint shown there."""
    return field(
        default=False, metadata={"tier": tier, "label": label, "hint": hint, "asked": asked}
    )


@dataclass(frozen=True)
class TierFacts:
    """What App. D looks at. Unset facts are False; `victims` counts every victim in the series.

    The one definition of the App. D facts: the tier lists below, the assessment form's
    checkboxes, the API's `facts` and what the assessment stores all come from these fields.
    """

    victims: int = 1
    bribery_or_corruption: bool = _fact(1, "Bribery and corruption")
    fraud_against_local_government: bool = _fact(
        1,
        "Fraud against local government",
        "Committed against a council or other local government body, from inside or outside.",
        asked=True,
    )
    politically_exposed_person: bool = _fact(1, "Politically exposed person")
    charity_organiser: bool = _fact(
        1,
        "Charity organiser",
        "The fraud was committed by someone organising a charity.",
        asked=True,
    )
    election_offence: bool = _fact(1, "Election offence")
    professional_enabler: bool = _fact(
        1,
        "Professional enabler",
        "Facilitated by a professional such as a solicitor, accountant or company formation agent.",
        asked=True,
    )
    organised_crime_group: bool = _fact(
        1,
        "Organised crime group",
        "A group showing planning, control, co-ordination, structure and group decisions over "
        "time (§7.1).",
        asked=True,
    )
    significant_regional_or_international: bool = _fact(
        1,
        "Significant regional or international enquiries",
        "Also set when the matrix answer for geography is international or several regions.",
        asked=True,
    )
    sar_derived: bool = _fact(
        1,
        "SAR-derived financial crime",
        "Identified through a Suspicious Activity Report.",
        asked=True,
    )
    significant_reputational_risk: bool = _fact(
        1,
        "Significant reputational or organisational risk",
        "If not dealt with appropriately. Also set by the organisational risk multiplier.",
        asked=True,
    )
    offender_in_position_of_trust: bool = _fact(2, "Offender in a position of trust")
    ponzi_boiler_room_or_advance_fee_at_scale: bool = _fact(
        2,
        "Ponzi, boiler room or advance fee at scale",
        "A Ponzi scheme, boiler room or advance fee fraud of some complexity.",
        asked=True,
    )
    corporate_fraud: bool = _fact(
        2, "Corporate fraud", "Fraud committed by or through a company.", asked=True
    )
    high_value: bool = _fact(3, "High value")
    multiple_suspects: bool = _fact(
        3, "Multiple suspects", "More than one suspect is involved.", asked=True
    )
    repeat_or_vulnerable_victim: bool = _fact(3, "Repeat or vulnerable victim")


def _facts_of_tier(tier: int) -> dict[str, str]:
    return {
        f.name: f.metadata["label"] for f in fields(TierFacts) if f.metadata.get("tier") == tier
    }


TIER_1_FACTS = _facts_of_tier(1)
TIER_2_FACTS = _facts_of_tier(2)


@dataclass(frozen=True)
class AskedFact:
    name: str
    label: str
    hint: str
    tier: int


# The App. D facts the assessor is asked, because neither the matrix nor the data gives them.
ASKED_FACTS: tuple[AskedFact, ...] = tuple(
    AskedFact(f.name, f.metadata["label"], f.metadata["hint"], f.metadata["tier"])
    for f in fields(TierFacts)
    if f.metadata.get("asked")
)


def asked_facts(names: list[str] | tuple[str, ...]) -> TierFacts:
    """The TierFacts the assessor ticked. Raises ValueError naming any name not asked."""
    asked = {f.name for f in ASKED_FACTS}
    unknown = [n for n in names if n not in asked]
    if unknown:
        raise ValueError(f"Not an Appendix D fact the assessor is asked: {', '.join(unknown)}")
    return TierFacts(**dict.fromkeys(names, True))


@dataclass(frozen=True)
class TierDecision:
    tier: Tier
    team: str
    reasons: tuple[str, ...]


def screening_tier(facts: TierFacts) -> TierDecision:
    """The App. D tier and team, the most serious that applies, with the reasons in words."""
    reasons = [label for name, label in TIER_1_FACTS.items() if getattr(facts, name)]
    if facts.victims >= TIER_1_VICTIMS:
        reasons.append(f"{facts.victims} victims ({TIER_1_VICTIMS} or more)")
    if reasons:
        return _decision(Tier.SERIOUS_AND_COMPLEX, reasons)
    reasons = [label for name, label in TIER_2_FACTS.items() if getattr(facts, name)]
    if facts.victims >= TIER_2_VICTIMS:
        reasons.append(f"{facts.victims} victims ({TIER_2_VICTIMS} or more)")
    if reasons:
        return _decision(Tier.VFT_WITH_ECU_SUPPORT, reasons)
    if facts.high_value:
        reasons.append("High value")
    if facts.multiple_suspects:
        reasons.append("Multiple suspects")
    if facts.repeat_or_vulnerable_victim:
        reasons.append("Repeat or vulnerable victim")
    if reasons:
        return _decision(Tier.VFT, [f"Fewer than {TIER_2_VICTIMS} victims", *reasons])
    return _decision(
        Tier.VFT_OR_NEIGHBOURHOOD, ["Not complex: one or few victims and suspects, low value"]
    )


def _decision(tier: Tier, reasons: list[str]) -> TierDecision:
    return TierDecision(tier, TEAM_FOR_TIER[tier], tuple(reasons))


class TaskingReason(Choices):
    """Why a supervisor tasks a report up or down a tier (App. D)."""

    COMPLEXITY = "complexity", "Complexity"
    RISK = "reputational_or_organisational_risk", "Reputational or organisational risk"
    RESOURCES = "resources", "Resources"


def retask_problems(tier: int, to: int | None, reason: str, explanation: str) -> dict[str, str]:
    """App. D note: a supervisor may task a report up or down, by as many tiers as the
    complexity, risk or resources call for, giving the reason and explaining it in words.
    Empty when the re-tasking (from `tier` to `to`) may be recorded; `to` None keeps the tier."""
    if to is None:
        return {}
    problems = {}
    if to not in Tier._value2member_map_:
        problems["retask_to"] = "Choose tier 1, 2, 3 or 4"
    elif to == tier:
        problems["retask_to"] = f"The report is already tier {tier}: choose another tier"
    if reason not in {r.value for r in TaskingReason}:
        problems["retask_reason"] = (
            "Choose complexity, reputational or organisational risk, or resources"
        )
    if not explanation.strip():
        problems["retask_explanation"] = "Explain the change of tier"
    return problems


def retask(tier: int, *, to: int, reason: str, explanation: str) -> Tier:
    """The tier after a supervisor's re-tasking. Raises ValueError naming every problem."""
    problems = retask_problems(tier, to, reason, explanation)
    if problems:
        raise ValueError("; ".join(problems.values()))
    return Tier(to)


# ---------------------------------------------------------------- screening matrix (App. B)

MATRIX_HEADINGS = (
    "victim",
    "offender",
    "evidence",
    "geography",
    "victims",
    "connected_reports",
    "value",
    "modus_operandi",
)


# A scoring is the JSON an administrator saved (headings, options, multipliers, thresholds).
def scoring_problems(scoring: dict[str, Any]) -> list[str]:
    """What makes a scoring unusable; empty when headings, multipliers and thresholds are sound."""
    problems = []
    headings = scoring.get("headings", {}) if isinstance(scoring, dict) else {}
    for heading in MATRIX_HEADINGS:
        options = headings.get(heading, {}).get("options", {})
        if not options:
            problems.append(f"Heading '{heading}' has no options")
        for key, option in options.items():
            if not (
                isinstance(option, list)
                and len(option) == 2
                and isinstance(option[1], int | float)
                and option[1] >= 0
            ):
                problems.append(f"Option '{heading}.{key}' needs [label, points >= 0]")
    for key, multiplier in (
        scoring.get("multipliers", {}) if isinstance(scoring, dict) else {}
    ).items():
        if not (
            isinstance(multiplier, list)
            and len(multiplier) == 2
            and isinstance(multiplier[1], int | float)
            and multiplier[1] >= 1
        ):
            problems.append(f"Multiplier '{key}' needs [label, factor >= 1]")
    thresholds = scoring.get("tier_thresholds", {}) if isinstance(scoring, dict) else {}
    if sorted(thresholds) != ["1", "2", "3"]:
        problems.append("tier_thresholds needs scores for tiers 1, 2 and 3")
    return problems


@dataclass(frozen=True)
class Screening:
    score: float
    score_tier: Tier
    tier: Tier
    team: str
    reasons: tuple[str, ...]


def facts_from_matrix(answers: dict[str, str], multipliers: list[str]) -> TierFacts:
    """The App. D facts that the matrix answers already establish."""
    victims = {"1000_plus": 1000, "100_plus": 100, "10_plus": 10}.get(answers.get("victims", ""), 1)
    return TierFacts(
        victims=victims,
        bribery_or_corruption=answers.get("modus_operandi") == "bribery_corruption",
        election_offence=answers.get("modus_operandi") == "election",
        politically_exposed_person="politically_exposed_person" in multipliers,
        significant_reputational_risk="organisational_risk" in multipliers,
        significant_regional_or_international=answers.get("geography")
        in ("international", "several_regions"),
        offender_in_position_of_trust=answers.get("offender") == "position_of_trust",
        high_value=answers.get("value") == "high",
        repeat_or_vulnerable_victim=answers.get("victim") == "vulnerable",
    )


def screen(
    scoring: dict[str, Any],
    answers: dict[str, str],
    multipliers: list[str],
    extra: TierFacts | None = None,
) -> Screening:
    """Score the App. B matrix and give the App. D tier, which wins over the score.

    Raises ValueError naming every unknown heading, option or multiplier, or missing answer.
    """
    headings = scoring["headings"]
    problems = [f"Unknown heading '{h}'" for h in answers if h not in headings]
    problems += [f"Answer '{h}' is missing" for h in headings if h not in answers]
    problems += [
        f"'{answers[h]}' is not an option of '{h}'"
        for h in headings
        if h in answers and answers[h] not in headings[h]["options"]
    ]
    problems += [
        f"Unknown multiplier '{m}'" for m in multipliers if m not in scoring["multipliers"]
    ]
    if problems:
        raise ValueError("; ".join(problems))
    points = sum(headings[h]["options"][answers[h]][1] for h in headings)
    factor = 1.0
    for name in dict.fromkeys(multipliers):
        factor *= scoring["multipliers"][name][1]
    score = round(points * factor, 1)
    thresholds = scoring["tier_thresholds"]
    score_tier = next(
        (Tier(int(t)) for t in ("1", "2", "3") if score >= thresholds[t]), Tier.VFT_OR_NEIGHBOURHOOD
    )
    facts = facts_from_matrix(answers, multipliers)
    if extra is not None:
        facts = _combined(facts, extra)
    decision = screening_tier(facts)
    reasons = [f"Matrix score {score:g} ({points:g} points x {factor:g})", *decision.reasons]
    if score_tier != decision.tier:
        reasons.append(
            f"The score alone suggests tier {int(score_tier)}; Appendix D gives tier "
            f"{int(decision.tier)}, which wins"
        )
    return Screening(score, score_tier, decision.tier, decision.team, tuple(reasons))


def _combined(a: TierFacts, b: TierFacts) -> TierFacts:
    """Facts from two sources: the larger victim count, and any fact either establishes."""
    values = {}
    for name in TierFacts.__dataclass_fields__:
        left, right = getattr(a, name), getattr(b, name)
        values[name] = max(left, right) if name == "victims" else (left or right)
    return TierFacts(**values)


# ---------------------------------------------------------------- the assessor's queue


# Who works the assessment queue (DOMAIN.md "Who uses it": assessors record and assess, the
# VFT supervisor decides, the evaluator takes complex reports).
QUEUE_ROLES = frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR})


class DeadlineState(StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_LATER = "due_later"


def deadline_state(due: date, today: date) -> DeadlineState:
    if due < today:
        return DeadlineState.OVERDUE
    return DeadlineState.DUE_TODAY if due == today else DeadlineState.DUE_LATER


def received_window(state: str, today: date, working_days: int) -> tuple[date | None, date | None]:
    """The received dates (first, last; inclusive, None = open) whose deadline is in `state`.

    Deadlines only grow with the received date, so each state is one range of received dates:
    this lets a queue filter on deadline state in SQL.
    """
    # The last received date whose deadline is before today, and the last on or before today.
    day = today
    while add_working_days(day, working_days) >= today:
        day -= timedelta(days=1)
    last_overdue = day
    day = today
    while add_working_days(day, working_days) > today:
        day -= timedelta(days=1)
    last_due_today = day
    if state == DeadlineState.OVERDUE:
        return None, last_overdue
    if state == DeadlineState.DUE_TODAY:
        return last_overdue + timedelta(days=1), last_due_today
    return last_due_today + timedelta(days=1), None


class Recommendation(Choices):
    """What the assessor recommends and the supervisor decides (§5.2, §5.3)."""

    ALLOCATE = "allocate", "Allocate for investigation or disruption"
    EVALUATE = "evaluate", "Send for evaluation"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


def assessment_problems(recommendation: str, rationale: str) -> dict[str, str]:
    """§5.6: no further action needs its rationale on the matrix (the victim is told why)."""
    if recommendation == Recommendation.NO_FURTHER_ACTION and not rationale.strip():
        return {"rationale": "Give the rationale for no further action: the victim is told why"}
    return {}


class SectionStatus(Choices):
    """Where the assessor is with one section of their assessment draft (GOV.UK task list)."""

    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


def next_section(order: list[str], statuses: dict[str, str], current: str) -> str | None:
    """Where *Save and continue* goes once `current` is completed: the next section in the
    task list not yet completed (coming round to the earlier ones), or None when every
    section is completed and the assessor checks their answers."""
    start = order.index(current) + 1 if current in order else 0
    for key in order[start:] + order[:start]:
        if statuses.get(key) != SectionStatus.COMPLETED:
            return key
    return None


def sections_to_complete(sections: list[str], statuses: dict[str, str]) -> list[str]:
    """The sections (in order) not yet marked completed: the assessment is sent only without any."""
    return [key for key in sections if statuses.get(key) != SectionStatus.COMPLETED]


# ---------------------------------------------------------------- matrix pre-fill (issue 3)

# Words in an account that suggest an offender in a position of trust (App. B illustration).
POSITION_OF_TRUST_WORDS = (
    "power of attorney",
    "attorney",
    "carer",
    "solicitor",
    "financial adviser",
    "financial advisor",
    "bank official",
    "accountant",
    "minister",
    "teacher",
    "community leader",
)
# Value bands for App. B "Scale 4" (project decision, docs/rules.md).
HIGH_VALUE_GBP = 10_000
MEDIUM_VALUE_GBP = 1_000


# The assessment's repeat-victim question (seed 001 §5.2 "enquire if the person is a repeat
# victim"; App. D tier 3 "Consider vulnerability/Repeat victim"): the matrix has no heading
# for it, so it is pre-filled beside the matrix headings under this key.
REPEAT_VICTIM = "repeat_victim"


def matrix_prefill(
    *,
    victims_in_package: int,
    linked_reports: int,
    loss_gbp: float | None,
    victim_age: int | None,
    victim_individual: bool,
    narrative: str,
    same_person_reports: int = 0,
) -> dict[str, tuple[str, str]]:
    """Matrix answers the data already gives: heading -> (option, why), and REPEAT_VICTIM ->
    ("yes", why) when the victim is on other reports (`same_person_reports`, the same person
    by the person run). `linked_reports`: other reports connected to this one (its series, or
    sharing a suspect identifier), App. B "Scale Assessment 3". The assessor confirms."""
    answers: dict[str, tuple[str, str]] = {}
    if victims_in_package >= 1000:
        answers["victims"] = ("1000_plus", f"{victims_in_package} victims in the package")
    elif victims_in_package >= 100:
        answers["victims"] = ("100_plus", f"{victims_in_package} victims in the package")
    elif victims_in_package >= 10:
        answers["victims"] = ("10_plus", f"{victims_in_package} victims in the package")
    else:
        answers["victims"] = ("under_10", f"{victims_in_package} victim(s) in the package")
    answers["connected_reports"] = (
        ("10_plus" if linked_reports >= 10 else "1_to_10"),
        f"{linked_reports} other report(s) linked by a suspect identifier",
    )
    if same_person_reports:
        answers[REPEAT_VICTIM] = (
            "yes",
            f"The same person is the victim of {same_person_reports} other report(s)",
        )
    if loss_gbp is not None:
        band = (
            "high"
            if loss_gbp >= HIGH_VALUE_GBP
            else "medium"
            if loss_gbp >= MEDIUM_VALUE_GBP
            else "low"
        )
        answers["value"] = (band, f"Loss of £{loss_gbp:,.2f}")
    if victim_age is not None and victim_age >= 75:
        answers["victim"] = ("vulnerable", f"Victim aged {victim_age}")
    elif victim_individual:
        answers["victim"] = ("public", "An individual victim")
    text = (narrative or "").lower()
    found = [w for w in POSITION_OF_TRUST_WORDS if w in text]
    if found:
        answers["offender"] = ("position_of_trust", f"The account mentions '{found[0]}'")
    return answers


# ---------------------------------------------------------------- supervisor decisions (§5.3)

DECIDING_ROLES = frozenset({Role.VFT_SUPERVISOR})
# Where each decision sends an assessed report.
STATUS_AFTER_DECISION = {
    Recommendation.ALLOCATE: ReportStatus.AWAITING_ALLOCATION,
    Recommendation.EVALUATE: ReportStatus.WITH_EVALUATOR,
    Recommendation.NO_FURTHER_ACTION: ReportStatus.NO_FURTHER_ACTION,
}


def decision_problems(decision: str, reason: str) -> dict[str, str]:
    """A supervisor's decision: a known route, and reasons for NFA (see `retask_problems`)."""
    problems = {}
    if decision not in STATUS_AFTER_DECISION:
        problems["decision"] = "Choose allocate, evaluate or no further action"
    if decision == Recommendation.NO_FURTHER_ACTION and not reason.strip():
        problems["reason"] = "Give the reason for no further action: the victim is told why"
    return problems


# ---------------------------------------------------------------- evidence (§5.2)

# Who records evidence asked for, and its arrival: those who assess, evaluate or investigate.
EVIDENCE_ROLES = frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR, Role.INVESTIGATOR})


# ---------------------------------------------------------------- evaluation (App. F)

STAGE_2_FIELDS = (
    "case_summary",
    "ideal_outcome",
    "nature_of_offending",
    "evidence_assessment",
    "tracing_assessment",
    "proportionality",
    "enforcement_assessment",
    "recommendation_reasons",
)


class EvaluationRecommendation(Choices):
    INVESTIGATE = "investigate", "Investigation is appropriate"
    DISRUPT_AND_CLOSE = "disrupt_and_close", "Disruption and prevention only, then close"


def evaluation_problems(summary: str, stage_2: dict[str, str] | None) -> dict[str, str]:
    """What stops an evaluation being saved; `stage_2` None saves stage 1 only."""
    problems = {}
    if not summary.strip():
        problems["summary"] = "Summarise what has occurred and the type of fraud"
    if stage_2 is not None:
        for name in STAGE_2_FIELDS:
            if not (stage_2.get(name) or "").strip():
                problems[name] = "Complete this part of the stage 2 evaluation"
        if stage_2.get("recommendation") not in {r.value for r in EvaluationRecommendation}:
            problems["recommendation"] = "Recommend investigation or disruption and close"
    return problems
