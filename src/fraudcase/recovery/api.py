"""The recovery app's API operations (added to /api/v1 by fraudcase.api): the same services as
the pages, so the same access rules. An entry on a report the user may not see, or not given to
an officer outside the registers' roles, answers 404; so does an assessment of a SAR or report
the user may not see."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from fraudcase.accounts.models import User
from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Invalid, PageIn, one_of
from fraudcase.core.errors import InvalidInput
from fraudcase.ocg import rules as ocg_rules

from . import rules, services
from .models import EntryStep, FinancialAssessment, OfficerAccreditation, RegisterEntry, StepKind

router = Router(tags=["recovery"])


class RegisterEntryOut(Schema):
    id: int
    kind: one_of(rules.EntryKind)
    report: str
    ocg: str
    subject: str
    officer: str
    status: one_of(rules.Status)
    court: str
    seized_on: date | None
    applied_on: date | None
    granted_on: date | None
    served_on: date | None
    response_due: date | None
    received_on: date | None
    expires_on: date | None
    detained_until: date | None
    amount_gbp: Decimal | None
    benefit_gbp: Decimal | None
    available_gbp: Decimal | None
    pursued: bool
    pursuit_reason: str
    order_gbp: Decimal | None
    pay_by: date | None
    paid_gbp: Decimal
    outstanding_gbp: Decimal | None
    compensation_gbp: Decimal | None
    conditions: str
    reason: str
    next_deadline: date | None
    next_deadline_is: str


class RegisterEntryIn(Schema):
    report: str = Field(max_length=40, description="The report's local reference")
    ocg: str = Field("", max_length=20, description="OCG-000042, optional")
    subject: str = Field(max_length=200)
    officer: str = Field("", max_length=150, description="Username of the accredited officer")
    status: one_of(rules.Status)
    court: str = Field("", max_length=200)
    seized_on: Day | None = None
    applied_on: Day | None = None
    granted_on: Day | None = None
    served_on: Day | None = None
    response_due: Day | None = None
    received_on: Day | None = None
    expires_on: Day | None = None
    review_on: Day | None = None
    amount_gbp: str = Field("", max_length=20, description="In pounds, e.g. 1250.00")
    below_minimum_reason: str = ""
    benefit_gbp: str = Field("", max_length=20)
    available_gbp: str = Field("", max_length=20)
    pursued: bool = True
    pursuit_reason: str = ""
    order_gbp: str = Field("", max_length=20)
    pay_by: Day | None = None
    compensation_gbp: str = Field("", max_length=20)
    conditions: str = ""
    reason: str = ""
    notes: str = ""


class EntryStepIn(Schema):
    kind: one_of(StepKind)
    on: Day
    amount_gbp: str = Field("", max_length=20)
    until: Day | None = None
    court: str = Field("", max_length=200)
    text: str = ""


class EntryStepOut(Schema):
    kind: one_of(StepKind)
    on: date
    amount_gbp: Decimal | None
    until: date | None
    court: str
    text: str


class AccreditationOut(Schema):
    id: int
    officer: str
    kind: one_of(rules.Accreditation)
    awarded_on: date
    expires_on: date | None
    withdrawn_on: date | None


class AccreditationIn(Schema):
    officer: str = Field(max_length=150, description="Username")
    kind: one_of(rules.Accreditation)
    awarded_on: Day
    expires_on: Day | None = None
    reference: str = Field("", max_length=60)


class FinancialAssessmentOut(Schema):
    id: int
    report: str
    sar: str
    factors: dict[str, dict[str, Any]]
    recommendation: one_of(rules.Recommendation)
    rationale: str
    non_acceptance: str
    allocated_to: str
    assessed_on: date


class RecoveryFiguresOut(Schema):
    restraint_orders: int
    assets_traced_gbp: Decimal
    benefit_gbp: Decimal
    confiscated_gbp: Decimal
    recovered_gbp: Decimal


class FiguresIn(Schema):
    start: Day
    end: Day


def _entry(e: RegisterEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "report": e.report.local_reference,
        "ocg": ocg_rules.ocg_reference(e.ocg_id) if e.ocg_id else "",
        "subject": e.subject,
        "officer": e.officer.username if e.officer else "",
        **{
            name: getattr(e, name)
            for name in (
                "status",
                "court",
                "seized_on",
                "applied_on",
                "granted_on",
                "served_on",
                "response_due",
                "received_on",
                "expires_on",
                "detained_until",
                "amount_gbp",
                "benefit_gbp",
                "available_gbp",
                "pursued",
                "pursuit_reason",
                "order_gbp",
                "pay_by",
                "paid_gbp",
                "outstanding_gbp",
                "compensation_gbp",
                "conditions",
                "reason",
            )
        },
        "next_deadline": e.due_on,
        "next_deadline_is": e.due_what,
    }


@router.get(
    "/recovery/registers/{register_kind}", response=list[RegisterEntryOut], openapi_extra=PAGED
)
def list_entries(
    request: HttpRequest,
    response: HttpResponse,
    register_kind: one_of(rules.EntryKind),
    paged: Query[PageIn],
) -> list[dict[str, Any]]:
    """One register's entries you may see, newest first, a page at a time."""
    user = api_user(request)
    if not services.may_open(user):
        raise Http404("No such page")
    found = services.filtered_entries(user, kind=register_kind).order_by("-recorded_at", "-pk")
    page = paging.api_page(request, response, found, size=paged.page_size)
    services.audit_list(user, [e.pk for e in page.rows])
    return [_entry(e) for e in page.rows]


def _officer(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


@router.post("/recovery/registers/{register_kind}", response={201: RegisterEntryOut, 422: Invalid})
def record_entry(
    request: HttpRequest, register_kind: one_of(rules.EntryKind), payload: RegisterEntryIn
) -> Status[dict[str, Any]]:
    """Record an entry (the registers' roles). 422 when the officer holds no current
    accreditation the power needs (seed 001 §8) or a statutory threshold is not met."""
    data = payload.dict()
    officer = _officer(payload.officer)
    if payload.officer and officer is None:
        return Status(
            422, {"detail": "Not saved", "problems": {"officer": "No user has this username"}}
        )
    data["officer"] = officer
    try:
        entry = services.save_entry(api_user(request), register_kind, data)
    except InvalidInput as invalid:
        return Status(422, {"detail": "Not saved", "problems": invalid.problems})
    return Status(201, _entry(entry))


@router.get("/recovery/entries/{entry_pk}", response=RegisterEntryOut)
def get_entry(request: HttpRequest, entry_pk: int) -> dict[str, Any]:
    """One entry you may see (404 otherwise)."""
    return _entry(services.get_entry(api_user(request), entry_pk))


@router.get("/recovery/entries/{entry_pk}/steps", response=list[EntryStepOut])
def list_steps(request: HttpRequest, entry_pk: int) -> list[EntryStep]:
    """What happened to the entry: extensions, variations, payments, breaches."""
    return services.steps(services.get_entry(api_user(request), entry_pk))


@router.post("/recovery/entries/{entry_pk}/steps", response={201: EntryStepOut, 422: Invalid})
def add_step(request: HttpRequest, entry_pk: int, payload: EntryStepIn) -> Status[Any]:
    """Record an extension of detention (POCA s.295(2)), a variation or discharge, a payment,
    enforcement or a breach."""
    try:
        step = services.add_step(
            api_user(request),
            entry_pk,
            kind=payload.kind,
            on=payload.on,
            amount=payload.amount_gbp,
            until=payload.until,
            court=payload.court,
            text=payload.text,
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Not saved", "problems": invalid.problems})
    return Status(201, step)


def _accreditation(a: OfficerAccreditation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "officer": a.officer.username,
        "kind": a.kind,
        "awarded_on": a.awarded_on,
        "expires_on": a.expires_on,
        "withdrawn_on": a.withdrawn_on,
    }


@router.get("/recovery/accreditations", response=list[AccreditationOut], openapi_extra=PAGED)
def list_accreditations(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[dict[str, Any]]:
    """Every officer's accreditations (the ECU manager, financial intelligence), else yours."""
    found = services.accreditations(api_user(request)).order_by("officer__username", "kind", "pk")
    page = paging.api_page(request, response, found, size=paged.page_size)
    return [_accreditation(a) for a in page.rows]


@router.get(
    "/recovery/accreditations/expiring", response=list[AccreditationOut], openapi_extra=PAGED
)
def expiring_accreditations(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[dict[str, Any]]:
    """Accreditations expiring in the next 90 days, soonest first (the manager's list)."""
    found = services.expiring_accreditations(api_user(request), timezone.localdate())
    page = paging.api_page(request, response, found, size=paged.page_size)
    return [_accreditation(a) for a in page.rows]


@router.post("/recovery/accreditations", response={201: AccreditationOut, 422: Invalid})
def record_accreditation(request: HttpRequest, payload: AccreditationIn) -> Status[Any]:
    """Record an officer's accreditation (the ECU manager, financial intelligence)."""
    officer = _officer(payload.officer)
    if officer is None:
        return Status(
            422, {"detail": "Not saved", "problems": {"officer": "No user has this username"}}
        )
    try:
        made = services.record_accreditation(
            api_user(request),
            officer=officer,
            kind=payload.kind,
            awarded_on=payload.awarded_on,
            expires_on=payload.expires_on,
            reference=payload.reference,
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Not saved", "problems": invalid.problems})
    return Status(201, _accreditation(made))


@router.get("/recovery/assessments/{assessment_pk}", response=FinancialAssessmentOut)
def get_assessment(request: HttpRequest, assessment_pk: int) -> dict[str, Any]:
    """One financial crime assessment (App. E) of a report or SAR you may see (404 otherwise)."""
    a: FinancialAssessment = services.get_assessment(api_user(request), assessment_pk)
    return {
        "id": a.pk,
        "report": a.report.local_reference if a.report else "",
        "sar": a.sar.ukfiu_reference if a.sar else "",
        "factors": a.factors,
        "recommendation": a.recommendation,
        "rationale": a.rationale,
        "non_acceptance": a.non_acceptance,
        "allocated_to": a.allocated_to.username if a.allocated_to else "",
        "assessed_on": a.assessed_on,
    }


@router.get("/recovery/figures", response=RecoveryFiguresOut)
def figures(request: HttpRequest, period: Query[FiguresIn]) -> dict[str, Any]:
    """The asset recovery figures between `start` and `end`, over the entries you may see:
    restraint orders granted, assets traced, amounts confiscated and recovered."""
    user = api_user(request)
    if not services.may_keep(user):
        raise Http404("No such page")
    return services.figures(user, period.start, period.end)
