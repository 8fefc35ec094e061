"""The streams app's API operations (added to /api/v1 by fraudcase.api): the same services as
the pages, so the same access rules."""

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.accounts.models import Team, User
from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Detail, Invalid, PageIn, one_of
from fraudcase.core.errors import InvalidInput

from . import rules, services
from .cyber_api import router as cyber_router
from .models import BankingProtocolIncident, InternationalRequest

router = Router(tags=["streams"])


class RequestIn(Schema):
    kind: one_of(rules.RequestKind)
    country: str = Field(max_length=2, description="ISO 3166-1 alpha-2, e.g. FR")
    authority: str = Field(max_length=200)
    their_reference: str = Field(max_length=100)
    received_on: Day
    asked_for: one_of(rules.AskedFor) = rules.AskedFor.BANKING.value
    asked_for_detail: str = ""
    officer: str = Field("", description="The username of the officer it is with")
    team: str = Field(description="The name of the team it is with")
    response_due: Day | None = Field(None, description="The date the requesting authority gave")
    handling_marking: one_of(HandlingMarking) = HandlingMarking.OFFICIAL.value
    restricted_to_team: str = Field("", description="The name of a team of yours, or empty")


class RequestOut(Schema):
    id: int
    reference: str
    kind: one_of(rules.RequestKind)
    country: str
    authority: str
    their_reference: str
    received_on: date
    asked_for: one_of(rules.AskedFor)
    asked_for_detail: str
    officer: str | None
    team: str
    state: one_of(rules.RequestState)
    response_due: date
    overdue: bool
    assessed_on: date | None
    decline_reason: str
    sent_on: date | None
    completed_on: date | None


class RequestFilters(PageIn):
    state: one_of(rules.RequestState, "") = ""
    kind: one_of(rules.RequestKind, "") = ""
    country: str = ""


class MoveIn(Schema):
    on: Day | None = Field(None, description="The day it happened; today if not given")
    reason: str = Field("", description="Why it is declined (needed to decline)")
    detail: str = Field("", description="What evidence requests were sent")


def _team(name: str, field: str) -> Team | None:
    if not name:
        return None
    team = Team.objects.filter(name=name).first()
    if team is None:
        raise InvalidInput({field: "No team has that name"})
    return team


def _request_out(r: InternationalRequest) -> dict[str, object]:
    return {
        "id": r.pk,
        "reference": r.reference,
        "kind": r.kind,
        "country": r.country,
        "authority": r.authority,
        "their_reference": r.their_reference,
        "received_on": r.received_on,
        "asked_for": r.asked_for,
        "asked_for_detail": r.asked_for_detail,
        "officer": r.officer.username if r.officer else None,
        "team": r.team.name,
        "state": r.state,
        "response_due": r.due_on,
        "overdue": rules.is_overdue(r.state, r.due_on, timezone.localdate()),
        "assessed_on": r.assessed_on,
        "decline_reason": r.decline_reason,
        "sent_on": r.sent_on,
        "completed_on": r.completed_on,
    }


@router.get("/ilor-requests", response=list[RequestOut], openapi_extra=PAGED)
def list_requests(
    request: HttpRequest, response: HttpResponse, filters: Query[RequestFilters]
) -> list[dict[str, object]]:
    """ILOR and EIO requests the user may see, newest received first, a page at a time
    (`X-Total-Count`, `Link`), filtered by state, kind and country."""
    user = api_user(request)
    if not services.may_read_requests(user):
        raise Http404("No such page")
    found = services.filtered_requests(
        user, state=filters.state, kind=filters.kind, country=filters.country
    ).order_by("-received_on", "-pk")
    page = paging.api_page(request, response, found, size=filters.page_size)
    return [_request_out(r) for r in page.rows]


@router.post("/ilor-requests", response={201: RequestOut, 403: Detail, 422: Invalid})
def record_request(request: HttpRequest, payload: RequestIn) -> Status[dict[str, object]]:
    """Record an ILOR or EIO as received; its response is due on the date given, else 120 days
    from receipt for an EIO and the force's target for an ILOR (docs/rules.md)."""
    user = api_user(request)
    try:
        team = _team(payload.team, "team")
        officer = None
        if payload.officer:
            officer = services.officers().filter(username=payload.officer).first()
            if officer is None:
                raise InvalidInput({"officer": "No officer who works these has that username"})
        assert team is not None
        found = services.record_request(
            user,
            services.RequestInput(
                kind=payload.kind,
                country=payload.country.upper(),
                authority=payload.authority,
                their_reference=payload.their_reference,
                received_on=payload.received_on,
                asked_for=payload.asked_for,
                asked_for_detail=payload.asked_for_detail,
                officer=officer,
                team=team,
                response_due=payload.response_due,
                handling_marking=payload.handling_marking,
                restricted_to_team=_team(payload.restricted_to_team, "restricted_to_team"),
            ),
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Invalid request", "problems": invalid.problems})
    found = services.filtered_requests(user).get(pk=found.pk)
    return Status(201, _request_out(found))


@router.post(
    "/ilor-requests/{ilor_id}/{transition}",
    response={200: RequestOut, 404: Detail, 409: Detail, 422: Invalid},
)
def move_request(
    request: HttpRequest,
    ilor_id: int,
    transition: one_of(rules.RequestTransition),
    payload: MoveIn,
) -> dict[str, object]:
    """Move a request on: `accept` or `decline` (with a `reason`) when received, `send` when
    accepted, `complete` when sent. 409 when it has moved on since."""
    user = api_user(request)
    services.move_request(
        user, ilor_id, transition, on=payload.on, reason=payload.reason, detail=payload.detail
    )
    return _request_out(services.filtered_requests(user).get(pk=ilor_id))


# ---------------------------------------------------------------- Banking Protocol


class IncidentIn(Schema):
    bank_name: str = Field(max_length=100)
    branch_name: str = Field(max_length=100)
    branch_postcode: str = Field("", max_length=10)
    called_at: datetime
    attended: bool = False
    attended_at: datetime | None = None
    attending_officer: str = Field("", max_length=100)
    victim_name: str = Field("", max_length=200)
    victim_dob: Day | None = None
    victim_postcode: str = Field("", max_length=10)
    safeguarded: bool = False
    safeguarding: str = ""
    results: list[one_of(rules.BankingResult)]
    crime_reference: str = Field("", max_length=30, description="Local reference or NFRC")
    notes: str = ""
    handling_marking: one_of(HandlingMarking) = HandlingMarking.OFFICIAL.value
    restricted_to_team: str = Field("", description="The name of a team of yours, or empty")


class IncidentOut(Schema):
    """An incident without the victim's details (the page shows them, audited)."""

    id: int
    reference: str
    bank_name: str
    branch_name: str
    branch_postcode: str
    called_at: datetime
    attended: bool
    attended_at: datetime | None
    safeguarded: bool
    results: list[one_of(rules.BankingResult)]
    offence: bool


class IncidentFilters(PageIn):
    month: str = Field("", description="YYYY-MM")
    result: one_of(rules.BankingResult, "") = ""


def _incident_out(i: BankingProtocolIncident) -> dict[str, object]:
    return {
        "id": i.pk,
        "reference": i.reference,
        "bank_name": i.bank_name,
        "branch_name": i.branch_name,
        "branch_postcode": i.branch_postcode,
        "called_at": i.called_at,
        "attended": i.attended,
        "attended_at": i.attended_at,
        "safeguarded": i.safeguarded,
        "results": i.results,
        "offence": rules.became_offence(i.results),
    }


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


@router.get("/banking-protocol-incidents", response=list[IncidentOut], openapi_extra=PAGED)
def list_incidents(
    request: HttpRequest, response: HttpResponse, filters: Query[IncidentFilters]
) -> list[dict[str, object]]:
    """Banking Protocol incidents the user may see, newest call first, a page at a time,
    of a month (`YYYY-MM`) and with a result if asked."""
    user: User = api_user(request)
    if not services.may_read_incidents(user):
        raise Http404("No such page")
    found = services.filtered_incidents(
        user, month=services.parse_month(filters.month), result=filters.result
    ).order_by("-called_at", "-pk")
    page = paging.api_page(request, response, found, size=filters.page_size)
    return [_incident_out(i) for i in page.rows]


@router.post("/banking-protocol-incidents", response={201: IncidentOut, 403: Detail, 422: Invalid})
def record_incident(request: HttpRequest, payload: IncidentIn) -> Status[dict[str, object]]:
    """Record a Banking Protocol call: the branch, attendance, the victim (personal data,
    audited), whether they were safeguarded, and the result(s). Times are UK time unless an
    offset is given."""
    user = api_user(request)
    data = payload.dict()
    try:
        data["restricted_to_team"] = _team(payload.restricted_to_team, "restricted_to_team")
        data["called_at"] = _aware(payload.called_at)
        data["attended_at"] = _aware(payload.attended_at)
        incident = services.record_incident(user, services.IncidentInput(**data))
    except InvalidInput as invalid:
        return Status(422, {"detail": "Invalid incident", "problems": invalid.problems})
    return Status(201, _incident_out(incident))


router.add_router("", cyber_router)
