"""django-ninja routes for triage."""

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field, create_model

from fraudcase.accounts.services import api_user
from fraudcase.core.api_schemas import Day, Detail, Invalid, one_of
from fraudcase.core.errors import Conflict, InvalidInput
from fraudcase.reports import api as report_api
from fraudcase.reports import services as report_services
from fraudcase.reports.api import ANSWERS, MoveAnswer, run_move
from fraudcase.reports.models import Report

from . import rules, services
from .models import EvidenceFrom

router = Router(tags=["triage"])


class ScreenIn(Schema):
    answers: dict[str, str]
    multipliers: list[str] = []
    facts: dict[one_of(rules.TierFacts.__dataclass_fields__), bool | int] = {}


class ScreenOut(Schema):
    score: float
    score_tier: int
    tier: int
    team: str
    scoring_version: str
    reasons: list[str]


@router.post("/triage/screen", response={200: ScreenOut, 422: Invalid})
def screen(request: HttpRequest, payload: ScreenIn) -> dict[str, object] | Status[object]:
    """Score App. B matrix answers and give the App. D tier and team. Stateless: saves nothing.

    `answers` maps each heading (victim, offender, evidence, geography, victims,
    connected_reports, value, modus_operandi) to an option key of the scoring in force;
    `facts` may add App. D facts the matrix does not ask (e.g. `organised_crime_group`).
    """
    version, scoring = services.active_scoring()
    facts: dict[str, Any] = payload.facts  # each fact a bool, `victims` a number
    try:
        result = rules.screen(
            scoring, payload.answers, payload.multipliers, rules.TierFacts(**facts)
        )
    except ValueError as invalid:
        return Status(
            422, {"detail": "Invalid matrix answers", "problems": {"answers": str(invalid)}}
        )
    return {
        "score": result.score,
        "score_tier": int(result.score_tier),
        "tier": int(result.tier),
        "team": result.team,
        "scoring_version": version,
        "reasons": list(result.reasons),
    }


class DecisionIn(Schema):
    decision: one_of(rules.Recommendation)
    reason: str = ""
    retask_to: int | None = None
    retask_reason: one_of(rules.TaskingReason, "") = ""
    retask_explanation: str = ""


class DecisionOut(Schema):
    local_reference: str
    decision: one_of(rules.Recommendation)
    tier: int
    status: str


@router.post("/reports/{path:ref}/decision", response={200: DecisionOut, 409: Detail, 422: Invalid})
def decide(
    request: HttpRequest, ref: str, payload: DecisionIn
) -> dict[str, object] | Status[object]:
    """The VFT supervisor's decision on an assessed report; 409 if someone decided it first."""

    report = report_services.get_report(
        api_user(request), ref, justification=report_api.justification(request)
    )
    try:
        made = services.decide(api_user(request), report, **payload.dict())
    except Conflict as conflict:
        return Status(409, {"detail": str(conflict)})
    except InvalidInput as invalid:
        return Status(422, {"detail": "Decision not saved", "problems": invalid.problems})
    report.refresh_from_db()
    return {
        "local_reference": report.local_reference,
        "decision": made.decision,
        "tier": made.tier,
        "status": report.status,
    }


# The App. D facts the assessor is asked, one boolean each, made from triage.rules.ASKED_FACTS
# (the same definition as the assessment page's checkboxes); an unknown fact is refused (422).
class _StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


if TYPE_CHECKING:  # made at run time, one field per fact: to mypy, a strict schema

    class AppendixDFacts(_StrictSchema): ...

else:
    AppendixDFacts = create_model(
        "AppendixDFacts",
        __base__=_StrictSchema,
        **{
            f.name: (bool, Field(False, description=f"Tier {f.tier}: {f.label}. {f.hint}".strip()))
            for f in rules.ASKED_FACTS
        },
    )


class AssessmentIn(Schema):
    """The §5.2 assessment. Indexes refer to the lists in `GET /api/docs` (triage.rules):
    entitlements by VCOP entitlement number, factors by their place in the §5.2 lists."""

    hocr_compliant: bool
    hocr_notes: str = ""
    full_account: str = ""
    solvability: str = ""
    recoverable_assets: str = ""
    disruption_opportunities: str = ""
    four_ps: list[str] = []
    # The entitlement's place in the VCOP list ("0", "1"...) -> the date it was met.
    entitlements: dict[one_of([str(i) for i in range(len(rules.VCOP_ENTITLEMENTS))]), Day] = {}
    repeat_victim: bool = False
    enhanced_service: bool = False
    thrive: dict[str, str] = {}
    ndm_rationale: str
    factors_towards_investigation: list[int] = []
    factors_towards_caution: list[int] = []
    proportionality: list[bool]
    matrix: dict[str, str]
    multipliers: list[str] = []
    facts: AppendixDFacts = Field(default_factory=AppendixDFacts)
    recommendation: one_of(rules.Recommendation)
    rationale: str = ""


class AssessmentOut(Schema):
    local_reference: str
    status: str
    tier: int
    team: str
    score: float
    scoring_version: str


@router.post(
    "/reports/{path:ref}/assessment",
    response={200: AssessmentOut, 409: Detail, 422: Invalid},
)
def assess(
    request: HttpRequest, ref: str, payload: AssessmentIn
) -> dict[str, object] | Status[object]:
    """Record the assessment of a recorded report, score it and send it for decision.

    Checked exactly as the assessment page checks it; 422 names every problem.
    """

    from .forms import AssessmentForm, as_form_data

    report = report_services.get_report(
        api_user(request), ref, justification=report_api.justification(request)
    )
    if not services.queue_allowed(api_user(request)):
        raise Http404("No such page")
    version, scoring = services.active_scoring()
    data: dict[str, str | list[str]] = {
        f"entitlement_{int(i)}": d.isoformat() for i, d in payload.entitlements.items()
    }
    data.update({f"thrive_{k.lower()}": v for k, v in payload.thrive.items()})
    data.update(
        {
            f"proportionality_{i}": "yes" if v else "no"
            for i, v in enumerate(payload.proportionality)
        }
    )
    data.update({f"matrix_{h}": v for h, v in payload.matrix.items()})
    data.update(
        hocr_compliant="yes" if payload.hocr_compliant else "no",
        hocr_notes=payload.hocr_notes,
        **{name: getattr(payload, name) for name, _ in rules.ASSESSMENT_NARRATIVE},
        four_ps=payload.four_ps,
        ndm_rationale=payload.ndm_rationale,
        recommendation=payload.recommendation,
        rationale=payload.rationale,
        multipliers=payload.multipliers,
        factors_for=[str(i) for i in payload.factors_towards_investigation],
        factors_caution=[str(i) for i in payload.factors_towards_caution],
        tier_facts=[name for name, ticked in payload.facts.model_dump().items() if ticked],
    )
    if payload.repeat_victim:
        data["repeat_victim"] = "on"
    if payload.enhanced_service:
        data["enhanced_service"] = "on"
    form = AssessmentForm(as_form_data(data), scoring=scoring, prefill={})
    if not form.is_valid():
        problems = {k: " ".join(str(m) for m in v) for k, v in form.errors.items()}
        return Status(422, {"detail": "Assessment not saved", "problems": problems})
    try:
        made = services.record_assessment(api_user(request), report, form.cleaned_data)
    except InvalidInput as invalid:
        if "already been assessed" in " ".join(invalid.problems.values()):
            return Status(409, {"detail": "This report has already been assessed"})
        return Status(422, {"detail": "Assessment not saved", "problems": invalid.problems})
    except Conflict as conflict:
        return Status(409, {"detail": str(conflict)})
    return {
        "local_reference": report.local_reference,
        "status": "assessed",
        "tier": made.tier,
        "team": made.team,
        "score": made.score,
        "scoring_version": version,
    }


def _report(request: HttpRequest, ref: str) -> Report:
    return report_services.get_report(
        api_user(request), ref, justification=report_api.justification(request)
    )


class EvidenceIn(Schema):
    asked_of: one_of(EvidenceFrom)
    what: str


@router.post("/reports/{path:ref}/evidence-requests", response=ANSWERS)
def request_evidence(request: HttpRequest, ref: str, payload: EvidenceIn) -> MoveAnswer:
    """Record evidence asked of the victim or a third party (filed pending after 28 days)."""
    report = _report(request, ref)
    return run_move(
        report,
        lambda: services.request_evidence(
            api_user(request),
            report,
            asked_of=payload.asked_of,
            what=payload.what,
            today=timezone.localdate(),
        ),
    )


@router.post("/reports/{path:ref}/evidence-requests/{request_id}/received", response=ANSWERS)
def evidence_received(request: HttpRequest, ref: str, request_id: int) -> MoveAnswer:
    """Mark evidence received; a report filed for want of it is reopened."""
    report = _report(request, ref)
    wanted = report.evidence_requests.filter(pk=request_id).first()
    if wanted is None:
        return Status(409, {"detail": "No such evidence request on this report"})
    return run_move(
        report,
        lambda: services.evidence_received(api_user(request), wanted, today=timezone.localdate()),
    )


# One free-text answer per App. F requirement, `requirement_a` to `requirement_e`, made from
# triage.rules.EVALUATION_REQUIREMENTS (the same list as the evaluation page's fields).
if TYPE_CHECKING:  # made at run time: to mypy, a schema

    class _EvaluationRequirements(Schema): ...

else:
    _EvaluationRequirements = create_model(
        "_EvaluationRequirements",
        __base__=Schema,
        **{f"requirement_{key}": (str, "") for key, _ in rules.EVALUATION_REQUIREMENTS},
    )


class EvaluationIn(_EvaluationRequirements):
    summary: str
    checks_made: list[str] = []
    checks_notes: str = ""
    disruption_done: list[str] = []
    disruption_notes: str = ""
    case_summary: str = ""
    ideal_outcome: str = ""
    nature_of_offending: str = ""
    evidence_assessment: str = ""
    tracing_assessment: str = ""
    proportionality: str = ""
    enforcement_assessment: str = ""
    recommendation: one_of(rules.EvaluationRecommendation, "") = ""
    recommendation_reasons: str = ""
    complete: bool = True


@router.post("/reports/{path:ref}/evaluation", response=ANSWERS)
def evaluate(request: HttpRequest, ref: str, payload: EvaluationIn) -> MoveAnswer:
    """App. F evaluation; `complete` returns the report to the supervisor for decision."""
    report = _report(request, ref)
    data = payload.dict()
    complete = data.pop("complete")
    return run_move(
        report,
        lambda: services.record_evaluation(api_user(request), report, data, complete=complete),
    )
