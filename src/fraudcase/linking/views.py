"""Pages of series and over-connected identifiers: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fraudcase.core import exports, paging
from fraudcase.core.errors import NotPermitted
from fraudcase.reports.services import visible_reports

from . import parts, person_services, rules, services
from .linkrun import correlation_cap


def series_list(request):
    """The series the user sees two or more reports of, largest first, then newest."""
    page = paging.paginate(request, services.visible_series(request.user))
    services.with_references(page.rows)
    return render(
        request,
        "linking/series_list.html",
        {
            "page": page,
            "may_run": rules.may_run(request.user.role),
            "may_review": services.may_review(request.user),
        },
    )


@require_POST
def start_run(request):
    try:
        job = services.start_run(request.user)
    except NotPermitted as refused:
        raise PermissionDenied(str(refused)) from None
    return redirect("job-detail", job_id=job.pk)


def series_detail(request, ref):
    """One series: its reports, victims, losses, dates, areas, identifiers, names and network,
    over the reports the user may see."""
    series = services.get_series(request.user, ref)
    if request.GET.get("export") in exports.CONTENT_TYPES:
        frame = pl.DataFrame(services.export_rows(request.user, series))
        return exports.download(frame, series.reference, request.GET["export"])
    net = services.network(request.user, series)
    page = paging.paginate(request, services.series_reports(request.user, series))
    return render(
        request,
        "linking/series_detail.html",
        {
            "series": series,
            "summary": services.summary(request.user, series),
            "page": page,
            "network": net,
            "graph": services.graph(net),
            # What higher apps add (fraudcase.ocg: create an OCG from the series, add to one).
            "parts": parts.series_parts(request.user, series),
        },
    )


def over_connected(request):
    """Identifiers on more reports than the cap, for an administrator to stop-list or allow."""
    if not services.may_review(request.user):
        raise Http404("No such page")
    page = paging.paginate(request, services.over_connected())
    return render(
        request,
        "linking/over_connected.html",
        {"page": page, "cap": correlation_cap()},
    )


@require_POST
def decide(request, over_id):
    if not services.may_review(request.user):
        raise Http404("No such page")
    row = services.decide(request.user, over_id, request.POST.get("decision", ""))
    done = "stop-listed" if request.POST.get("decision") == "stop" else "allowed to join series"
    messages.success(request, f"{row.value} {done}. It takes effect at the next linking run.")
    return redirect("over-connected")


@require_POST
def person_decide(request, ref):
    """An officer confirms or breaks the link between this report's victim and another's (from
    the report page); a report the user may not see does not exist for them."""
    report = visible_reports(request.user).filter(local_reference=ref).first()
    if report is None:
        raise Http404("No such report")
    try:
        person_services.decide(
            request.user,
            report,
            request.POST.get("other", ""),
            request.POST.get("decision", ""),
            request.POST.get("reason", ""),
        )
    except NotPermitted as refused:
        raise PermissionDenied(str(refused)) from None
    if request.POST.get("decision") == "confirm":
        messages.success(request, "Recorded as the same person.")
    else:
        messages.success(request, "Recorded as different people: the link is broken.")
    return redirect("report-detail", ref=ref)
