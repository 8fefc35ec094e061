"""Pages of the registers, accreditations and assessments: request -> service -> template.

They exist for the registers' roles (rules.REGISTER_ROLES) and for an officer given an entry;
an entry the user may not see is a 404."""

import polars as pl
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted

from . import rules, services
from .forms import AccreditationForm, AssessmentForm, EntryForm, StepForm

SORTS = {
    "recorded": paging.Sort("Recorded", ("recorded_at",)),
    "due": paging.Sort("Next deadline", ("due_on",), unindexed=True),
}


def _problems(form, invalid: InvalidInput) -> None:
    for name, problem in invalid.problems.items():
        form.add_error(name if name in form.fields else None, problem)


def _kind(kind: str) -> rules.EntryKind:
    if kind not in rules.SLUGS:
        raise Http404("No such register")
    return rules.SLUGS[kind]


def _opener(request) -> None:
    if not services.may_open(request.user):
        raise Http404("No such page")


def home(request):
    """The registers, with the entries of each the user may see; accreditation and assessment."""
    _opener(request)
    groups = [
        ("Asset recovery (Proceeds of Crime Act 2002)", rules.ASSET_RECOVERY),
        ("Investigation orders (POCA Part 8)", rules.INVESTIGATION_ORDERS),
        ("Ancillary orders (seed 001 §7.5)", rules.ANCILLARY),
        ("Offender management (seed 001 §7.6)", rules.OFFENDER),
    ]
    return render(
        request,
        "recovery/home.html",
        {
            "groups": [
                (title, [(k.value, rules.SHORT[k]) for k in kinds]) for title, kinds in groups
            ],
            "may_manage": services.may_manage_accreditation(request.user),
        },
    )


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=list(rows[0]) if rows else ["id"])


def register(request, register: str):
    kind = register
    """One register's entries the user may see, newest first; csv and xlsx exports."""
    _opener(request)
    k = _kind(kind)
    status = request.GET.get("status", "")
    found = services.filtered_entries(request.user, kind=k, status=status)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = list(found.order_by("-recorded_at", "-pk")[: paging.COUNT_CAP])
        services.audit_list(request.user, [e.pk for e in rows], disclosure=True)
        return exports.download(_frame(services.export_rows(rows)), f"register-{kind}", fmt)
    page = paging.paginate(request, found, sorts=SORTS, default="recorded", default_order="desc")
    services.audit_list(request.user, [e.pk for e in page.rows])
    return render(
        request,
        "recovery/register.html",
        {
            "kind": k,
            "title": rules.SHORT[k],
            "page": page,
            "status": status,
            "statuses": [(s.value, s.label) for s in rules.STATUSES[k]],
            "may_keep": services.may_keep(request.user),
            "money": k in rules.ASSET_RECOVERY,
        },
    )


def entry_new(request, register: str):
    kind = register
    k = _kind(kind)
    if not services.may_keep(request.user):
        raise Http404("No such page")
    initial = {"report": request.GET.get("report", "")}
    form = EntryForm(request.POST or None, kind=k, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.save_entry(request.user, k, form.cleaned_data)
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"{rules.SHORT[k]}: entry {entry.pk} recorded.")
            return redirect("recovery-entry", register=k.value, entry_pk=entry.pk)
    return render(
        request,
        "recovery/entry_form.html",
        {"form": form, "title": f"Record: {k.label}", "kind": k, "entry": None},
    )


def entry_edit(request, register: str, entry_pk: int):
    kind, pk = register, entry_pk
    k = _kind(kind)
    entry = services.get_entry(request.user, pk, kind=k, what="Opened to change")
    if not services.may_edit(request.user, entry):
        raise Http404("No such page")
    initial = {
        name: getattr(entry, name) for name in ("subject", "status", "notes", *rules.FIELDS[k])
    }
    initial.update(
        report=entry.report.local_reference,
        officer=entry.officer_id,
        ocg=entry.ocg and f"OCG-{entry.ocg_id:06d}",
    )
    form = EntryForm(request.POST or None, kind=k, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_entry(request.user, k, form.cleaned_data, pk=entry.pk)
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"Entry {entry.pk} changed.")
            return redirect("recovery-entry", register=k.value, entry_pk=entry.pk)
    return render(
        request,
        "recovery/entry_form.html",
        {"form": form, "title": f"Change: {k.label}", "kind": k, "entry": entry},
    )


def entry_detail(request, register: str, entry_pk: int):
    """One entry, its history (extensions, payments, breaches) and the step form."""
    kind, pk = register, entry_pk
    k = _kind(kind)
    step_form = None
    if request.method == "POST":
        step_form = StepForm(request.POST, entry_kind=k)
        if step_form.is_valid():
            data = step_form.cleaned_data
            try:
                services.add_step(
                    request.user,
                    pk,
                    kind=data["kind"],
                    on=data["on"],
                    amount=data.get("amount", ""),
                    until=data.get("until"),
                    court=data.get("court", ""),
                    text=data.get("text", ""),
                )
            except InvalidInput as invalid:
                _problems(step_form, invalid)
            except Conflict as conflict:
                messages.error(request, str(conflict))
                return redirect("recovery-entry", register=k.value, entry_pk=pk)
            else:
                messages.success(request, "Recorded.")
                return redirect("recovery-entry", register=k.value, entry_pk=pk)
    entry = services.get_entry(request.user, pk, kind=k)
    editing = services.may_edit(request.user, entry)
    labels = EntryForm(kind=k).fields
    return render(
        request,
        "recovery/entry_detail.html",
        {
            "entry": entry,
            "kind": k,
            "title": rules.SHORT[k],
            "fields": [
                (name, labels[name].label, getattr(entry, name))
                for name in rules.FIELDS[k]
                if name != "pursued"
            ],
            "steps": services.steps(entry),
            "may_edit": editing,
            "step_form": (step_form or StepForm(entry_kind=k)) if editing else None,
            "below_floor": k == rules.EntryKind.CONFISCATION
            and rules.below_confiscation_floor(entry.available_gbp, services.law()),
        },
    )


# ---------------------------------------------------------------- accreditation


def accreditations(request):
    """Every officer's accreditations (the manager's view), or the user's own."""
    if not services.may_manage_accreditation(request.user):
        _opener(request)
    page = paging.paginate(
        request, services.accreditations(request.user).order_by("officer__username", "kind", "pk")
    )
    return render(
        request,
        "recovery/accreditations.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "may_manage": services.may_manage_accreditation(request.user),
            "required": [
                (
                    rules.SHORT[rules.SLUGS[k]]
                    if k in rules.SLUGS
                    else "Financial crime assessment (App. E)",
                    " or ".join(sorted(a.label for a in v)),
                )
                for k, v in rules.REQUIRED.items()
            ],
        },
    )


def accreditation_new(request):
    if not services.may_manage_accreditation(request.user):
        raise Http404("No such page")
    form = AccreditationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.record_accreditation(request.user, **form.cleaned_data)
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"Accreditation of {made.officer.username} recorded.")
            return redirect("recovery-accreditations")
    return render(request, "recovery/accreditation_form.html", {"form": form})


def expiring(request):
    """Accreditations expiring in the next 90 days, soonest first (§8), for the manager."""
    today = timezone.localdate()
    page = paging.paginate(request, services.expiring_accreditations(request.user, today))
    return render(
        request,
        "recovery/expiring.html",
        {"page": page, "today": today, "days": services.law().accreditation_notice_days},
    )


# ---------------------------------------------------------------- the App. E assessment


def assessment_new(request):
    """Assess a report (`?report=`) or a SAR (`?sar=`) the user may see (App. E)."""
    if not services.may_keep(request.user):
        raise Http404("No such page")
    report_ref = request.GET.get("report", "")
    sar_ref = request.GET.get("sar", "")
    subject = services.subject_of(request.user, report=report_ref, sar=sar_ref)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.record_assessment(
                request.user,
                subject,
                factors=form.factors(),
                recommendation=form.cleaned_data["recommendation"],
                rationale=form.cleaned_data["rationale"],
                non_acceptance=form.cleaned_data["non_acceptance"],
                allocated_to=form.cleaned_data["allocated_to"],
            )
        except (InvalidInput, NotPermitted) as invalid:
            if isinstance(invalid, NotPermitted):
                raise Http404("No such page") from invalid
            _problems(form, invalid)
        else:
            messages.success(request, "Financial crime assessment recorded.")
            return redirect("recovery-assessment", assessment_pk=made.pk)
    return render(
        request,
        "recovery/assessment_form.html",
        {
            "form": form,
            "report_ref": report_ref,
            "sar_ref": sar_ref if not report_ref else "",
            "factor_rows": [
                (f, form[f"factor_{f.value}"], form[f"comment_{f.value}"]) for f in rules.Factor
            ],
        },
    )


def assessments(request):
    """The financial crime assessments of the reports and SARs the user may see, newest first."""
    _opener(request)
    page = paging.paginate(request, services.visible_assessments(request.user).order_by("-pk"))
    return render(request, "recovery/assessments.html", {"page": page})


def assessment_detail(request, assessment_pk: int):
    found = services.get_assessment(request.user, assessment_pk)
    return render(
        request,
        "recovery/assessment_detail.html",
        {
            "a": found,
            "factor_rows": [(f.label, found.factors.get(f.value, {})) for f in rules.Factor],
        },
    )


def report_part(user, report) -> dict[str, object]:
    """What the report page shows of the registers and assessments (composed by pages)."""
    return services.report_part(user, report)
