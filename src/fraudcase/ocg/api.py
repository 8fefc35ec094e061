"""Organised crime groups over the API (added to /api/v1 by fraudcase.api): the same services as
the pages, so the same access rules. A role that does not work OCGs gets 404 for every group;
a group's reports, counts and roll-up are of the reports the caller may see."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from fraudcase.accounts.models import User
from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Detail, Invalid, PageIn, one_of
from fraudcase.core.errors import InvalidInput

from . import rules, services
from .models import OcgEntry, OrganisedCrimeGroup

router = Router(tags=["organised crime groups"])


class OcgFilterIn(PageIn):
    status: one_of(rules.OcgStatus, "") = Field("", description="Only groups of this status")


class OcgOut(Schema):
    reference: str
    name: str
    status: one_of(rules.OcgStatus)
    threat_level: one_of(rules.ThreatLevel, "")
    lead_officer: str | None
    updated_at: datetime


class OcgNominalOut(Schema):
    name: str
    role: one_of(rules.NominalRole)
    profession: str
    notes: str


class OcgDisruptionOut(Schema):
    kind: str
    count: int


class OcgOutcomeOut(Schema):
    outcome: int
    label: str
    positive: bool
    count: int


class OcgRollupOut(Schema):
    reports: int
    total_loss_gbp: Decimal
    disruptions: list[OcgDisruptionOut]
    outcomes: list[OcgOutcomeOut]


class OcgDetailOut(OcgOut):
    description: str
    threat_rationale: str
    threat_assessed_on: date | None
    series: list[str]
    nominals: list[OcgNominalOut]
    rollup: OcgRollupOut
    evaluation_worked: str
    evaluation_improve: str
    evaluated_at: datetime | None


class OcgIn(Schema):
    name: str = Field(max_length=200)
    description: str = Field("", max_length=5000)
    lead_officer: str = Field("", description="The lead officer's username; empty for none yet")
    series: str = Field(
        "",
        description="A series reference (S-000042): the group takes it and "
        "the reports of it the caller may see",
    )


class OcgNominalIn(Schema):
    name: str = Field(max_length=200)
    role: one_of(rules.NominalRole)
    profession: str = Field("", max_length=200, description="Needed for a professional enabler")
    notes: str = Field("", max_length=5000)


class OcgEntryIn(Schema):
    kind: one_of(rules.WRITTEN_KINDS)
    on: Day
    text: str = Field(max_length=10000)


class OcgEntryOut(Schema):
    kind: one_of(rules.EntryKind)
    on: date
    text: str
    author: str
    recorded_at: datetime


class OcgStatusIn(Schema):
    status: one_of(rules.OcgStatus)
    reason: str = Field(max_length=5000)


class OcgReportOut(Schema):
    local_reference: str
    received_at: datetime
    status: str
    loss_gbp: Decimal | None


def _out(g: OrganisedCrimeGroup) -> dict[str, object]:
    return {
        "reference": g.reference,
        "name": g.name,
        "status": g.status,
        "threat_level": g.threat_level,
        "lead_officer": g.lead_officer.get_username() if g.lead_officer else None,
        "updated_at": g.updated_at,
    }


def _detail(user: User, g: OrganisedCrimeGroup) -> dict[str, object]:
    rollup = services.rollup(user, g)
    return {
        **_out(g),
        "description": g.description,
        "threat_rationale": g.threat_rationale,
        "threat_assessed_on": g.threat_assessed_on,
        "series": [s.reference for s in services.linked_series(g)],
        "nominals": [
            {"name": n.name, "role": n.role, "profession": n.profession, "notes": n.notes}
            for n in services.nominals(g)
        ],
        "rollup": {
            "reports": rollup.reports,
            "total_loss_gbp": rollup.total_loss,
            "disruptions": [{"kind": k, "count": n} for k, n in rollup.disruptions],
            "outcomes": [
                {"outcome": o, "label": label, "positive": p, "count": n}
                for o, label, p, n in rollup.outcomes
            ],
        },
        "evaluation_worked": g.evaluation_worked,
        "evaluation_improve": g.evaluation_improve,
        "evaluated_at": g.evaluated_at,
    }


def _entry_out(e: OcgEntry) -> dict[str, object]:
    return {
        "kind": e.kind,
        "on": e.on,
        "text": e.text,
        "author": e.author.get_username(),
        "recorded_at": e.recorded_at,
    }


def _editable(request: HttpRequest, reference: str) -> tuple[User, OrganisedCrimeGroup]:
    user = api_user(request)
    ocg = services.get_ocg(user, reference)
    if not services.may_edit(user, ocg):
        raise Http404("No such group")
    return user, ocg


@router.get("/ocgs", response=list[OcgOut], openapi_extra=PAGED)
def list_ocgs(
    request: HttpRequest, response: HttpResponse, filters: Query[OcgFilterIn]
) -> list[dict[str, object]]:
    """Organised crime groups, most recently changed first, of one status if asked, a page at
    a time (`X-Total-Count`, `Link`). Empty for a role that does not work OCGs."""
    user = api_user(request)
    found = services.visible_ocgs(user, status=filters.status)
    page = paging.api_page(request, response, found, size=filters.page_size)
    return [_out(g) for g in page.rows]


@router.post("/ocgs", response={201: OcgDetailOut, 422: Invalid, 404: Detail})
def create_ocg(request: HttpRequest, payload: OcgIn) -> Status[dict[str, object]]:
    """Record a group (identified), by hand or from a series. 404 for a role that may not."""
    user = api_user(request)
    if not services.may_edit(user):
        raise Http404("No such operation")
    lead = None
    if payload.lead_officer:
        lead = services.lead_officers().filter(username=payload.lead_officer).first()
        if lead is None:
            raise InvalidInput({"lead_officer": "No officer who may lead an OCG has that username"})
    ocg = services.create_ocg(
        user,
        name=payload.name,
        description=payload.description,
        lead_officer=lead,
        series_reference=payload.series,
    )
    return Status(201, _detail(user, ocg))


@router.get("/ocgs/{reference}", response=OcgDetailOut)
def get_ocg(request: HttpRequest, reference: str) -> dict[str, object]:
    """One group with its threat assessment, nominals, series, roll-up of disruption and
    outcomes over the reports the caller may see, and its evaluation (audited)."""
    user = api_user(request)
    return _detail(user, services.get_ocg(user, reference))


@router.get("/ocgs/{reference}/reports", response=list[OcgReportOut], openapi_extra=PAGED)
def ocg_reports(
    request: HttpRequest, response: HttpResponse, reference: str, filters: Query[PageIn]
) -> list[dict[str, object]]:
    """The group's reports the caller may see, newest first, a page at a time."""
    user = api_user(request)
    ocg = services.get_ocg(user, reference)
    page = paging.api_page(
        request, response, services.ocg_reports(user, ocg), size=filters.page_size
    )
    return [
        {
            "local_reference": r.local_reference,
            "received_at": r.received_at,
            "status": r.status,
            "loss_gbp": r.loss_gbp,
        }
        for r in page.rows
    ]


@router.get("/ocgs/{reference}/entries", response=list[OcgEntryOut], openapi_extra=PAGED)
def ocg_entries(
    request: HttpRequest, response: HttpResponse, reference: str, filters: Query[PageIn]
) -> list[dict[str, object]]:
    """The group's dated entries (meeting decisions, briefings, status changes), newest first."""
    user = api_user(request)
    ocg = services.get_ocg(user, reference)
    page = paging.api_page(request, response, services.entries(ocg), size=filters.page_size)
    return [_entry_out(e) for e in page.rows]


@router.post("/ocgs/{reference}/entries", response={201: OcgEntryOut, 422: Invalid, 404: Detail})
def record_entry(
    request: HttpRequest, reference: str, payload: OcgEntryIn
) -> Status[dict[str, object]]:
    """Append a meeting decision or a briefing (never changed afterwards)."""
    user, ocg = _editable(request, reference)
    entry = services.add_entry(user, ocg, kind=payload.kind, on=payload.on, text=payload.text)
    return Status(201, _entry_out(entry))


@router.post("/ocgs/{reference}/nominals", response={201: OcgNominalOut, 422: Invalid, 404: Detail})
def add_nominal(
    request: HttpRequest, reference: str, payload: OcgNominalIn
) -> Status[dict[str, object]]:
    """Add a nominal; a professional enabler needs their profession."""
    user, ocg = _editable(request, reference)
    n = services.add_nominal(user, ocg, **payload.dict())
    return Status(
        201, {"name": n.name, "role": n.role, "profession": n.profession, "notes": n.notes}
    )


@router.post(
    "/ocgs/{reference}/status",
    response={200: OcgDetailOut, 422: Invalid, 404: Detail, 409: Detail},
)
def change_status(request: HttpRequest, reference: str, payload: OcgStatusIn) -> dict[str, object]:
    """Move the group along its lifecycle (archiving needs the evaluation first); 409 if
    someone moved it first."""
    user, ocg = _editable(request, reference)
    services.change_status(user, ocg, status=payload.status, reason=payload.reason)
    ocg.refresh_from_db()
    return _detail(user, ocg)
