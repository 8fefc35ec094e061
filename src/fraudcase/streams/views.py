"""Pages for ILOR/EIO requests and Banking Protocol incidents: request -> service -> template.

A role that does not work a stream gets 404 for its pages (the page does not exist for
them), as elsewhere."""

from datetime import timedelta

import polars as pl
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.core.forms import filled

from . import cyber_rules, measures, rules, services
from .forms import EraseForm, IncidentForm, MoveForm, RequestForm

# An export holds at most this many rows (the newest first): narrow the filters for more.
EXPORT_ROWS = paging.COUNT_CAP

REQUEST_SORTS = {
    "received": paging.Sort("Received", ("received_on",)),
    "due": paging.Sort("Due", ("due_on",), unindexed=True),
}


def _export(request, user, frame: pl.DataFrame, name: str, what: str):
    audit.record(
        user, AuditAction.DISCLOSURE, "list", name, f"Exported {frame.height} {what}"[:200]
    )
    return exports.download(frame, name, request.GET["export"])


def _add_problems(form, invalid: InvalidInput) -> None:
    for field, problem in invalid.problems.items():
        form.add_error(field if field in form.fields else None, problem)


def streams_home(request):
    """The demand streams this role works (the menu's *Other demand*)."""
    user = request.user
    ilor, banking = services.may_read_requests(user), services.may_read_incidents(user)
    cyber = cyber_rules.may_read(user.role, cyber_rules.RoutedList.CYBER)
    support = cyber_rules.may_read(user.role, cyber_rules.RoutedList.VICTIM_SUPPORT)
    if not (ilor or banking or cyber or support):
        raise Http404("No such page")
    return render(
        request,
        "streams/index.html",
        {"ilor": ilor, "banking": banking, "cyber": cyber, "support": support},
    )


# ---------------------------------------------------------------- ILOR/EIO requests


def request_list(request):
    """ILOR and EIO requests, newest received first, filtered by state, kind and country."""
    user = request.user
    if not services.may_read_requests(user):
        raise Http404("No such page")
    filters = {k: request.GET.get(k, "") for k in ("state", "kind", "country", "due")}
    month = services.parse_month(request.GET.get("month", ""))
    filters["month"] = request.GET.get("month", "") if month else ""
    found = services.filtered_requests(
        user, **{k: v for k, v in filters.items() if k != "month"}, month=month
    )
    if request.GET.get("export") in exports.CONTENT_TYPES:
        rows = list(found.order_by("-received_on", "-pk")[:EXPORT_ROWS])
        frame = pl.DataFrame(
            [
                (
                    r.reference,
                    r.get_kind_display(),
                    rules.country_name(r.country),
                    r.authority,
                    r.their_reference,
                    r.received_on.isoformat(),
                    r.get_asked_for_display(),
                    r.asked_for_detail,
                    str(r.officer or ""),
                    str(r.team),
                    r.get_state_display(),
                    r.due_on.isoformat(),
                    r.assessed_on.isoformat() if r.assessed_on else "",
                    r.sent_on.isoformat() if r.sent_on else "",
                    r.completed_on.isoformat() if r.completed_on else "",
                    r.decline_reason,
                )
                for r in rows
            ],
            schema=[
                "reference",
                "kind",
                "country",
                "authority",
                "their_reference",
                "received_on",
                "asked_for",
                "asked_for_detail",
                "officer",
                "team",
                "state",
                "response_due",
                "assessed_on",
                "sent_on",
                "completed_on",
                "decline_reason",
            ],
            orient="row",
        )
        return _export(request, user, frame, "ilor-eio-requests", "ILOR/EIO requests")
    page = paging.paginate(
        request, found, sorts=REQUEST_SORTS, default="received", default_order="desc"
    )
    return render(
        request,
        "streams/request_list.html",
        {
            "page": page,
            "filters": filters,
            "states": rules.RequestState.choices,
            "kinds": rules.RequestKind.choices,
            "countries": rules.COUNTRIES,
            "dues": services.DUE_FILTERS.items(),
            "today": timezone.localdate(),
            "may_work": services.may_work_requests(user),
        },
    )


def request_new(request):
    user = request.user
    if not services.may_work_requests(user):
        raise Http404("No such page")
    form = RequestForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.record_request(user, filled(services.RequestInput, form.cleaned_data))
        except InvalidInput as invalid:
            _add_problems(form, invalid)
        else:
            messages.success(
                request,
                f"Recorded as {found.reference}. The response is due by {found.due_on:%-d %B %Y}.",
            )
            return redirect("ilor-detail", ilor_id=found.pk)
    return render(request, "streams/request_form.html", {"form": form})


def request_detail(request, ilor_id: int):
    """One request, and the moves open to it (each a small form posted back here)."""
    user = request.user
    if not services.may_read_requests(user):
        raise Http404("No such page")
    forms: dict[str, MoveForm] = {}
    if request.method == "POST":
        move = request.POST.get("move", "")
        form = MoveForm(request.POST, prefix=move)
        if form.is_valid():
            try:
                moved = services.move_request(
                    user,
                    ilor_id,
                    move,
                    on=form.cleaned_data["on"],
                    reason=form.cleaned_data["reason"],
                    detail=form.cleaned_data["detail"],
                )
            except InvalidInput as invalid:
                _add_problems(form, invalid)
            except Conflict as conflict:
                messages.error(request, str(conflict))
                return redirect("ilor-detail", ilor_id=ilor_id)
            else:
                messages.success(request, f"{moved.reference}: {moved.get_state_display()}.")
                return redirect("ilor-detail", ilor_id=ilor_id)
        forms[move] = form
    found = services.get_request(user, ilor_id)
    moves = []
    if services.may_work_requests(user):
        for move in rules.moves_from(found.state):
            moves.append((move, forms.get(move) or MoveForm(prefix=move)))
    return render(
        request,
        "streams/request_detail.html",
        {
            "r": found,
            "country": rules.country_name(found.country),
            "moves": moves,
            "overdue": rules.is_overdue(found.state, found.due_on, timezone.localdate()),
            "errors": [f for _, f in moves if f.errors],
        },
    )


# ---------------------------------------------------------------- Banking Protocol

INCIDENT_SORTS = {"called": paging.Sort("Called", ("called_at",))}
# The counts above the list: the last twelve months.
MONTHS_COUNTED = 12


def incident_list(request):
    """Banking Protocol calls, newest first, by month and result; the last twelve months'
    counts above (per month, the attended share, the median time to attend, the share that
    became an offence)."""
    user = request.user
    if not services.may_read_incidents(user):
        raise Http404("No such page")
    month = services.parse_month(request.GET.get("month", ""))
    result = request.GET.get("result", "")
    found = services.filtered_incidents(user, month=month, result=result).select_related("report")
    if request.GET.get("export") in exports.CONTENT_TYPES:
        rows = list(found.order_by("-called_at", "-pk")[:EXPORT_ROWS])
        frame = pl.DataFrame(
            [
                (
                    i.reference,
                    i.bank_name,
                    i.branch_name,
                    i.branch_postcode,
                    timezone.localtime(i.called_at).isoformat(),
                    i.attended,
                    timezone.localtime(i.attended_at).isoformat() if i.attended_at else "",
                    i.safeguarded,
                    ", ".join(rules.BankingResult(r).label for r in i.results),
                    rules.became_offence(i.results),
                )
                for i in rows
            ],
            schema=[
                "reference",
                "bank",
                "branch",
                "branch_postcode",
                "called_at",
                "attended",
                "attended_at",
                "safeguarded",
                "results",
                "offence",
            ],
            orient="row",
        )
        return _export(request, user, frame, "banking-protocol", "Banking Protocol incidents")
    page = paging.paginate(
        request, found, sorts=INCIDENT_SORTS, default="called", default_order="desc"
    )
    today = timezone.localdate()
    start = (today.replace(day=1) - timedelta(days=31 * (MONTHS_COUNTED - 1))).replace(day=1)
    return render(
        request,
        "streams/incident_list.html",
        {
            "page": page,
            "month": request.GET.get("month", "") if month else "",
            "result": result
            if result in rules.BankingResult.values or result in services.INCIDENT_FILTERS
            else "",
            "results": [
                *rules.BankingResult.choices,
                *((k, label) for k, (label, _) in services.INCIDENT_FILTERS.items()),
            ],
            "by_month": measures.banking_protocol_results(user, start, today),
            "summary": measures.banking_protocol_summary(user, start, today),
            "since": start,
            "may_work": services.may_work_incidents(user),
        },
    )


def _incident_input(form) -> services.IncidentInput:
    data = form.cleaned_data
    return filled(services.IncidentInput, data)


def incident_new(request):
    user = request.user
    if not services.may_work_incidents(user):
        raise Http404("No such page")
    form = IncidentForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.record_incident(user, _incident_input(form))
        except InvalidInput as invalid:
            _add_problems(form, invalid)
        else:
            messages.success(request, f"Recorded as {incident.reference}.")
            return redirect("bp-detail", incident_id=incident.pk)
    return render(request, "streams/incident_form.html", {"form": form, "incident": None})


def incident_detail(request, incident_id: int):
    user = request.user
    if not services.may_read_incidents(user):
        raise Http404("No such page")
    incident = services.get_incident(user, incident_id)
    return render(
        request,
        "streams/incident_detail.html",
        {
            "i": incident,
            "results": [rules.BankingResult(r).label for r in incident.results],
            "offence": rules.became_offence(incident.results),
            "report_reference": services.linked_report(user, incident),
            "may_work": services.may_work_incidents(user),
        },
    )


def incident_edit(request, incident_id: int):
    user = request.user
    if not services.may_work_incidents(user):
        raise Http404("No such page")
    incident = services.get_incident(user, incident_id)
    initial = {
        name: getattr(incident, name)
        for name in (
            "bank_name",
            "branch_name",
            "branch_postcode",
            "attended",
            "attending_officer",
            "victim_name",
            "victim_dob",
            "victim_postcode",
            "safeguarded",
            "safeguarding",
            "notes",
            "handling_marking",
            "restricted_to_team",
        )
    } | {
        "called_at": timezone.localtime(incident.called_at),
        "attended_at": timezone.localtime(incident.attended_at) if incident.attended_at else None,
        "results": incident.results,
        "crime_reference": services.linked_report(user, incident),
    }
    form = IncidentForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_incident(user, incident_id, _incident_input(form))
        except InvalidInput as invalid:
            _add_problems(form, invalid)
        else:
            messages.success(request, f"{incident.reference} changed.")
            return redirect("bp-detail", incident_id=incident_id)
    return render(request, "streams/incident_form.html", {"form": form, "incident": incident})


def incident_erase(request, incident_id: int):
    """An administrator erases the victim's personal data, with a reason."""
    user = request.user
    if not user.is_staff:
        raise Http404("No such page")
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.erase_victim(user, incident_id, form.cleaned_data["reason"])
        except (InvalidInput, NotPermitted) as refused:
            form.add_error("reason", str(refused))
        else:
            messages.success(request, f"The victim's personal data on {incident} was erased.")
            return redirect("bp-list")
    return render(
        request, "streams/incident_erase.html", {"form": form, "incident_id": incident_id}
    )
