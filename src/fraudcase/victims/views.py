"""The vulnerability workbench pages: request -> service -> template."""

import re
from datetime import date, timedelta
from urllib.parse import urlencode

import polars as pl
from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports
from fraudcase.core.errors import FileRejected, JustificationRequired
from fraudcase.core.uploads import saved_upload
from fraudcase.jobs import services as job_services
from fraudcase.jobs.models import JobKind
from fraudcase.reports import services as report_services
from fraudcase.reports.forms import JustificationForm
from fraudcase.reports.views import justification_given, list_justification

from . import services
from .forms import (
    ContactPlanForm,
    DecisionForm,
    NextOfKinForm,
    PartnerForm,
    ResultForm,
    VictimListUploadForm,
)
from .rules import SEARCH_TERMS


def workbench(request):
    lists = services.visible_lists(request.user)[:24]
    form = VictimListUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "lists": lists}
    if request.method == "POST" and form.is_valid():
        job = job_services.start(
            JobKind.VICTIM_LIST,
            request.user,
            form.cleaned_data["file"],
            profile=form.cleaned_data["profile"] or "default",
        )
        return redirect("job-detail", job_id=job.pk)
    return render(request, "victims/workbench.html", context)


def ecvcu_upload(request):
    """Import the national ECVCU's referrals so nobody is contacted twice (WMP seed ¶63 iii)."""
    form = VictimListUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with saved_upload(upload) as path:
            try:
                added, marked = services.import_ecvcu_referrals(
                    path, user=request.user, original_name=upload.name
                )
            except FileRejected as rejected:
                return render(
                    request,
                    "victims/workbench.html",
                    {
                        "form": VictimListUploadForm(),
                        "lists": services.visible_lists(request.user),
                        "rejected": rejected,
                    },
                    status=422,
                )
        messages.success(
            request,
            f"{added} national ECVCU referrals added; {marked} victims on "
            "local lists are now left out of local contact.",
        )
    return redirect("workbench")


def weekly(request):
    """WMP seed ¶63: the week's largest losses, top five businesses, areas, under-18s."""
    services.visible_lists(request.user)  # access check
    try:
        chosen = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        latest = services.visible_entries(request.user).aggregate(d=Max("report_date"))["d"]
        chosen = latest or timezone.localdate()
    week_start = chosen - timedelta(days=chosen.weekday())
    lists = services.weekly_lists(request.user, week_start)
    fmt, which = request.GET.get("export"), request.GET.get("list", "")
    if fmt in exports.CONTENT_TYPES and which in WEEKLY_EXPORTS:
        frame = WEEKLY_EXPORTS[which](lists)
        nfrcs = frame["nfrc"].to_list() if "nfrc" in frame.columns else []
        report_services.disclose(
            request.user,
            report_services.reports_with_nfrc(nfrcs),
            list_justification(request),
            object_type="weekly_list",
            listing=week_start.isoformat(),
            summary=f"Exported {which} ({frame.height} rows)",
        )
        return exports.download(frame, f"{which}-{week_start}", fmt)
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc(services.weekly_shown(lists)),
        list_justification(request),
        object_type="weekly_list",
        listing=week_start.isoformat(),
        action=AuditAction.CONSULTATION,
        summary="Viewed weekly lists",
    )
    most = max((n for _, n in lists["districts"]), default=1)
    return render(
        request,
        "victims/weekly.html",
        {
            **lists,
            "week_start": week_start,
            "week_end": week_start + timedelta(days=6),
            "previous": week_start - timedelta(days=7),
            "next": week_start + timedelta(days=7),
            "district_chart": [(d, n, round(100 * n / most)) for d, n in lists["districts"]],
        },
    )


def _entries(entries) -> pl.DataFrame:
    return pl.DataFrame(
        [
            (
                e.nfrc,
                e.report_date.isoformat(),
                e.display_name,
                e.postcode,
                str(e.loss_gbp or ""),
                e.status,
                e.ecvcu_referred,
            )
            for e in entries
        ],
        schema=[
            "nfrc",
            "report_date",
            "victim",
            "postcode",
            "loss_gbp",
            "status",
            "with_national_ecvcu",
        ],
        orient="row",
    )


def _businesses(entries) -> pl.DataFrame:
    """The top five businesses with their contact plans (WMP ¶63 ii), blank where none."""
    plans = pl.DataFrame(
        [
            (
                e.plan.who,
                e.plan.get_how_display(),
                e.plan.by_when.isoformat(),
                e.plan.get_status_display(),
                e.plan.notes,
            )
            if e.plan
            else ("", "", "", "", "")
            for e in entries
        ],
        schema=["plan_who", "plan_how", "plan_by_when", "plan_status", "plan_notes"],
        orient="row",
    )
    return pl.concat([_entries(entries), plans], how="horizontal")


WEEKLY_EXPORTS = {
    "top-individuals": lambda lists: _entries(lists["top_individuals"]),
    "top-businesses": lambda lists: _businesses(lists["top_businesses"]),
    "under-18": lambda lists: _entries(lists["under_18"]),
    "districts": lambda lists: pl.DataFrame(
        lists["districts"], schema=["district", "victims"], orient="row"
    ),
}


def business_contact_plan(request, entry_id):
    """Record or update a top-five business's contact plan (WMP ¶63 ii)."""
    reason = justification_given(request, _entry_reason_key(entry_id))
    try:
        entry = services.get_business(request.user, entry_id, justification=reason)
    except JustificationRequired:
        return _ask_reason(entry_id, request.path)
    plan = services.contact_plan(entry)
    initial = (
        {
            "who": plan.who,
            "how": plan.how,
            "by_when": plan.by_when,
            "status": plan.status,
            "notes": plan.notes,
        }
        if plan
        else {"status": "planned"}
    )
    form = ContactPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact_plan(request.user, entry, **form.cleaned_data)
        except services.InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, f"Contact plan for {entry.display_name} saved.")
            week = entry.report_date - timedelta(days=entry.report_date.weekday())
            return redirect(f"{reverse('weekly-lists')}?week={week.isoformat()}")
    return render(
        request,
        "victims/contact_plan.html",
        {"entry": entry, "plan": plan, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def victim_list(request, list_id):
    victim_list = services.get_list(request.user, list_id)
    segment = request.GET.get("segment", "VS4")
    entries = services.segment_entries(request.user, victim_list, segment)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = services.entries_frame(entries)
        report_services.disclose(
            request.user,
            report_services.reports_with_nfrc(entries.values("nfrc")),
            list_justification(request),
            object_type="victim_list",
            listing=str(victim_list.pk),
            summary=f"Exported {frame.height} victims ({segment})",
        )
        return exports.download(frame, f"victims-{victim_list.pk}-{segment}", fmt)
    shown = list(entries[:500])
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([e.nfrc for e in shown]),
        list_justification(request),
        object_type="victim_list",
        listing=str(victim_list.pk),
        action=AuditAction.CONSULTATION,
        summary=f"Viewed segment {segment}",
    )
    counts = services.segment_counts(request.user, victim_list)
    most = max(counts.values()) or 1
    return render(
        request,
        "victims/list.html",
        {
            "victim_list": victim_list,
            "entries": shown,
            "segment": segment,
            "segment_label": services.SEGMENTS[segment][0],
            "tabs": [
                (key, label, counts.get(key, 0)) for key, (label, _) in services.SEGMENTS.items()
            ],
            "chart": [
                (label, counts.get(key, 0), round(100 * counts.get(key, 0) / most))
                for key, (label, _) in services.SEGMENTS.items()
            ],
        },
    )


def _highlight(narrative: str, keywords: list[str]) -> str:
    """The narrative with each matched search term marked, case-insensitively."""
    text = escape(narrative)
    terms = [t for t in SEARCH_TERMS if t in keywords]
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(escape(t)) for t in terms), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308


def _entry_context(request, entry, **forms):
    officers = services.officers(request.user)
    failed_result = forms.pop("result_form", None)
    actions = list(entry.actions.select_related("assignee", "decided_by"))
    for action in actions:
        # Each open task has its own result form; prefixes keep their field ids apart.
        action.result_form = (
            failed_result
            if failed_result is not None and failed_result.prefix == f"r{action.pk}"
            else ResultForm(prefix=f"r{action.pk}", initial={"done_on": timezone.localdate()})
        )
    context = {
        "entry": entry,
        "narrative": _highlight(entry.narrative, entry.keyword_list),
        "actions": actions,
        "partner_referrals": entry.partner_referrals.select_related("referred_by"),
        "next_of_kin": entry.next_of_kin.all(),
        "decision_form": DecisionForm(
            officers=officers, ecvcu=entry.ecvcu_referred, prefix="decision"
        ),
        "partner_form": PartnerForm(prefix="partner"),
        "kin_form": NextOfKinForm(prefix="kin"),
    }
    context.update(forms)
    return context


def _entry_reason_key(entry_id) -> str:
    """Where the reason given for a victim-list entry is kept in the session's
    justifications (beside the reports' own, keyed by local reference)."""
    return f"victim-entry-{entry_id}"


def entry_detail(request, entry_id):
    """One victim; when its NFRC is on a restricted report, the reason is asked first."""
    reason = justification_given(request, _entry_reason_key(entry_id))
    try:
        entry = services.open_entry(request.user, entry_id, reason)
    except JustificationRequired:
        return _ask_reason(entry_id, reverse("victim-entry", kwargs={"entry_id": entry_id}))
    return render(request, "victims/entry.html", _entry_context(request, entry))


def _ask_reason(entry_id, back: str):
    """To the reason asked for a restricted victim, then back to `back`."""
    target = reverse("victim-entry-justify", kwargs={"entry_id": entry_id})
    return redirect(f"{target}?{urlencode({'next': back})}")


def entry_justify(request, entry_id):
    """The reason for opening a victim whose NFRC is on a restricted report, kept for this
    session and that victim, then back to the page (as reports.views.report_justify)."""
    nfrc = services.entry_nfrc(request.user, entry_id)
    form = JustificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        given = request.session.get("justifications", {})
        given[_entry_reason_key(entry_id)] = form.cleaned_data["justification"]
        request.session["justifications"] = given
        back = request.GET.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("victim-entry", entry_id=entry_id)
    return render(request, "reports/justify.html", {"form": form, "ref": nfrc})


def _post(request, entry, form, key, action):
    """Run a service for a valid form; on a problem show the entry page with the errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            return None
    # Shown again with the problems: a restricted victim only with the reason given for it.
    reason = justification_given(request, _entry_reason_key(entry.pk))
    try:
        entry = services.open_entry(request.user, entry.pk, reason)
    except JustificationRequired:
        return _ask_reason(entry.pk, reverse("victim-entry", kwargs={"entry_id": entry.pk}))
    return render(
        request, "victims/entry.html", _entry_context(request, entry, **{key: form}), status=422
    )


@require_POST
def decide(request, entry_id):
    entry = services.get_entry(request.user, entry_id)
    form = DecisionForm(
        request.POST,
        officers=services.officers(request.user),
        ecvcu=entry.ecvcu_referred,
        prefix="decision",
    )
    failed = _post(
        request,
        entry,
        form,
        "decision_form",
        lambda d: services.decide_response(
            request.user,
            entry,
            response=d["response"],
            assignee_id=d["assignee"],
            no_visit_reason=d["no_visit_reason"],
            due_on=d["due_on"],
            ecvcu_handover=d.get("ecvcu_handover", ""),
        ),
    )
    if failed:
        return failed
    messages.success(request, "Decision recorded and the task sent to the officer's queue.")
    return redirect("victim-entry", entry_id=entry.pk)


@require_POST
def record_result(request, action_id):
    action = services.get_action(request.user, action_id)
    form = ResultForm(request.POST, prefix=f"r{action.pk}")
    follow_ups = []
    failed = _post(
        request,
        action.entry,
        form,
        "result_form",
        lambda d: follow_ups.append(
            services.record_result(
                request.user,
                action,
                done_on=d["done_on"],
                result=d["result"],
                financial_abuse=d["financial_abuse"],
            )
        ),
    )
    if failed:
        return failed
    text = "Result recorded."
    if action.ppn_raised:
        text += " A Public Protection Notice is flagged for financial abuse."
    if follow_ups and follow_ups[0]:
        text += f" Follow-up visit due by {follow_ups[0].due_on:%-d %B %Y}."
    messages.success(request, text)
    return redirect("victim-entry", entry_id=action.entry_id)


def _entry_form(form_class, prefix: str, key: str, record, recorded: str):
    """A POST-only page recording one thing on a victim's entry from a form on the entry page:
    `record(user, entry, **cleaned_data)`, then back to the entry saying `recorded`."""

    @require_POST
    def view(request, entry_id):
        entry = services.get_entry(request.user, entry_id)
        form = form_class(request.POST, prefix=prefix)
        failed = _post(request, entry, form, key, lambda d: record(request.user, entry, **d))
        if failed:
            return failed
        messages.success(request, recorded)
        return redirect("victim-entry", entry_id=entry.pk)

    return view


partner_referral = _entry_form(
    PartnerForm, "partner", "partner_form", services.refer_to_partner, "Partner referral recorded."
)
next_of_kin = _entry_form(
    NextOfKinForm, "kin", "kin_form", services.add_next_of_kin, "Next of kin recorded."
)


def tasks(request):
    """The officer's queue: open vulnerability tasks, soonest first, overdue marked.

    The victims are named on it, so it passes the disclosure gate like every other list: a
    victim whose NFRC is on a restricted report needs a reason, kept in the audit log."""
    open_tasks = list(services.my_tasks(request.user))
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([t.entry.nfrc for t in open_tasks]),
        list_justification(request),
        object_type="vulnerability_tasks",
        listing=request.user.get_username(),
        action=AuditAction.CONSULTATION,
        summary=f"Viewed their vulnerability tasks ({len(open_tasks)})",
    )
    return render(
        request,
        "victims/tasks.html",
        {"tasks": open_tasks, "today": timezone.localdate()},
    )


def vulnerability_log(request):
    fmt = request.GET.get("export", "xlsx")
    frame = services.vulnerability_log_frame(request.user)
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc(frame["nfrc"].to_list()),
        list_justification(request),
        object_type="vulnerability_log",
        listing="all",
        summary=f"Exported the vulnerability log ({frame.height} rows)",
    )
    return exports.download(frame, "vulnerability-log", fmt)
