"""The vulnerability workbench pages: request -> service -> template."""

import re
from datetime import date, timedelta
from urllib.parse import urlencode

import polars as pl
from django.contrib import messages
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import FileRejected, InvalidInput
from fraudcase.core.paging import Sort
from fraudcase.core.uploads import saved_upload
from fraudcase.jobs import services as job_services
from fraudcase.jobs.models import JobKind
from fraudcase.reports import services as report_services
from fraudcase.reports.views import EXPORT_ROWS, list_justification, list_justification_for

from . import rules, services
from .enums import STATE_TAGS, VictimState
from .forms import (
    BulkForm,
    ContactPlanForm,
    DecisionForm,
    NextOfKinForm,
    PartnerForm,
    ResultForm,
    VictimListUploadForm,
)
from .rules import SEARCH_TERMS

LIST_SORTS = {
    "uploaded": Sort("Uploaded", ("uploaded_at",)),
    "list": Sort("List", ("filename",)),
    "reported": Sort("Reports dated", ("first_report_date",)),
    "rows": Sort("Rows", ("rows",)),
}


def _lists_page(request) -> paging.Page:
    """The workbench's page of victim lists, newest first."""
    return paging.paginate(
        request,
        services.visible_lists(request.user).select_related("uploaded_by"),
        sorts=LIST_SORTS,
        default="uploaded",
        default_order="desc",
        size=24,
    )


def workbench(request):
    lists = _lists_page(request)
    form = VictimListUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "page": lists}
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
                        "page": _lists_page(request),
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
    under_18 = lists["under_18"]
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
    page = paging.paginate(request, under_18)
    lists["under_18"] = page.rows  # type: ignore[typeddict-item]  # the page shown
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
            "page": page,
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
                plan.who,
                plan.get_how_display(),
                plan.by_when.isoformat(),
                plan.get_status_display(),
                plan.notes,
            )
            if (plan := getattr(e, "contact_plan", None))
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
    entry = services.get_business(request.user, entry_id, justification=list_justification(request))
    plan = getattr(entry, "contact_plan", None)
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


ENTRY_SORTS = {
    "nfrc": Sort("NFRC", ("nfrc",)),
    "victim": Sort("Victim", ("surname", "forename", "business_name")),
    "postcode": Sort("Postcode", ("postcode",)),
    "loss": Sort("Loss", ("loss_gbp",)),
    "reported": Sort("Reported", ("report_date",)),
}


def victim_list(request, list_id):
    """One list's victims, a segment at a time, a page at a time: found by NFRC, name or
    postcode, filtered by where they stand, chosen for a decision or assignment in bulk."""
    victim_list = services.get_list(request.user, list_id)
    segment = request.GET.get("segment", "VS4")
    in_segment = services.segment_entries(request.user, victim_list, segment)
    term = request.GET.get("q", "").strip()
    found = services.search_entries(in_segment, term)
    state = request.GET.get("state", "")
    if state not in VictimState.values:
        state = ""
    entries = found.filter(state=state) if state else found
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
    page = paging.paginate(request, entries, sorts=ENTRY_SORTS, default="nfrc")
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([e.nfrc for e in page.rows]),
        list_justification(request),
        object_type="victim_list",
        listing=str(victim_list.pk),
        action=AuditAction.CONSULTATION,
        summary=f"Viewed segment {segment} (page {page.number}: {len(page.rows)} victims)"
        + (f", searched for {term}" if term else ""),
    )
    counts = services.segment_counts(request.user, victim_list)
    states = services.state_counts(found)
    most = max(counts.values()) or 1
    keep = {"segment": segment, "q": term} if term else {"segment": segment}
    for entry in page.rows:
        entry.state_label = VictimState(entry.state).label
        entry.state_tag = STATE_TAGS[VictimState(entry.state)]
    return render(
        request,
        "victims/list.html",
        {
            "victim_list": victim_list,
            "page": page,
            "segment": segment,
            "segment_label": services.SEGMENTS[segment][0],
            "term": term,
            "state": state,
            "states": [
                (f"?{urlencode(keep | ({'state': key} if key else {}))}", label, n, key == state)
                for key, label, n in [
                    ("", "All", sum(states.values())),
                    *[(s.value, s.label, states[s.value]) for s in VictimState],
                ]
            ],
            "bulk_form": BulkForm(
                officers=services.officers(request.user),
                initial={"assignee_id": services.default_assignee(request.user)},
            ),
            "refused": request.session.pop("bulk_refused", []),
            "tabs": [
                # The state chosen is kept from segment to segment: VS4 then VS3 "not yet actioned".
                (
                    "?" + urlencode({"segment": key} | ({"state": state} if state else {})),
                    label,
                    counts.get(key, 0),
                    key == segment,
                )
                for key, (label, _) in services.SEGMENTS.items()
            ],
            "chart": [
                (label, counts.get(key, 0), round(100 * counts.get(key, 0) / most))
                for key, (label, _) in services.SEGMENTS.items()
            ],
        },
    )


@require_POST
def bulk(request, list_id):
    """Decide the response for, or assign, the victims chosen on a page of a list; each
    refused victim is named with the reason on the list page, the others are done."""
    victim_list = services.get_list(request.user, list_id)
    back = request.POST.get("back", "")
    if not back.startswith("?"):
        back = ""
    back = reverse("victim-list", kwargs={"list_id": victim_list.pk}) + back
    form = BulkForm(request.POST, officers=services.officers(request.user))
    chosen = [i for i in request.POST.getlist("entries") if i.isdigit()]
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "assign":
            outcome = services.assign_many(request.user, chosen, assignee_id=data["assignee_id"])
            done = f"{len(outcome.done)} victim{'s' if len(outcome.done) != 1 else ''} assigned."
        else:
            outcome = services.decide_many(request.user, chosen, **data)
            done = f"{len(outcome.done)} victim{'s' if len(outcome.done) != 1 else ''} decided"
            done += " and sent to the officer's queue." if data["assignee_id"] else "."
    except InvalidInput as invalid:
        messages.error(request, " ".join(invalid.problems.values()))
        return redirect(back)
    if outcome.refused:
        done += f" {len(outcome.refused)} refused: see why below."
        request.session["bulk_refused"] = [
            {"pk": e.pk, "nfrc": e.nfrc, "name": e.display_name, "reason": reason}
            for e, reason in outcome.refused
        ]
    messages.success(request, done)
    return redirect(back)


def _highlight(narrative: str, keywords: list[str]) -> str:
    """The narrative with each matched search term marked, case-insensitively."""
    text = escape(narrative)
    terms = [t for t in SEARCH_TERMS if t in keywords]
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(escape(t)) for t in terms), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308


def _entry_context(request, entry, **forms):
    decides = rules.may_work_vulnerability(request.user.role)
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
            officers=services.officers(request.user),
            ecvcu=entry.ecvcu_referred,
            prefix="decision",
            initial={"assignee": services.default_assignee(request.user)},
        )
        if decides
        else None,
        "partner_form": PartnerForm(prefix="partner"),
        "kin_form": NextOfKinForm(prefix="kin"),
    }
    context.update(forms)
    return context


def entry_detail(request, entry_id):
    """One victim; when its NFRC is on a restricted report, the reason is asked first, as for
    any list (reports.middleware.JustificationMiddleware), then the page is shown."""
    entry = services.open_entry(request.user, entry_id, list_justification(request))
    return render(request, "victims/entry.html", _entry_context(request, entry))


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
    # Shown again with the problems: a restricted victim only with the reason given for its page.
    page = reverse("victim-entry", kwargs={"entry_id": entry.pk})
    entry = services.open_entry(request.user, entry.pk, list_justification_for(request, page))
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


TASK_SORTS = {
    "due": Sort("Due by", ("due_on",)),
    "victim": Sort("Victim", ("entry__surname", "entry__forename", "entry__business_name")),
    "status": Sort("Status", ("entry__status",)),
}


def tasks(request):
    """The officer's queue: open vulnerability tasks, soonest first, overdue marked.

    The victims are named on it, so it passes the disclosure gate like every other list: a
    victim whose NFRC is on a restricted report needs a reason, kept in the audit log."""
    page = paging.paginate(
        request, services.my_tasks(request.user), sorts=TASK_SORTS, default="due"
    )
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([t.entry.nfrc for t in page.rows]),
        list_justification(request),
        object_type="vulnerability_tasks",
        listing=request.user.get_username(),
        action=AuditAction.CONSULTATION,
        summary=f"Viewed their vulnerability tasks (page {page.number}: {len(page.rows)})",
    )
    return render(request, "victims/tasks.html", {"page": page, "today": timezone.localdate()})


# Latest decided first, from its index; the log grows with the unit's work, so the other orders
# apply while it is short enough (paging.Sort.unindexed).
LOG_SORTS = {
    "decided": Sort("Decided", ("decided_at",)),
    "victim": Sort(
        "Victim", ("entry__surname", "entry__forename", "entry__business_name"), unindexed=True
    ),
    "due": Sort("Due by", ("due_on",), unindexed=True),
    "state": Sort("State", ("state",), unindexed=True),
}


def vulnerability_log(request):
    """The vulnerability log a page at a time; exported whole (with partner referrals and
    next of kin) as xlsx or csv."""
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = services.vulnerability_log_frame(request.user)
        report_services.disclose(
            request.user,
            report_services.reports_with_nfrc(frame["nfrc"].unique().to_list()),
            list_justification(request),
            object_type="vulnerability_log",
            listing="all",
            summary=f"Exported the vulnerability log ({frame.height} rows)",
        )
        return exports.download(frame, "vulnerability-log", fmt)
    page = paging.paginate(
        request,
        services.log_actions(request.user),
        sorts=LOG_SORTS,
        default="decided",
        default_order="desc",
    )
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([a.entry.nfrc for a in page.rows]),
        list_justification(request),
        object_type="vulnerability_log",
        listing="all",
        action=AuditAction.CONSULTATION,
        summary=f"Viewed the vulnerability log (page {page.number}: {len(page.rows)})",
    )
    return render(request, "victims/log.html", {"page": page, "today": timezone.localdate()})


PROTECT_SORTS = {
    "entries": {"nfrc": Sort("NFRC", ("nfrc",)), "reported": Sort("Reported", ("report_date",))},
    "actions": {"due": Sort("Due by", ("due_on",))},
    "referrals": {"referred": Sort("Referred", ("referred_at",))},
}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def protect_figure(request):
    """The victims behind one figure of the performance pack's Protect measure (from the day
    `from` to the day before `to`): a page at a time, exported through the disclosure gate,
    audited as consulted. Only for those who work vulnerability (404 for anyone else)."""
    start, end = _day(request.GET.get("from", "")), _day(request.GET.get("to", ""))
    figure = request.GET.get("figure", "")
    label = services.protect_figure_label(figure)
    found = services.protect_rows(request.user, start, end, figure) if start and end else None
    if found is None or not label or end <= start or (end - start).days > 400:
        raise Http404("No such figure")
    kind = {"visits_due": "actions", "visits_done": "actions", "partners": "referrals"}.get(
        figure, "entries"
    )
    sorts = PROTECT_SORTS[kind]
    listing = f"protect-{figure}"
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = list(found.order_by(*next(iter(sorts.values())).fields)[:EXPORT_ROWS])
        entries = [getattr(r, "entry", r) for r in rows]
        frame = pl.DataFrame(
            [
                (
                    e.nfrc,
                    e.report_date.isoformat(),
                    e.display_name,
                    e.status,
                    _protect_detail(kind, r),
                )
                for e, r in zip(entries, rows, strict=True)
            ],
            schema=["nfrc", "report_date", "victim", "segment", "detail"],
            orient="row",
        )
        report_services.disclose(
            request.user,
            report_services.reports_with_nfrc([e.nfrc for e in entries]),
            list_justification(request),
            object_type="victim_list",
            listing=listing,
            summary=f"Exported the {len(rows)} victims behind a Protect figure ({label})",
        )
        return exports.download(frame, listing, fmt)
    page = paging.paginate(request, found, sorts=sorts, default=next(iter(sorts)))
    rows = [(getattr(r, "entry", r), _protect_detail(kind, r)) for r in page.rows]
    report_services.disclose(
        request.user,
        report_services.reports_with_nfrc([e.nfrc for e, _ in rows]),
        list_justification(request),
        object_type="victim_list",
        listing=listing,
        action=AuditAction.CONSULTATION,
        summary=f"Viewed the victims behind a Protect figure ({label}, page {page.number})",
    )
    month = request.GET.get("month", "")
    return render(
        request,
        "victims/protect_figure.html",
        {
            "label": label,
            "start": start,
            "last": end - timedelta(days=1),
            "page": page,
            "rows": rows,
            "back": "/performance/" + (f"?{urlencode({'month': month})}" if month else ""),
            "export": "?"
            + urlencode({"from": start.isoformat(), "to": end.isoformat(), "figure": figure}),
        },
    )


def _protect_detail(kind: str, row) -> str:
    if kind == "actions":
        return f"{row.get_response_display()} due {row.due_on:%d %b %Y}: {row.get_state_display()}"
    if kind == "referrals":
        referred = timezone.localtime(row.referred_at)
        return f"Referred to {row.get_partner_display()} on {referred:%d %b %Y}"
    return ""
