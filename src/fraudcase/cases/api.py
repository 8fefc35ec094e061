"""django-ninja routes for moving a report from evaluation to outcome, and for the clocks.

The same services and the same role checks as the pages: a role that may not make a move gets
404, a report that has moved on gets 409, bad input gets 422 with every problem.
"""

from datetime import date

from django.utils import timezone
from ninja import Router, Schema, Status

from fraudcase.api_schemas import Invalid
from fraudcase.intake import services as intake_services
from fraudcase.triage import rules as triage_rules
from fraudcase.triage import services as triage_services

from . import clocks, services
from .models import Case

router = Router(tags=["cases"])


class ConflictOut(Schema):
    detail: str


class MovedOut(Schema):
    local_reference: str
    status: str


def _report(request, ref: str):
    return intake_services.get_report(
        request.auth, ref, justification=request.headers.get("X-Justification", "")
    )


def _moved(report) -> dict:
    report.refresh_from_db()
    return {"local_reference": report.local_reference, "status": report.status}


ANSWERS = {200: MovedOut, 409: ConflictOut, 422: Invalid}


def _run(report, action):
    try:
        action()
    except services.Conflict as conflict:
        return Status(409, {"detail": str(conflict)})
    except services.InvalidInput as invalid:
        return Status(422, {"detail": "Not saved", "problems": invalid.problems})
    return _moved(report)


class EvidenceIn(Schema):
    asked_of: str
    what: str


@router.post("/reports/{path:ref}/evidence-requests", response=ANSWERS)
def request_evidence(request, ref: str, payload: EvidenceIn):
    """Record evidence asked of the victim or a third party (filed pending after 28 days)."""
    report = _report(request, ref)
    return _run(report, lambda: triage_services.request_evidence(
        request.auth, report, asked_of=payload.asked_of, what=payload.what,
        today=timezone.localdate()))  # fmt: skip


@router.post("/reports/{path:ref}/evidence-requests/{request_id}/received", response=ANSWERS)
def evidence_received(request, ref: str, request_id: int):
    """Mark evidence received; a report filed for want of it is reopened."""
    report = _report(request, ref)
    wanted = report.evidence_requests.filter(pk=request_id).first()
    if wanted is None:
        return Status(409, {"detail": "No such evidence request on this report"})
    return _run(report, lambda: triage_services.evidence_received(
        request.auth, wanted, today=timezone.localdate()))  # fmt: skip


class EvaluationIn(Schema):
    summary: str
    checks_made: list[str] = []
    checks_notes: str = ""
    disruption_done: list[str] = []
    disruption_notes: str = ""
    case_summary: str = ""
    ideal_outcome: str = ""
    requirement_a: str = ""
    requirement_b: str = ""
    requirement_c: str = ""
    requirement_d: str = ""
    requirement_e: str = ""
    nature_of_offending: str = ""
    evidence_assessment: str = ""
    tracing_assessment: str = ""
    proportionality: str = ""
    enforcement_assessment: str = ""
    recommendation: str = ""
    recommendation_reasons: str = ""
    complete: bool = True


@router.post("/reports/{path:ref}/evaluation", response=ANSWERS)
def evaluate(request, ref: str, payload: EvaluationIn):
    """App. F evaluation; `complete` returns the report to the supervisor for decision."""
    report = _report(request, ref)
    data = payload.dict()
    complete = data.pop("complete")
    return _run(report, lambda: triage_services.record_evaluation(
        request.auth, report, data, complete=complete))  # fmt: skip


class AllocationIn(Schema):
    investigator_id: int
    team_id: int
    update_every_days: int = 28
    override_reason: str = ""


@router.post("/reports/{path:ref}/allocation", response=ANSWERS)
def allocate(request, ref: str, payload: AllocationIn):
    """Allocate to a team and investigator (VFT supervisor)."""
    report = _report(request, ref)
    return _run(report, lambda: services.allocate(request.auth, report, **payload.dict()))


class CandidateOut(Schema):
    user_id: int
    name: str
    experience: str
    open_by_tier: dict[int, int]
    weighted_load: int
    capacity: int
    spare: int


@router.get("/allocation-board", response=list[CandidateOut])
def allocation_board(request):
    """Each investigator's open cases by tier, load and capacity (VFT supervisor)."""
    return [
        {"user_id": r.candidate.user_id, "name": r.candidate.name,
         "experience": r.candidate.experience, "open_by_tier": r.by_tier,
         "weighted_load": r.load, "capacity": r.candidate.capacity, "spare": r.spare}
        for r in services.allocation_board(request.auth)["rows"]
    ]  # fmt: skip


class TaskIn(Schema):
    text: str
    assignee_id: int
    due: date


class DisruptionIn(Schema):
    kind: str
    on: date
    detail: str = ""


class VictimUpdateIn(Schema):
    method: str
    summary: str


class ReviewIn(Schema):
    notes: str
    recommendations: str = ""


@router.post("/reports/{path:ref}/tasks", response=ANSWERS)
def add_task(request, ref: str, payload: TaskIn):
    report = _report(request, ref)
    return _run(report, lambda: services.add_task(request.auth, report, **payload.dict()))


@router.post("/reports/{path:ref}/disruption", response=ANSWERS)
def add_disruption(request, ref: str, payload: DisruptionIn):
    report = _report(request, ref)
    return _run(report, lambda: services.add_disruption(request.auth, report, **payload.dict()))


@router.post("/reports/{path:ref}/victim-updates", response=ANSWERS)
def victim_update(request, ref: str, payload: VictimUpdateIn):
    report = _report(request, ref)
    return _run(
        report, lambda: services.record_victim_update(request.auth, report, **payload.dict())
    )


@router.post("/reports/{path:ref}/reviews", response=ANSWERS)
def review(request, ref: str, payload: ReviewIn):
    report = _report(request, ref)
    case = Case.objects.filter(report=report).first()
    if case is None:
        return Status(409, {"detail": "This report has not been allocated"})
    return _run(report, lambda: services.record_review(request.auth, case, **payload.dict()))


class CeaseAndDesistIn(Schema):
    no_criminal_record: bool
    no_earlier_notice: bool
    isolated_minor_low_value: bool
    bank_account_insufficient_evidence: bool
    low_reoffending_risk: bool
    most_proportionate: bool
    suspect_under_18: bool = False
    appropriate_adult_present_and_consenting: bool = False


class FinalisationIn(Schema):
    outcome: int
    rationale: str = ""
    cease_and_desist: CeaseAndDesistIn | None = None
    suspect_traced: bool = True
    suspect_has_pnc_record: bool = False


@router.post("/reports/{path:ref}/finalisation", response=ANSWERS)
def finalise(request, ref: str, payload: FinalisationIn):
    """Record the Home Office outcome (1-22) and close the report. A cease and desist notice
    (outcome 10) is refused, 422, naming every §5.7 condition that fails."""
    report = _report(request, ref)
    facts = (
        triage_rules.CeaseAndDesistFacts(**payload.cease_and_desist.dict())
        if payload.cease_and_desist
        else None
    )
    return _run(report, lambda: services.finalise(
        request.auth, report, outcome=payload.outcome, rationale=payload.rationale,
        cease_and_desist=facts, suspect_traced=payload.suspect_traced,
        suspect_has_pnc_record=payload.suspect_has_pnc_record))  # fmt: skip


class DueOut(Schema):
    what: str
    local_reference: str
    due: date
    state: str
    owner: str


@router.get("/deadlines", response=list[DueOut])
def deadlines(request, scope: str = "mine"):
    """What is overdue or due today: `scope` mine or team."""
    items = clocks.due_items(request.auth, timezone.localdate())
    return [
        {"what": i.what, "local_reference": i.reference, "due": i.due, "state": i.state.value,
         "owner": i.owner}
        for i in clocks.for_scope(request.auth, items, "team" if scope == "team" else "mine")
    ]  # fmt: skip
