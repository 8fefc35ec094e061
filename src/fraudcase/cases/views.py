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
from fraudcase.reports.views import EXPORT_ROWS, list_justification
from fraudcase.victims import services as victim_services

from . import caseload, clocks, letters, rules, services
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


def _form_page(request, ref, form, *, success: str, action, template: str, context: dict):
    """A page with a form that makes a move on the report: when the form is sent and valid,
    run `action(cleaned_data)` and go back to the report (done, or overtaken by someone
    else); otherwise show the page with the form's problems."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except services.InvalidInput as invalid:
            _problems(form, invalid)
        except services.Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("report-detail", ref=ref)
        else:
            messages.success(request, success)
            return redirect("report-detail", ref=ref)
    return render(request, template, {**context, "form": form})


# ---------------------------------------------------------------- allocation

# The board's lists: reports waiting (oldest received first), each investigator's caseload
# (sortable on every column) and supervisor reviews due (soonest first); each pages on its own.
# A sort no index serves (another table's column, the tier worked out per report) applies only
# while the list is short enough (paging.Sort.unindexed).
WAITING_SORTS = {
    "reference": paging.Sort("Report", ("local_reference",)),
    "victim": paging.Sort("Victim", ("victim__surname", "victim__business_name"), unindexed=True),
    "received": paging.Sort("Received", ("received_at",)),
    "tier": paging.Sort("Tier", ("current_tier", "received_at"), unindexed=True),
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
    "reference": paging.Sort("Report", ("report__local_reference",), unindexed=True),
    "investigator": paging.Sort(
        "Investigator", ("investigator__last_name", "investigator__username"), unindexed=True
    ),
    "tier": paging.Sort("Tier", ("tier", "next_review_due"), unindexed=True),
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
    timings, timings_at = services.timings_as_of(request.user, today)
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
            "timings_at": timings_at,
            "timings_max": max([t["p90"] or 0 for t in timings] + [1]),
            "timings_window": f"{services.TIMINGS_WINDOW:,}",
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
    # The form starts on the board's advice: the first suitable investigator, in their team.
    best = next((c for c, fit in ranked if fit.suitable), None)
    initial = {}
    if best is not None:
        initial["investigator"] = best.user_id
        home_team = Team.objects.filter(members=best.user_id).order_by("pk").first()
        if home_team is not None:
            initial["team"] = home_team.pk
    return _form_page(
        request,
        ref,
        AllocationForm(request.POST or None, investigators=choices, teams=teams, initial=initial),
        success="Allocated. The review rota and victim updates are set.",
        action=lambda data: services.allocate(
            request.user,
            report,
            investigator_id=data["investigator"],
            team_id=data["team"],
            update_every_days=data["update_every_days"],
            override_reason=data["override_reason"],
        ),
        template="cases/allocate.html",
        context={"report": report, "tier": tier, "ranked": ranked},
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
    # A page that suggests an outcome (the file for the CPS's charging page) links here with
    # ?outcome=N: that outcome is chosen to begin with; the officer still confirms it.
    suggested = request.GET.get("outcome", "")
    initial = (
        {"outcome": int(suggested)}
        if suggested.isdigit() and int(suggested) in rules.HOME_OFFICE_OUTCOMES
        else {}
    )
    form = FinalisationForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        ref,
        form,
        success="Outcome recorded. The report is finalised.",
        action=lambda data: services.finalise(
            request.user,
            report,
            outcome=data["outcome"],
            rationale=data["rationale"],
            cease_and_desist=form.facts(),
            suspect_traced=data["suspect_traced"] != "no",
            suspect_has_pnc_record=data["suspect_has_pnc_record"],
        ),
        template="cases/finalise.html",
        context={"report": report},
    )


def letter(request, ref, kind):
    """A letter to the victim. GET shows it as a PDF and records nothing (opening a link must
    not stop a Victims' Code clock); POST, the *Record as sent* button, records it as sent."""
    report = _report(request, ref)
    if not services.may_work_cases(request.user) and request.user.role != Role.ASSESSOR:
        raise Http404("No such page")
    try:
        sender = services.letter_sender(report, request.user)
        sections = services.letter_sections(report, kind, sender)
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
        sender,
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
        letters.Addressee(name, "", ""),
        report.local_reference,
        sections,
        timezone.localdate(),
        services.letter_sender(report, request.user),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="cease-and-desist.pdf"'
    return response


# ---------------------------------------------------------------- Victims' Code clocks


def deadlines(request):
    """What is due today and overdue, one kind at a time, a page at a time: mine, or my
    team's. Each kind is counted with a bounded count; only the page shown is read."""
    scope = clocks.TEAM if request.GET.get("scope") == clocks.TEAM else clocks.MINE
    today = timezone.localdate()
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        items = clocks.due_items(request.user, today, scope, limit=EXPORT_ROWS)
        frame = pl.DataFrame(
            [
                (i.what, i.reference, i.victim, i.due.isoformat(), i.state.value, i.owner)
                for i in items
            ],
            schema=["what", "reference", "victim", "due", "state", "owner"],
            orient="row",
        )
        report_services.disclose(
            request.user,
            clocks.shown_by(items),
            list_justification(request),
            listing=f"deadlines-{scope}",
            summary=f"Exported {len(items)} deadlines",
        )
        return exports.download(frame, f"deadlines-{scope}", fmt)
    counts = clocks.counts(request.user, scope, today)
    wanted = request.GET.get("kind", "")
    if wanted not in clocks.KINDS:
        wanted = next((c.kind.key for c in counts if c.total), next(iter(clocks.KINDS)))
    kind = clocks.KINDS[wanted]
    state = request.GET.get("state", "")
    page = paging.paginate(
        request,
        clocks.rows(request.user, kind, scope, today, state),
        sorts=kind.sorts,
        default="due",
    )
    report_services.disclose(
        request.user,
        kind.shown(page.rows),
        list_justification(request),
        listing=f"deadlines-{scope}",
        summary=f"Viewed deadlines: {kind.label} (page {page.number}: {len(page.rows)})",
        action=AuditAction.CONSULTATION,
    )
    page.rows = [kind.item(row, today) for row in page.rows]
    return render(
        request,
        "cases/deadlines.html",
        {
            "scope": scope,
            "today": today,
            "counts": [c for c in counts if c.total or c.kind is kind],
            "overdue": sum((c.overdue for c in counts), paging.Bounded(0)),
            "due_today": sum((c.due_today for c in counts), paging.Bounded(0)),
            "kind": kind,
            "state": state,
            "page": page,
            "new_cases": caseload.new_allocations_panel(
                request.user, today, list_justification(request)
            )
            if scope == clocks.MINE
            else None,
        },
    )


# ---------------------------------------------------------------- my work first


def my_cases(request):
    """The cases allocated to me: next action, plan action, review and victim update due;
    paged, sortable by those dates, filtered to overdue or due soon; exported through the
    disclosure gate."""
    today = timezone.localdate()
    due = request.GET.get("due", "")
    cases = caseload.my_cases(request.user, today=today, due=due)
    return _case_list(request, cases, today=today, due=due, team=False)


def team_cases(request):
    """The supervisor's team view (issue 15 item 9): the open cases of their teams, the same
    way as My cases, with each case's investigator. Not a page for other roles (404)."""
    if request.user.role not in rules.SUPERVISING_ROLES:
        raise Http404("No such page")
    today = timezone.localdate()
    due = request.GET.get("due", "")
    cases = caseload.team_cases(request.user, today=today, due=due)
    return _case_list(request, cases, today=today, due=due, team=True)


def _case_list(request, cases, *, today, due: str, team: bool):
    listing = "team-cases" if team else "my-cases"
    whose = "their team's cases" if team else "their cases"
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        shown = list(cases.order_by("next_due", "pk")[:EXPORT_ROWS])
        frame = pl.DataFrame(
            [
                (
                    c.report.local_reference,
                    c.report.victim.display_name,
                    c.tier,
                    c.team.name,
                    str(c.investigator) if team else "",
                    c.allocated_at.date().isoformat(),
                    caseload.next_action(c),
                    c.next_due.isoformat(),
                    c.next_action_due.isoformat() if c.next_action_due else "",
                    c.next_review_due.isoformat(),
                    c.next_update_due.isoformat(),
                )
                for c in shown
            ],
            schema=[
                "local_reference",
                "victim",
                "tier",
                "team",
                "investigator",
                "allocated",
                "next_action",
                "next_action_due",
                "plan_action_due",
                "review_due",
                "victim_update_due",
            ],
            orient="row",
        )
        report_services.disclose(
            request.user,
            [c.report.local_reference for c in shown],
            list_justification(request),
            listing=listing,
            summary=f"Exported {whose} ({len(shown)})",
        )
        return exports.download(frame, listing, fmt)
    page = paging.paginate(request, cases, sorts=caseload.CASE_SORTS, default="next")
    report_services.disclose(
        request.user,
        [c.report.local_reference for c in page.rows],
        list_justification(request),
        listing=listing,
        summary=f"Viewed {whose} (page {page.number}: {len(page.rows)} cases)",
        action=AuditAction.CONSULTATION,
    )
    for case in page.rows:
        case.next_action = caseload.next_action(case)
    return render(
        request,
        "cases/my_cases.html",
        {"page": page, "due": due, "today": today, "query": page.query, "team": team},
    )


def my_tasks(request):
    """The tasks given to me: visits and contacts (vulnerability) and tasks on cases, one
    list at a time, paged, soonest due first, overdue tagged."""
    today = timezone.localdate()
    visits, tasks = victim_services.my_tasks(request.user), caseload.my_case_tasks(request.user)
    counts = {"visits": paging.count_up_to(visits), "case": paging.count_up_to(tasks)}
    kind = request.GET.get("kind", "")
    if kind not in counts:
        kind = "case" if counts["case"] and not counts["visits"] else "visits"
    if kind == "visits":
        page = paging.paginate(request, visits, sorts=caseload.VISIT_SORTS, default="due")
        shown = report_services.reports_with_nfrc([t.entry.nfrc for t in page.rows])
    else:
        page = paging.paginate(request, tasks, sorts=caseload.TASK_SORTS, default="due")
        shown = [t.report.local_reference for t in page.rows]
    report_services.disclose(
        request.user,
        shown,
        list_justification(request),
        object_type="my_tasks",
        listing=request.user.get_username(),
        action=AuditAction.CONSULTATION,
        summary=f"Viewed their tasks (page {page.number}: {len(page.rows)})",
    )
    return render(
        request,
        "cases/my_tasks.html",
        {"page": page, "kind": kind, "counts": counts, "today": today},
    )
