"""The returns app's API operations (added to /api/v1 by fraudcase.api): a month's NFIB return
and the reconciliation of NFRC numbers, from the same services as the pages, so the same
access rules (the VFT supervisor and the analyst; need-to-know on every row and count)."""

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema

from fraudcase.accounts.services import api_user
from fraudcase.audit.models import AuditAction
from fraudcase.cases.rules import HOME_OFFICE_OUTCOMES
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Detail, PageIn, one_of
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import ReportStatus
from fraudcase.reports.models import Report

from . import rules, services
from .rules import MonthState, NFRCState

router = Router(tags=["returns"])


def _justification(request: HttpRequest) -> str:
    return request.headers.get("X-Justification", "")


class ReturnRowOut(Schema):
    nfrc: str
    local_reference: str
    outcome: int
    outcome_label: str
    outcome_date: date
    crime: bool
    team: str
    correction: bool


class ReturnOut(Schema):
    month: str
    due: date
    state: one_of(MonthState)
    outcomes: int
    corrections: int
    sent_at: datetime | None
    sent_by: str
    sha256: str
    rows: list[ReturnRowOut]


@router.get("/returns/nfib/{month}", response={200: ReturnOut, 428: Detail}, openapi_extra=PAGED)
def nfib_return(
    request: HttpRequest, response: HttpResponse, month: str, paged: Query[PageIn]
) -> dict[str, object]:
    """One month's NFIB outcome return (`YYYY-MM`): its due date, state, counts, and its rows a
    page at a time in NFRC order (`X-Total-Count` and `Link` in the headers). A sent return
    answers the rows as sent. Rows of restricted reports need `X-Justification` (428)."""
    user = api_user(request)
    services.require_reader(user)
    first = rules.parse_month(month)
    if rules.month_problem(first, timezone.localdate()):
        raise Http404("No such month")
    assert first is not None
    ret = services.month_return(user, first.year, first.month)
    page = paging.api_page(request, response, ret.rows, size=paged.page_size)
    report_services.disclose(
        user,
        Report.objects.filter(pk__in=[r["report_id"] for r in page.rows if r["report_id"]]),
        _justification(request),
        listing=f"nfib-return-{ret.key}",
        summary=f"API: the NFIB return for {ret.key} (page {page.number}: {len(page.rows)})",
    )
    record = ret.record
    return {
        "month": ret.key,
        "due": ret.due,
        "state": ret.state,
        "outcomes": ret.outcomes,
        "corrections": ret.corrections,
        "sent_at": record.sent_at if record else None,
        "sent_by": str(record.sent_by) if record and record.sent_by else "",
        "sha256": record.sha256 if record else "",
        "rows": [
            {
                **r,
                "outcome_label": HOME_OFFICE_OUTCOMES.get(r["outcome"], ""),
                "outcome_date": timezone.localtime(r["finalised_at"]).date(),
            }
            for r in page.rows
        ],
    }


class GapOut(Schema):
    nfrc: str
    local_reference: str
    state: one_of(NFRCState)
    stage: one_of(ReportStatus)
    received_at: datetime
    age_days: int
    outcome: int | None


class ReconciliationOut(Schema):
    counts: dict[str, int]
    total: int
    gaps: list[GapOut]


@router.get(
    "/returns/reconciliation", response={200: ReconciliationOut, 428: Detail}, openapi_extra=PAGED
)
def reconciliation(
    request: HttpRequest,
    response: HttpResponse,
    paged: Query[PageIn],
    state: one_of(rules.GAP_STATES, "") = "",
) -> dict[str, object]:
    """How many NFRC numbers are in each state (`returned`, `erased`, `transferred`,
    `not_returned`, `open`; they add up to `total`), and the gap list (every state but
    `returned`, or one `state`), oldest received first, a page at a time."""
    user = api_user(request)
    services.require_reader(user)
    today = timezone.localdate()
    found = services.reconciliation(user)
    page = paging.api_page(request, response, services.gap_list(user, state), size=paged.page_size)
    report_services.disclose(
        user,
        Report.objects.filter(pk__in=[r["report_id"] for r in page.rows]),
        _justification(request),
        listing="nfrc-reconciliation",
        summary=f"API: the NFRC gap list (page {page.number}: {len(page.rows)})",
        action=AuditAction.CONSULTATION,
    )
    return {
        "counts": {s.value: n for s, n in found.counts.items()},
        "total": found.total,
        "gaps": [{**r, "age_days": services.age_days(r["received_at"], today)} for r in page.rows],
    }
