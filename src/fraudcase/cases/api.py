"""django-ninja routes for moving a report from evaluation to outcome, and for the clocks.

The same services and the same role checks as the pages: a role that may not make a move gets
404, a report that has moved on gets 409, bad input gets 422 with every problem.
"""

from dataclasses import MISSING, fields
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import create_model

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, PageIn, one_of
from fraudcase.reports import api as report_api
from fraudcase.reports import services as report_services
from fraudcase.reports.api import ANSWERS, MoveAnswer, run_move
from fraudcase.reports.models import Report
from fraudcase.triage.rules import DeadlineState

from . import clocks, services
from . import rules as case_rules
from .models import Case

router = Router(tags=["cases"])


def _report(request: HttpRequest, ref: str) -> Report:
    return report_services.get_report(
        api_user(request), ref, justification=report_api.justification(request)
    )


class AllocationIn(Schema):
    investigator_id: int
    team_id: int
    update_every_days: int = 28
    override_reason: str = ""


@router.post("/reports/{path:ref}/allocation", response=ANSWERS)
def allocate(request: HttpRequest, ref: str, payload: AllocationIn) -> MoveAnswer:
    """Allocate to a team and investigator (VFT supervisor)."""
    report = _report(request, ref)
    return run_move(report, lambda: services.allocate(api_user(request), report, **payload.dict()))


class CandidateOut(Schema):
    user_id: int
    name: str
    experience: str
    open_by_tier: dict[int, int]
    weighted_load: int
    capacity: int
    spare: int


@router.get("/allocation-board", response=list[CandidateOut], openapi_extra=PAGED)
def allocation_board(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[dict[str, object]]:
    """Each investigator's open cases by tier, load and capacity (VFT supervisor), by name, a
    page at a time (`X-Total-Count`, `Link`). Restricted cases counted need an
    `X-Justification` header (428 without it)."""
    user = api_user(request)
    rows = paging.api_page(
        request, response, services.allocation_board(user)["rows"], size=paged.page_size
    ).rows
    report_services.disclose(
        user,
        services.counted_cases(user),
        report_api.justification(request),
        listing="allocation-board",
        summary="API read of the allocation board",
    )
    return [
        {
            "user_id": r.candidate.user_id,
            "name": r.candidate.name,
            "experience": r.candidate.experience,
            "open_by_tier": r.by_tier,
            "weighted_load": r.load,
            "capacity": r.candidate.capacity,
            "spare": r.spare,
        }
        for r in rows
    ]


class TaskIn(Schema):
    text: str
    assignee_id: int
    due: Day


class DisruptionIn(Schema):
    kind: one_of(case_rules.DisruptionKind)
    on: Day
    detail: str = ""


class VictimUpdateIn(Schema):
    method: one_of(case_rules.UpdateMethod)
    summary: str


class ReviewIn(Schema):
    notes: str
    recommendations: str = ""


@router.post("/reports/{path:ref}/tasks", response=ANSWERS)
def add_task(request: HttpRequest, ref: str, payload: TaskIn) -> MoveAnswer:
    report = _report(request, ref)
    return run_move(report, lambda: services.add_task(api_user(request), report, **payload.dict()))


@router.post("/reports/{path:ref}/disruption", response=ANSWERS)
def add_disruption(request: HttpRequest, ref: str, payload: DisruptionIn) -> MoveAnswer:
    report = _report(request, ref)
    return run_move(
        report, lambda: services.add_disruption(api_user(request), report, **payload.dict())
    )


@router.post("/reports/{path:ref}/victim-updates", response=ANSWERS)
def victim_update(request: HttpRequest, ref: str, payload: VictimUpdateIn) -> MoveAnswer:
    report = _report(request, ref)
    return run_move(
        report, lambda: services.record_victim_update(api_user(request), report, **payload.dict())
    )


@router.post("/reports/{path:ref}/reviews", response=ANSWERS)
def review(request: HttpRequest, ref: str, payload: ReviewIn) -> MoveAnswer:
    report = _report(request, ref)
    case = Case.objects.filter(report=report).first()
    if case is None:
        return Status(409, {"detail": "This report has not been allocated"})
    return run_move(
        report, lambda: services.record_review(api_user(request), case, **payload.dict())
    )


# The §5.7 facts, one boolean each, made from cases.rules.CeaseAndDesistFacts (the same
# definition as the finalisation page's checkboxes).
if TYPE_CHECKING:  # made at run time, one field per fact: to mypy, a schema

    class CeaseAndDesistIn(Schema): ...

else:
    CeaseAndDesistIn = create_model(
        "CeaseAndDesistIn",
        __base__=Schema,
        **{
            f.name: (bool, ... if f.default is MISSING else f.default)
            for f in fields(case_rules.CeaseAndDesistFacts)
        },
    )


class FinalisationIn(Schema):
    outcome: int = Field(ge=1, le=22, description="Home Office outcome 1-22")
    rationale: str = ""
    cease_and_desist: CeaseAndDesistIn | None = None
    suspect_traced: bool = True
    suspect_has_pnc_record: bool = False


@router.post("/reports/{path:ref}/finalisation", response=ANSWERS)
def finalise(request: HttpRequest, ref: str, payload: FinalisationIn) -> MoveAnswer:
    """Record the Home Office outcome (1-22) and close the report. A cease and desist notice
    (outcome 10) is refused, 422, naming every §5.7 condition that fails."""
    report = _report(request, ref)
    facts = (
        case_rules.CeaseAndDesistFacts(**payload.cease_and_desist.dict())
        if payload.cease_and_desist
        else None
    )
    return run_move(
        report,
        lambda: services.finalise(
            api_user(request),
            report,
            outcome=payload.outcome,
            rationale=payload.rationale,
            cease_and_desist=facts,
            suspect_traced=payload.suspect_traced,
            suspect_has_pnc_record=payload.suspect_has_pnc_record,
        ),
    )


class DueOut(Schema):
    what: str
    local_reference: str
    due: date
    state: one_of(DeadlineState)
    owner: str


@router.get("/deadlines", response=list[DueOut], openapi_extra=PAGED)
def deadlines(
    request: HttpRequest,
    response: HttpResponse,
    paged: Query[PageIn],
    scope: one_of(["mine", "team"]) = "mine",
    kind: one_of(list(clocks.KINDS), "") = "",
    state: one_of([DeadlineState.OVERDUE, DeadlineState.DUE_TODAY], "") = "",
) -> list[dict[str, object]]:
    """What is overdue or due today, most overdue first, a page at a time (`X-Total-Count`
    says how many, `Link` where the other pages are): `scope` mine or team; `kind` one kind
    only; `state` overdue or due_today only. Without `kind`, every kind is merged and paged up
    to the first 10,000 deadlines; read further one kind at a time."""
    scope = "team" if scope == "team" else "mine"
    user = api_user(request)
    today = timezone.localdate()
    if kind:
        page = paging.api_page(
            request,
            response,
            clocks.rows(user, clocks.KINDS[kind], scope, today, state),
            size=paged.page_size,
        )
        items = [clocks.KINDS[kind].item(row, today) for row in page.rows]
    else:
        items, total = clocks.page_of_every_kind(
            user, today, scope, state=state, number=paged.page, size=paged.page_size
        )
        query = request.GET.copy()
        query.pop("page", None)
        page = paging.Page(
            items, paged.page, paged.page_size, total.total, total.more, query.urlencode()
        )
        paging.api_headers(request, response, page)
    report_services.disclose(
        user,
        clocks.shown_by(items),
        report_api.justification(request),
        listing=f"deadlines-{scope}",
        summary=f"API read of {len(items)} deadlines (page {paged.page})",
    )
    return [
        {
            "what": i.what,
            "local_reference": i.reference,
            "due": i.due,
            "state": i.state.value,
            "owner": i.owner,
        }
        for i in items
    ]
