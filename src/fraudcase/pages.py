"""The pages made of every app's parts: the home page and the report page.

This module is at the top of the dependency order (docs/architecture.md): it may import every
app, and no app imports it. Each app gives its part of a page as a plain context dict.
"""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from fraudcase.casefile import views as casefile_views
from fraudcase.cases import caseload as case_caseload
from fraudcase.cases import clocks as case_clocks
from fraudcase.cases import services as case_services
from fraudcase.core import dates, paging
from fraudcase.core.errors import JustificationRequired
from fraudcase.intake import services as intake_services
from fraudcase.investigation import views as investigation_views
from fraudcase.linking import person_services as linking_person_services
from fraudcase.linking import services as linking_services
from fraudcase.ocg import services as ocg_services
from fraudcase.recovery import views as recovery_views
from fraudcase.reports import services as report_services
from fraudcase.reports.forms import LogEntryForm, SearchForm
from fraudcase.reports.views import justification_given, list_justification
from fraudcase.streams import cyber as stream_cyber
from fraudcase.triage import views as triage_views

# The home page's figures count up to this, then say "more than 1,000" (as each kind of deadline
# does): past it a figure says "a lot", which is all a summary needs, and each costs at most
# 1,001 index rows whatever the backlog; the lists behind them count further (issue 16).
HOME_COUNT_CAP = 1_000


def home(request):
    """What the user should know first: their deadlines of every kind, the cases newly
    allocated to them, and the reports they may see. Every count is bounded
    (core.paging.counts_up_to), the four figures read in one statement: the page costs the
    same over a thousand reports or a million."""
    today = timezone.localdate()
    reports = report_services.visible_reports(request.user)
    counts = [c for c in case_clocks.counts(request.user, case_clocks.MINE, today) if c.total]
    # Aware bounds of today in London: a range over the index on recorded_at, not a date cast.
    midnight, tomorrow = dates.start_of(today), dates.start_of(today + timedelta(days=1))
    report_count, recorded_today, recorded_late, to_double_key = paging.counts_up_to(
        [
            reports,
            reports.filter(recorded_at__gte=midnight, recorded_at__lt=tomorrow),
            # Read over the partial index report_late (the same condition).
            reports.filter(recorded_late=True),
            intake_services.calls_to_double_key(request.user),
        ],
        HOME_COUNT_CAP,
    )
    return render(
        request,
        "pages/home.html",
        {
            "deadlines": counts,
            "overdue": sum((c.overdue for c in counts), paging.Bounded(0)),
            "due_today": sum((c.due_today for c in counts), paging.Bounded(0)),
            "new_cases": case_caseload.new_allocations_panel(
                request.user, today, list_justification(request)
            ),
            "report_count": report_count,
            "recorded_today": recorded_today,
            "recorded_late": recorded_late,
            "to_double_key": to_double_key,
            "search_form": SearchForm(),
        },
    )


def report_detail(request, ref):
    """The report page: the record and its timeline, then triage's and the case's parts."""
    try:
        report = report_services.get_report(
            request.user, ref, justification=justification_given(request, ref)
        )
    except JustificationRequired:
        return redirect("report-justify", ref=ref)
    log_form = LogEntryForm(request.POST or None)
    if request.method == "POST" and log_form.is_valid():
        report_services.add_log_entry(request.user, report, log_form.cleaned_data["text"])
        messages.success(request, "Added to the enquiry log.")
        return redirect("report-detail", ref=ref)
    context = {
        "report": report,
        "nfrc_numbers": report_services.nfrc_numbers(report),
        "suspects": report.suspects.prefetch_related("identifiers"),
        "timeline": report_services.report_timeline(report),
        "attachments": report.attachments.all(),
        "log_form": log_form,
        "call": getattr(report, "call_for_service", None),
        "referral": getattr(report, "referral", None),
        "case_panel": case_services.panel(request.user, report),
        "routed": stream_cyber.report_part(request.user, report),
        # The series the report is in, counting only the other reports this user may see.
        "series": linking_services.report_part(request.user, report),
        # The victim's other reports (the same person, linked by probability) this user may see.
        "person": linking_person_services.report_part(request.user, report),
        # The organised crime groups the report is linked to, for a role that works them.
        "ocgs": ocg_services.report_part(request.user, report),
        "investigation": investigation_views.report_part(request.user, report),
        "casefile": casefile_views.report_part(request.user, report),
        # The App. E assessments and register entries on the report (recovery).
        "recovery": recovery_views.report_part(request.user, report),
    }
    context.update(triage_views.report_part(request.user, report))
    context["back_href"] = back_to(request)
    return render(request, "pages/report.html", context)


def back_to(request) -> str:
    """The list or search the page was opened from (`?next=`), if it is an address on this
    site; "" otherwise (never another site: an open redirect would be a phishing aid)."""
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") and not target.startswith("//") else ""
