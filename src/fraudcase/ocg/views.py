"""Pages of organised crime groups: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.linking import services as linking_services

from . import anx, network, rules, services
from .forms import (
    EntryForm,
    EvaluationForm,
    NominalForm,
    OcgForm,
    ReportLinkForm,
    StatusForm,
    ThreatForm,
)

ANX_TYPE = "application/xml; charset=utf-8"


def _reader(request) -> None:
    if not services.may_read(request.user):
        raise Http404("No such page")


def _problems(form, invalid: InvalidInput) -> None:
    for name, problem in invalid.problems.items():
        form.add_error(name if name in form.fields else None, problem)


def ocg_list(request):
    """Every group, most recently changed first, filtered by status; csv and xlsx."""
    _reader(request)
    status = request.GET.get("status", "")
    found = services.visible_ocgs(request.user, status=status)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = services.list_rows(request.user, list(found[: paging.COUNT_CAP]))
        frame = pl.DataFrame(rows, schema=list(rows[0]) if rows else ["reference"])
        return exports.download(frame, "organised-crime-groups", fmt)
    page = paging.paginate(request, found)
    seen = services.reports_seen(request.user, [g.pk for g in page.rows])
    for g in page.rows:
        g.reports_seen = seen.get(g.pk, 0)
    return render(
        request,
        "ocg/ocg_list.html",
        {
            "page": page,
            "status": status,
            "statuses": rules.OcgStatus.choices,
            "may_edit": services.may_edit(request.user),
        },
    )


def ocg_new(request):
    """Record a group by hand, or from a series (`?series=S-...`: it takes the series' reports
    the user may see)."""
    if not services.may_edit(request.user):
        raise Http404("No such page")
    series_ref = request.POST.get("series") or request.GET.get("series", "")
    series = linking_services.get_series(request.user, series_ref) if series_ref else None
    initial = {"name": f"Series {series.reference}"} if series else {}
    form = OcgForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ocg = services.create_ocg(
                request.user,
                series_reference=series.reference if series else "",
                **form.cleaned_data,
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"{ocg.reference} {ocg.name} recorded.")
            return redirect("ocg-detail", ocg_ref=ocg.reference)
    return render(request, "ocg/ocg_new.html", {"form": form, "series": series})


def ocg_detail(request, ocg_ref):
    """One group: details, threat, nominals, series, reports the user may see, roll-up of
    disruption and outcomes, dated entries and the evaluation; xlsx/csv of its network."""
    ocg = services.get_ocg(request.user, ocg_ref)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        net = network.network(request.user, ocg)
        network.audit_export(request.user, ocg, fmt, net)
        rows = network.network_rows(net)
        columns = ["from_type", "from", "link", "to_type", "to", "to_detail"]
        return exports.download(pl.DataFrame(rows, schema=columns), ocg.reference, fmt)
    editing = services.may_edit(request.user, ocg)
    return render(
        request,
        "ocg/ocg_detail.html",
        {
            "ocg": ocg,
            "rollup": services.rollup(request.user, ocg),
            "reports": paging.paginate(
                request, services.ocg_reports(request.user, ocg), prefix="r"
            ),
            "entries": paging.paginate(request, services.entries(ocg), prefix="e"),
            "nominals": list(services.nominals(ocg)),
            "series": list(services.linked_series(ocg)),
            "may_edit": editing,
            "next_statuses": rules.next_statuses(ocg.status) if editing else [],
            "may_evaluate": editing and rules.may_evaluate(ocg.status),
            "closing": ocg.status in rules.CLOSED
            or rules.OcgStatus.ARCHIVED in rules.next_statuses(ocg.status),
        },
    )


def ocg_chart(request, ocg_ref):
    """The group's network as an i2 Analyst's Notebook chart (.anx)."""
    ocg = services.get_ocg(request.user, ocg_ref, what="Charted")
    net = network.network(request.user, ocg)
    network.audit_export(request.user, ocg, "an i2 chart", net)
    return _anx(anx.chart(net), ocg.reference)


def series_chart(request, reference):
    """A series' network as an i2 Analyst's Notebook chart (.anx), over what the user sees."""
    _reader(request)
    series = linking_services.get_series(request.user, reference)
    net = network.series_network(request.user, series)
    network.audit_series_export(request.user, series, "an i2 chart", net)
    return _anx(anx.chart(net), series.reference)


def _anx(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ANX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.anx"'
    return response


def _form_page(request, ocg_ref, form_class, act, *, title, done, form_kwargs=None):
    """A form about one group: shown, checked, handed to `act(ocg, **cleaned)`."""
    ocg = services.get_ocg(request.user, ocg_ref)
    if not services.may_edit(request.user, ocg):
        raise Http404("No such page")
    form = form_class(request.POST or None, **(form_kwargs(ocg) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            act(ocg, **form.cleaned_data)
        except InvalidInput as invalid:
            _problems(form, invalid)
        except (Conflict, NotPermitted) as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, done)
            return redirect("ocg-detail", ocg_ref=ocg.reference)
    return render(request, "ocg/form.html", {"ocg": ocg, "form": form, "title": title})


def ocg_edit(request, ocg_ref):
    ocg = services.get_ocg(request.user, ocg_ref)
    if not services.may_edit(request.user, ocg):
        raise Http404("No such page")
    initial = {"name": ocg.name, "description": ocg.description, "lead_officer": ocg.lead_officer}
    form = OcgForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(request.user, ocg, **form.cleaned_data)
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, "Details saved.")
            return redirect("ocg-detail", ocg_ref=ocg.reference)
    return render(request, "ocg/form.html", {"ocg": ocg, "form": form, "title": "Change details"})


def ocg_nominal(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        NominalForm,
        lambda ocg, **data: services.add_nominal(request.user, ocg, **data),
        title="Add a nominal",
        done="Nominal added.",
    )


def ocg_entry(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        EntryForm,
        lambda ocg, **data: services.add_entry(request.user, ocg, **data),
        title="Record a decision or briefing",
        done="Entry recorded.",
    )


def ocg_threat(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        ThreatForm,
        lambda ocg, **data: services.assess_threat(request.user, ocg, **data),
        title="Assess the threat",
        done="Threat assessment saved.",
    )


def ocg_status(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        StatusForm,
        lambda ocg, **data: services.change_status(request.user, ocg, **data),
        title="Change the status",
        done="Status changed.",
        form_kwargs=lambda ocg: {"current": ocg.status},
    )


def ocg_evaluation(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        EvaluationForm,
        lambda ocg, **data: services.record_evaluation(request.user, ocg, **data),
        title="Evaluate the OCG",
        done="Evaluation saved.",
        form_kwargs=lambda ocg: {
            "initial": {"worked": ocg.evaluation_worked, "improve": ocg.evaluation_improve}
        },
    )


def ocg_add_report(request, ocg_ref):
    return _form_page(
        request,
        ocg_ref,
        ReportLinkForm,
        lambda ocg, **data: services.add_report(request.user, ocg, **data),
        title="Link a report",
        done="Report linked.",
    )


@require_POST
def add_series(request):
    """From a series page: link the series (and its reports the user may see) to a group."""
    ocg = services.get_ocg(request.user, request.POST.get("ocg", ""))
    if not services.may_edit(request.user, ocg):
        raise Http404("No such page")
    taken = services.add_series(request.user, ocg, request.POST.get("series", ""))
    messages.success(request, f"Series linked to {ocg.reference}: {taken} new reports.")
    return redirect("ocg-detail", ocg_ref=ocg.reference)
