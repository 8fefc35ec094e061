"""The returns pages: the months, one month's return (download, mark as sent), and the
reconciliation of every NFRC number (seed 001 §5.7; seed 002 ¶14, ¶64)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import ReportStatus
from fraudcase.reports.models import Report
from fraudcase.reports.views import EXPORT_ROWS, list_justification

from . import rules, services
from .rules import NFRCState

MONTH_SORTS = {"nfrc": paging.Sort("NFRC number", ("nfrc",))}
MONTHS_SORTS = {"month": paging.Sort("Month", ("month",))}


def _month(text: str):
    month = rules.parse_month(text)
    if rules.month_problem(month, timezone.localdate()):
        raise Http404("No such month")
    assert month is not None
    return month


def months(request):
    """The months' returns, newest first, each with its due date, state and counts."""
    services.require_reader(request.user)
    today = timezone.localdate()
    page = paging.paginate(
        request,
        services.months(request.user, today),
        sorts=MONTHS_SORTS,
        default="month",
        default_order="desc",
        size=12,
    )
    current = today.replace(day=1)
    listed = [r.month for r in page.rows]
    page.rows = services.month_counts(request.user, list(page.rows), today)
    return render(
        request,
        "returns/months.html",
        {
            "page": page,
            "current": None
            if current in listed or page.number > 1
            else services.month_return(request.user, current.year, current.month, today),
            "may_send": services.may_send(request.user),
        },
    )


def month(request, month: str):
    """One month's return: its rows a page at a time, the download, and "mark as sent"."""
    services.require_reader(request.user)
    first = _month(month)
    today = timezone.localdate()
    ret = services.month_return(request.user, first.year, first.month, today)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        content, name = services.export_return(request.user, ret, fmt, list_justification(request))
        response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    page = paging.paginate(request, ret.rows, sorts=MONTH_SORTS, default="nfrc")
    report_services.disclose(
        request.user,
        Report.objects.filter(pk__in=[r["report_id"] for r in page.rows if r["report_id"]]),
        list_justification(request),
        listing=f"nfib-return-{ret.key}",
        summary=f"Viewed the NFIB return for {ret.key} (page {page.number}: {len(page.rows)})",
        action=AuditAction.CONSULTATION,
    )
    page.rows = [_row(r) for r in page.rows]
    problem = None if ret.state == rules.MonthState.SENT else services.send_problem(first, today)
    return render(
        request,
        "returns/month.html",
        {
            "ret": ret,
            "page": page,
            "may_send": services.may_send(request.user)
            and ret.state != rules.MonthState.SENT
            and problem is None
            and not ret.closed,
            "send_problem": problem,
        },
    )


def _row(r: dict) -> dict:
    return {
        **r,
        "outcome_label": services.HOME_OFFICE_OUTCOMES.get(r["outcome"], ""),
        "outcome_date": timezone.localtime(r["finalised_at"]).date(),
        "crime_label": rules.crime_label(r["crime"]),
    }


@require_POST
def mark_sent(request, month: str):
    """The supervisor records that this month's return was sent (the file kept, its SHA-256)."""
    if not services.may_send(request.user):
        raise Http404("No such page")
    first = _month(month)
    fmt = request.POST.get("format", "csv")
    try:
        record = services.mark_sent(
            request.user, first.year, first.month, fmt, list_justification(request)
        )
    except Conflict as refused:
        messages.error(request, str(refused))
        return redirect("nfib-return", month=month)
    messages.success(
        request,
        f"The return for {first:%B %Y} is marked as sent ({record.rows_sent} rows); "
        "its file and SHA-256 are kept below.",
    )
    return redirect("nfib-return", month=month)


@require_POST
def refresh(request):
    """Make the return of every month that holds outcomes (for outcomes loaded in bulk)."""
    if not services.may_send(request.user):
        raise Http404("No such page")
    made = services.ensure_months()
    messages.success(request, f"Returns made for {made} more months.")
    return redirect("nfib-returns")


def reconciliation(request):
    """Every NFRC number in exactly one state, and the gap list a page at a time."""
    services.require_reader(request.user)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    if state not in rules.GAP_STATES:
        state = ""
    gaps = services.gap_list(request.user, state)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = list(gaps[:EXPORT_ROWS])
        report_services.disclose(
            request.user,
            Report.objects.filter(pk__in=[r["report_id"] for r in rows]),
            list_justification(request),
            listing="nfrc-reconciliation",
            summary=f"Exported the NFRC gap list ({len(rows)} rows)",
        )
        return exports.download(services.gap_frame(rows, today), "nfrc-gap-list", fmt)
    found = services.reconciliation(request.user)
    page = paging.paginate(request, gaps)
    report_services.disclose(
        request.user,
        Report.objects.filter(pk__in=[r["report_id"] for r in page.rows]),
        list_justification(request),
        listing="nfrc-reconciliation",
        summary=f"Viewed the NFRC gap list (page {page.number}: {len(page.rows)})",
        action=AuditAction.CONSULTATION,
    )
    page.rows = [
        {
            **r,
            "state_label": NFRCState(r["state"]).label,
            "stage_label": ReportStatus(r["stage"]).label if r["stage"] else "",
            "age": services.age_days(r["received_at"], today),
        }
        for r in page.rows
    ]
    most = max(found.counts.values(), default=0) or 1
    return render(
        request,
        "returns/reconciliation.html",
        {
            "found": found,
            "chart": [(s, n, round(100 * n / most)) for s, n in found.counts.items()],
            "states": rules.GAP_STATES,
            "state": state,
            "page": page,
        },
    )
