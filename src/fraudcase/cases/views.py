"""Case pages: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fraudcase.accounts.enums import Role
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Report
from fraudcase.reports.views import list_justification

from . import clocks, letters, services
from .forms import (
    AllocationForm,
    DisruptionForm,
    FinalisationForm,
    ReviewForm,
    TaskDoneForm,
    TaskForm,
    VictimContractForm,
    VictimUpdateForm,
)
from .models import Case


def _report(request, ref: str) -> Report:
    return report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )


def _problems(form, invalid) -> None:
    for field, problem in invalid.problems.items():
        form.add_error(field if field in form.fields else None, problem)


def _submit(request, ref, form, success: str, action):
    """Run a move from a form page: back to the report when done or overtaken, else None
    with the problems on the form."""
    try:
        action()
    except services.InvalidInput as invalid:
        _problems(form, invalid)
        return None
    except services.Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, success)
    return redirect("report-detail", ref=ref)


# ---------------------------------------------------------------- allocation

# The board's lists: reports waiting (oldest received first), each investigator's caseload
# (sortable on every column) and supervisor reviews due (soonest first); each pages on its own.
WAITING_SORTS = {
    "reference": paging.Sort("Report", ("local_reference",)),
    "victim": paging.Sort("Victim", ("victim__surname", "victim__business_name")),
    "received": paging.Sort("Received", ("received_at",)),
    "tier": paging.Sort("Tier", ("current_tier", "received_at")),
}
LOAD_SORTS = {
    "name": paging.Sort("Investigator", (), key=lambda r: r.candidate.name.lower()),
    "experience": paging.Sort("Experience", (), key=lambda r: r.experience_label),
    **{
        f"tier{t}": paging.Sort(f"Tier {t}", (), key=lambda r, t=t: r.by_tier[t])
        for t in (1, 2, 3, 4)
    },
    "capacity": paging.Sort("Capacity", (), key=lambda r: r.candidate.capacity),
    "spare": paging.Sort("Spare", (), key=lambda r: r.spare),
    "load": paging.Sort("Weighted load", (), key=lambda r: r.load),
}
REVIEW_SORTS = {
    "reference": paging.Sort("Report", ("report__local_reference",)),
    "investigator": paging.Sort(
        "Investigator", ("investigator__last_name", "investigator__username")
    ),
    "tier": paging.Sort("Tier", ("tier", "next_review_due")),
    "due": paging.Sort("Due", ("next_review_due",)),
}


def board(request):
    """The allocation board: caseloads by tier, team capacity, reports waiting, reviews due."""
    data = services.allocation_board(request.user)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = pl.DataFrame(
            [
                (
                    r.candidate.name,
                    r.experience_label,
                    *(r.by_tier[t] for t in (1, 2, 3, 4)),
                    r.load,
                    r.candidate.capacity,
                    r.spare,
                )
                for r in data["rows"]
            ],
            schema=[
                "investigator",
                "experience",
                "tier_1",
                "tier_2",
                "tier_3",
                "tier_4",
                "weighted_load",
                "capacity",
                "spare",
            ],
            orient="row",
        )
        report_services.disclose(
            request.user,
            services.counted_cases(request.user),
            list_justification(request),
            listing="allocation-board",
            summary="Exported the allocation board",
        )
        return exports.download(frame, "allocation-board", fmt)
    today = timezone.localdate()
    waiting = paging.paginate(request, data["waiting"], sorts=WAITING_SORTS, default="received")
    loads = paging.paginate(request, data["rows"], sorts=LOAD_SORTS, default="name", prefix="load_")
    reviews = paging.paginate(
        request,
        services.reviews_due(request.user, today),
        sorts=REVIEW_SORTS,
        default="due",
        prefix="reviews_",
    )
    # What the pages of the board show is what is audited as consulted.
    shown = [r.local_reference for r in waiting.rows]
    shown += [c.report.local_reference for c in reviews.rows]
    report_services.disclose(
        request.user,
        shown,
        list_justification(request),
        listing="allocation-board",
        summary=f"Viewed the allocation board ({len(waiting.rows)} waiting, "
        f"{len(reviews.rows)} reviews due)",
        action=AuditAction.CONSULTATION,
    )
    chart_max = max([r.load for r in data["rows"]] + [1])
    timings = services.timings(request.user, today)
    return render(
        request,
        "cases/board.html",
        {
            "teams": data["teams"],
            "waiting": waiting,
            "loads": loads,
            "reviews": reviews,
            "today": today,
            "chart_max": chart_max,
            "timings": timings,
            "timings_max": max([t["p90"] or 0 for t in timings] + [1]),
        },
    )


def allocate(request, ref):
    if request.user.role not in services.SUPERVISING_ROLES:
        raise Http404("No such page")
    report = _report(request, ref)
    tier = services.triage_services.current_tier(report)
    ranked = services.rules.ranked(services.candidates(request.user), tier)
    from fraudcase.accounts.models import Team

    teams = [(t.pk, f"{t.name} ({t.get_kind_display()})") for t in Team.objects.order_by("name")]
    choices = [
        (
            c.user_id,
            f"{c.name}: {'suitable' if fit.suitable else '; '.join(fit.reasons)}. "
            f"{len(c.open_tiers)} open, load {fit.load}, {fit.spare} spare",
        )
        for c, fit in ranked
    ]
    form = AllocationForm(request.POST or None, investigators=choices, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _submit(
            request,
            ref,
            form,
            "Allocated. The review rota and victim updates are set.",
            lambda: services.allocate(
                request.user,
                report,
                investigator_id=data["investigator"],
                team_id=data["team"],
                update_every_days=data["update_every_days"],
                override_reason=data["override_reason"],
            ),
        )
        if done:
            return done
    return render(
        request,
        "cases/allocate.html",
        {
            "report": report,
            "form": form,
            "tier": tier,
            "ranked": ranked,
        },
    )


# ---------------------------------------------------------------- case work


@require_POST
def case_action(request, ref, action):
    """Add a task, mark one done, record disruption, a victim update or a supervisor review."""
    report = _report(request, ref)
    try:
        if action == "task":
            form = TaskForm(request.POST, assignees=services.assignee_choices(), prefix="task")
            if form.is_valid():
                services.add_task(
                    request.user,
                    report,
                    text=form.cleaned_data["text"],
                    assignee_id=form.cleaned_data["assignee"],
                    due=form.cleaned_data["due"],
                )
        elif action == "task-done":
            form = TaskDoneForm(request.POST)
            if form.is_valid():
                services.complete_task(request.user, report, form.cleaned_data["task"])
        elif action == "disruption":
            form = DisruptionForm(request.POST, prefix="disruption")
            if form.is_valid():
                services.add_disruption(request.user, report, **form.cleaned_data)
        elif action == "victim-update":
            form = VictimUpdateForm(request.POST, prefix="update")
            if form.is_valid():
                services.record_victim_update(request.user, report, **form.cleaned_data)
        elif action == "contract":
            form = VictimContractForm(request.POST, prefix="contract")
            if form.is_valid():
                services.set_victim_contract(request.user, report, **form.cleaned_data)
        elif action == "review":
            form = ReviewForm(request.POST, prefix="review")
            case = Case.objects.filter(report=report).first()
            if case is None:
                raise Http404("No case")
            if form.is_valid():
                services.record_review(request.user, case, **form.cleaned_data)
        else:
            raise Http404("No such action")
    except (services.InvalidInput, services.Conflict) as problem:
        messages.error(request, str(problem))
        return redirect("report-detail", ref=ref)
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, "Saved on the case.")
    return redirect("report-detail", ref=ref)


# ---------------------------------------------------------------- finalisation and letters


def finalise(request, ref):
    report = _report(request, ref)
    if not report_services.may(request.user, "finalise", report):
        raise Http404("No such page")
    form = FinalisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _submit(
            request,
            ref,
            form,
            "Outcome recorded. The report is finalised.",
            lambda: services.finalise(
                request.user,
                report,
                outcome=data["outcome"],
                rationale=data["rationale"],
                cease_and_desist=form.facts(),
                suspect_traced=data["suspect_traced"] != "no",
                suspect_has_pnc_record=data["suspect_has_pnc_record"],
            ),
        )
        if done:
            return done
    return render(request, "cases/finalise.html", {"report": report, "form": form})


def letter(request, ref, kind):
    """A letter to the victim. GET shows it as a PDF and records nothing (opening a link must
    not stop a Victims' Code clock); POST, the *Record as sent* button, records it as sent."""
    report = _report(request, ref)
    if not services.may_work_cases(request.user) and request.user.role != Role.ASSESSOR:
        raise Http404("No such page")
    try:
        sections = services.letter_sections(report, kind)
    except ValueError as refused:
        raise Http404(str(refused)) from refused
    if request.method == "POST":
        sent = services.record_letter(request.user, report, kind)
        messages.success(request, f"{sent.get_kind_display()} recorded as sent to the victim.")
        return redirect("report-detail", ref=ref)
    services.preview_letter(request.user, report, kind)
    victim = report.victim
    body = letters.render(
        letters.Addressee(victim.display_name, victim.address, victim.postcode),
        report.local_reference,
        sections,
        timezone.localdate(),
    )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"{report.local_reference.replace('/', '-')}-{kind}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def cease_and_desist_notice(request, ref):
    """The printable notice for the suspect, once finalised with a notice that passed §5.7."""
    report = _report(request, ref)
    if not services.may_work_cases(request.user):
        raise Http404("No such page")
    final = getattr(report, "finalisation", None)
    if final is None or final.cease_and_desist is None:
        raise Http404("No cease and desist notice on this report")
    suspect = report.suspects.first()
    name = suspect.name if suspect and suspect.name else "The person responsible"
    sections = letters.cease_and_desist(report.local_reference, name, report.fraud_type)
    audit.record(
        request.user,
        AuditAction.DISCLOSURE,
        "report",
        report.local_reference,
        "Cease and desist notice printed",
    )
    body = letters.render(
        letters.Addressee(name, "", ""), report.local_reference, sections, timezone.localdate()
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="cease-and-desist.pdf"'
    return response


# ---------------------------------------------------------------- Victims' Code clocks


def deadlines(request):
    """What is due today and overdue: mine, or my team's."""
    scope = "team" if request.GET.get("scope") == "team" else "mine"
    today = timezone.localdate()
    items = clocks.for_scope(request.user, clocks.due_items(request.user, today), scope)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = pl.DataFrame(
            [
                (i.what, i.reference, i.victim, i.due.isoformat(), i.state.value, i.owner)
                for i in items
            ],
            schema=["what", "local_reference", "victim", "due", "state", "owner"],
            orient="row",
        )
        report_services.disclose(
            request.user,
            [i.reference for i in items],
            list_justification(request),
            listing=f"deadlines-{scope}",
            summary=f"Exported {len(items)} deadlines",
        )
        return exports.download(frame, f"deadlines-{scope}", fmt)
    report_services.disclose(
        request.user,
        [i.reference for i in items],
        list_justification(request),
        listing=f"deadlines-{scope}",
        summary=f"Viewed {len(items)} deadlines",
        action=AuditAction.CONSULTATION,
    )
    owed = clocks.first_updates_owed(report_services.visible_reports(request.user), today)
    return render(
        request,
        "cases/deadlines.html",
        {
            "scope": scope,
            "today": today,
            "first_updates_owed": owed.count(),
            "first_updates_shown": clocks.FIRST_UPDATES_SHOWN,
            "overdue": [i for i in items if i.state == "overdue"],
            "due_today": [i for i in items if i.state == "due_today"],
        },
    )
