"""Performance pages: the dashboard, the reports behind a figure, the pack downloads and the
dip sample (request -> service -> template)."""

from datetime import date

import polars as pl
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.reports import services as report_services
from fraudcase.reports.views import EXPORT_ROWS, list_justification

from . import charts, documents, rules, services
from .models import DipResult, DipSample
from .registry import MEASURES, Scope

SORTS = {
    "received": paging.Sort("Received", ("received_at", "id")),
    "reference": paging.Sort("Reference", ("local_reference",)),
}


def _reader(request) -> None:
    if not services.may_read(request.user):
        raise Http404("The performance pack is for the ECU manager, analysts and supervisors")


def _scope(request) -> Scope:
    """The month asked for (the last complete month unless one is chosen) and the team."""
    parsed = rules.parse_month(request.GET.get("month", ""))
    year, month = parsed or rules.last_complete_month(timezone.localdate())
    team = request.GET.get("team", "")
    chosen = int(team) if team.isdigit() and 0 < int(team) < 2**31 else None
    return Scope(year, month, chosen if chosen and services.team_exists(chosen) else None)


def _query(scope: Scope, **more: str) -> str:
    params = {"month": scope.month_text, **({"team": str(scope.team_id)} if scope.team_id else {})}
    return urlencode({**params, **more})


def dashboard(request):
    """The month, its financial year to date and the same month last year, each figure a link to
    the reports behind it, each chart beside its table."""
    _reader(request)
    scope = _scope(request)
    computed = services.pack(request.user, scope.year, scope.month, scope.team_id)
    sections = []
    for c in computed:
        spec = c.measure.chart(c.table) if c.measure.chart else None
        sections.append(
            {
                "measure": c.measure,
                "table": c.table,
                "svg": mark_safe(charts.svg(spec)) if spec else "",  # noqa: S308 (vl-convert's own SVG)
                "rows": [
                    [
                        (
                            str(cell),
                            _figure_url(scope, c.measure.key, cell.figure)
                            if cell.figure and c.measure.reports
                            else cell.href,
                        )
                        for cell in row
                    ]
                    for row in c.table.rows
                ],
            }
        )
    return render(
        request,
        "performance/dashboard.html",
        {
            "scope": scope,
            "periods": scope.periods,
            "sections": sections,
            "teams": services.teams(),
            "month_value": scope.month_text,
            "query": _query(scope),
            "may_draw": rules.may_review_dip_sample(request.user.role),
        },
    )


def _figure_url(scope: Scope, key: str, figure: str) -> str:
    return f"/performance/reports/?{_query(scope, measure=key, figure=figure)}"


def pack_download(request, fmt: str):
    """The same figures as the dashboard, as a PDF (charts included) or an xlsx (a sheet per
    measure). Counts only, no personal data: no disclosure gate is needed."""
    _reader(request)
    if fmt not in ("pdf", "xlsx"):
        raise Http404("No such format")
    scope = _scope(request)
    computed = services.pack(request.user, scope.year, scope.month, scope.team_id)
    team = next((t.name for t in services.teams() if t.pk == scope.team_id), "")
    body = documents.pdf(computed, scope, team) if fmt == "pdf" else documents.xlsx(computed, scope)
    response = HttpResponse(body, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="performance-{scope.month_text}.{fmt}"'
    return response


def figure_reports(request):
    """The reports behind one figure: a bounded, paged list of what the user may see, exported
    through the disclosure gate."""
    _reader(request)
    scope = _scope(request)
    key = request.GET.get("measure", "")
    figure = request.GET.get("figure", "")
    found = services.reports_behind(request.user, scope, key, figure)
    if found is None:
        raise Http404("No such figure")
    measure = MEASURES[key]
    found = found.select_related("victim")
    listing = f"performance-{key}"
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = list(found.order_by("-received_at", "-id")[:EXPORT_ROWS])
        report_services.disclose(
            request.user,
            [r.local_reference for r in rows],
            list_justification(request),
            listing=listing,
            summary=f"Exported the {len(rows)} reports behind a figure of {measure.title}",
        )
        frame = pl.DataFrame(
            [
                (
                    r.local_reference,
                    r.received_at.date().isoformat(),
                    r.get_source_display(),
                    r.get_status_display(),
                    getattr(getattr(r, "victim", None), "display_name", ""),
                )
                for r in rows
            ],
            schema=["reference", "received", "source", "status", "victim"],
            orient="row",
        )
        return exports.download(frame, listing, fmt)
    page = paging.paginate(request, found, sorts=SORTS, default="received", default_order="desc")
    report_services.disclose(
        request.user,
        page.rows,
        list_justification(request),
        listing=listing,
        summary=f"Viewed the reports behind a figure of {measure.title} (page {page.number})",
        action=AuditAction.CONSULTATION,
    )
    return render(
        request,
        "performance/reports.html",
        {
            "measure": measure,
            "figure": figure,
            "scope": scope,
            "page": page,
            "back": f"/performance/?{_query(scope)}#{key}",
            "export": f"?{_query(scope, measure=key, figure=figure)}",
        },
    )


# ---------------------------------------------------------------- dip sample


def dip_samples(request):
    _reader(request)
    today = timezone.localdate()
    return render(
        request,
        "performance/dip_samples.html",
        {
            "samples": list(services.dip_samples(request.user)[:40]),
            "may_draw": rules.may_review_dip_sample(request.user.role),
            "quarter": rules.add_months(rules.quarter_of(today), -3).strftime("%Y-%m"),
            "default_n": rules.DEFAULT_DIP_SAMPLE,
            "errors": {},
        },
    )


@require_POST
def dip_sample_draw(request):
    _reader(request)
    parsed = rules.parse_month(request.POST.get("quarter", ""))
    size = request.POST.get("per_team", "")
    seed = request.POST.get("seed", "").strip()
    errors = {}
    if parsed is None:
        errors["quarter"] = "Enter the quarter as a month, like 2026-07"
    if not size.isdigit():
        errors["per_team"] = "Enter how many reports per team, as a number"
    if seed and not seed.isdigit():
        errors["seed"] = "The seed is a whole number, or leave it blank"
    if not errors:
        assert parsed is not None
        try:
            sample = services.draw_dip_sample(
                request.user, date(*parsed, 1), int(size), int(seed) if seed else None
            )
        except InvalidInput as invalid:
            errors.update(invalid.problems)
        except NotPermitted as refused:
            raise Http404(str(refused)) from refused
        else:
            messages.success(request, f"Drew {sample}")
            return redirect("performance-dip-sample", sample_id=sample.pk)
    return render(
        request,
        "performance/dip_samples.html",
        {
            "samples": list(services.dip_samples(request.user)[:40]),
            "may_draw": True,
            "quarter": request.POST.get("quarter", ""),
            "default_n": size,
            "seed": seed,
            "errors": errors,
        },
        status=400,
    )


def dip_sample(request, sample_id: int):
    """The sample's reports, for a supervisor to review and record a result for each."""
    _reader(request)
    sample = get_object_or_404(DipSample, pk=sample_id)
    if request.method == "POST":
        item = request.POST.get("item", "")
        try:
            services.record_dip_result(
                request.user,
                int(item) if item.isdigit() else 0,
                request.POST.get("result", ""),
                request.POST.get("notes", ""),
            )
        except InvalidInput as invalid:
            messages.error(request, " ".join(invalid.problems.values()))
        except NotPermitted as refused:
            raise Http404(str(refused)) from refused
        else:
            messages.success(request, "Review recorded")
        return redirect("performance-dip-sample", sample_id=sample.pk)
    items = services.dip_items(request.user, sample)
    page = paging.paginate(request, items)
    report_services.disclose(
        request.user,
        page.rows,
        list_justification(request),
        listing=f"dip-sample-{sample.pk}",
        summary=f"Viewed {sample} (page {page.number})",
        action=AuditAction.CONSULTATION,
    )
    return render(
        request,
        "performance/dip_sample.html",
        {
            "sample": sample,
            "page": page,
            "results": [(r.value, r.label) for r in DipResult if r != DipResult.PENDING],
            "may_review": rules.may_review_dip_sample(request.user.role),
        },
    )
