"""django-ninja routes of the report itself: search, the report, its enquiry log. The same
services, and so the same access rules, as the pages."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from fraudcase.accounts.models import HandlingMarking
from fraudcase.accounts.services import api_user
from fraudcase.audit.models import AuditAction
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Detail, Invalid, PageIn, one_of

from . import services
from .models import EntryKind, IdentifierKind, Report, ReportStatus, Source, VictimType

router = Router(tags=["reports"])


class MovedOut(Schema):
    local_reference: str
    status: one_of(ReportStatus)


def moved(report: Report) -> dict[str, str]:
    """The report's reference and the status it is in now."""
    report.refresh_from_db()
    return {"local_reference": report.local_reference, "status": report.status}


ANSWERS = {200: MovedOut, 409: Detail, 422: Invalid}


# What a route that moves a report answers: the report moved, or 409/422 with the reason.
MoveAnswer = dict[str, str] | Status[dict[str, object]]


def run_move(report: Report, action: Callable[[], object]) -> MoveAnswer:
    """Run a service that moves or changes a report and answer its new status. A Conflict
    (409) or InvalidInput (422 with problems) is answered by the API's own handlers
    (fraudcase.api), as for every route."""
    action()
    return moved(report)


class ReportSummary(Schema):
    local_reference: str
    source: one_of(Source)
    status: one_of(ReportStatus)
    handling_marking: one_of(HandlingMarking)
    received_at: datetime
    victim_name: str
    postcode: str
    fraud_type: str
    loss_gbp: Decimal | None


class IdentifierOut(Schema):
    kind: one_of(IdentifierKind)
    raw: str
    normalised: str


class SuspectOut(Schema):
    name: str
    identifiers: list[IdentifierOut]


class LogEntryOut(Schema):
    at: datetime
    kind: one_of(EntryKind)
    author: str
    text: str


class VictimOut(Schema):
    victim_type: one_of(VictimType)
    forename: str
    surname: str
    business_name: str
    dob: date | None
    address: str
    postcode: str
    phone: str
    email: str


class ReportOut(ReportSummary):
    nfrc_numbers: list[str]
    package_ref: str | None
    recording_deadline: datetime
    recorded_at: datetime
    narrative: str
    victim: VictimOut
    suspects: list[SuspectOut]
    timeline: list[LogEntryOut]


class LogEntryIn(Schema):
    text: str


def justification(request: HttpRequest) -> str:
    """The reason given for restricted records: the X-Justification header."""
    return request.headers.get("X-Justification", "")


def summary(report: Report) -> dict[str, object]:
    """The fields every list of reports shows."""
    return {
        "local_reference": report.local_reference,
        "source": report.source,
        "status": report.status,
        "handling_marking": report.handling_marking,
        "received_at": report.received_at,
        "victim_name": report.victim.display_name,
        "postcode": report.victim.postcode,
        "fraud_type": report.fraud_type,
        "loss_gbp": report.loss_gbp,
    }


@router.get("/reports", response=list[ReportSummary], openapi_extra=PAGED)
def find_reports(
    request: HttpRequest,
    response: HttpResponse,
    q: str,
    paged: Query[PageIn],
    limit: int | None = None,
) -> list[dict[str, object]]:
    """Reports matching a local reference, NFRC number, victim name, postcode or identifier,
    newest received first, a page at a time: `X-Total-Count` says how many there are and
    `Link` where the other pages are.

    When any report on the page is restricted, the `X-Justification` header is needed (428
    without it, naming how many are restricted), as for a single restricted report."""
    user = api_user(request)
    found = services.search_page(user, q)
    # `limit` is the old name of page_size (any number, held between 1 and 500).
    size = limit or paged.page_size
    shown = paging.api_page(
        request,
        response,
        found.shown,
        size=size,
        counted=found.counted,
        cap=paging.SEARCH_COUNT_CAP,
    ).rows
    services.audit_search(
        user,
        q,
        [r.local_reference for r in shown],
        disclosure=True,
        justification=justification(request),
    )
    return [summary(r) for r in shown]


@router.post("/reports/{path:ref}/log", response={201: LogEntryOut})
def add_log_entry(request: HttpRequest, ref: str, payload: LogEntryIn) -> Status[dict[str, object]]:
    with transaction.atomic():
        report = services.get_report(api_user(request), ref, justification=justification(request))
        entry = services.add_log_entry(api_user(request), report, payload.text)
    return Status(
        201,
        {"at": entry.at, "kind": entry.kind, "author": str(api_user(request)), "text": entry.text},
    )


# Defined after the longer /reports/{ref}/... routes: a reference contains slashes.
@router.get("/reports/{path:ref}", response=ReportOut)
def get_report(request: HttpRequest, ref: str) -> dict[str, object]:
    report = services.get_report(
        api_user(request),
        ref,
        justification=justification(request),
        purpose=AuditAction.DISCLOSURE,
    )
    victim = report.victim
    return {
        **summary(report),
        "nfrc_numbers": services.nfrc_numbers(report),
        "package_ref": report.package.package_ref if report.package else None,
        "recording_deadline": report.recording_deadline,
        "recorded_at": report.recorded_at,
        "narrative": report.narrative,
        "victim": {f: getattr(victim, f) for f in VictimOut.model_fields},
        "suspects": [
            {
                "name": s.name,
                "identifiers": [
                    {"kind": i.kind, "raw": i.raw, "normalised": i.normalised}
                    for i in s.identifiers.all()
                ],
            }
            for s in report.suspects.prefetch_related("identifiers")
        ],
        "timeline": [
            {"at": e.at, "kind": e.kind, "author": str(e.author or "system"), "text": e.text}
            for e in services.report_timeline(report)
        ],
    }
