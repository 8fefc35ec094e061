"""The investigation file's pages: request -> service -> template."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted

from . import exhibits, nominals, rules, services
from .forms import (
    ActionForm,
    DecisionForm,
    DisposeForm,
    ExhibitForm,
    LineForm,
    MoveForm,
    NominalForm,
    RemoveNominalForm,
    ResultForm,
)


def _justification(request, ref: str) -> str:
    return request.session.get("justifications", {}).get(ref, "")


def _open(request, ref: str, what: str = "") -> services.File:
    return services.open_file(
        request.user, ref, justification=_justification(request, ref), what=what
    )


def _problems(form, invalid: InvalidInput) -> None:
    for field, problem in invalid.problems.items():
        form.add_error(field if field in form.fields else None, problem)


def report_part(user, report) -> dict[str, object]:
    """What the report page shows of the investigation file (composed by fraudcase.pages):
    links to its parts and how much each holds; nothing for a report that is not a case."""
    return services.report_part(user, report)


# ---------------------------------------------------------------- the decision log


def decision_log(request, ref: str):
    """The case's decision log, oldest first, superseded entries shown as such."""
    file = _open(request, ref, "Viewed the decision log")
    log = list(services.decisions(file))
    return render(
        request,
        "investigation/decisions.html",
        {
            "file": file,
            "report": file.report,
            "log": log,
            "broken": services.broken_signatures(file, log),
            "may_decide": file.decision_capacity is not None,
        },
    )


def decision_log_print(request, ref: str):
    """The decision log on a page for printing: every entry with its signature."""
    file = _open(request, ref, "Printed the decision log")
    log = list(services.decisions(file))
    return render(
        request,
        "investigation/decisions_print.html",
        {
            "file": file,
            "report": file.report,
            "log": log,
            "broken": services.broken_signatures(file, log),
        },
    )


def decision_new(request, ref: str):
    """Record a decision (the officer in the case or a supervisor): signed, never changed."""
    file = _open(request, ref)
    if file.decision_capacity is None:
        raise Http404("No such page")  # the step does not exist for this user
    log = list(services.decisions(file))
    open_decisions = [
        (d.number, f"{d.reference}: {d.decision[:80]}")
        for d in log
        if not hasattr(d, "superseded_by")
    ]
    initial = {"supersedes": request.GET.get("supersedes", "")}
    form = DecisionForm(request.POST or None, open_decisions=open_decisions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.record_decision(
                file,
                decision=data["decision"],
                reasons=data["reasons"],
                options=data["options"],
                supersedes=data["supersedes"],
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        except NotPermitted as refused:
            raise Http404("No such page") from refused
        else:
            messages.success(request, f"Decision {entry.reference} recorded and signed.")
            return redirect("inv-decisions", ref=ref)
    return render(
        request,
        "investigation/decision_form.html",
        {"file": file, "report": file.report, "form": form},
    )


# ---------------------------------------------------------------- the investigation plan


def _line_choices(lines: list) -> list[tuple[int, str]]:
    return [(line.number, f"{line.number}. {line.heading}") for line in lines]


def _owner_choices() -> list[tuple[int, str]]:
    return [(u.pk, str(u)) for u in services.owners()]


def plan(request, ref: str):
    """The investigation plan: lines of enquiry and their actions. A user who works cases
    starts it (the Fraud Investigation Model's lines), adds lines and actions, and records
    results, each by a POST to this page naming its `step`."""
    file = _open(request, ref, "" if request.method == "POST" else "Viewed the investigation plan")
    works = services.may_work_plan(file)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step and not works:
        raise Http404("No such page")
    lines = list(services.plan(file))
    me = request.user.pk if request.user.role in rules.PLAN_ROLES else file.case.investigator_id
    line_form = LineForm(request.POST if step == "line" else None, prefix="line")
    action_form = ActionForm(
        request.POST if step == "action" else None,
        prefix="action",
        lines=_line_choices(lines)
        or [(n, f"{n}. {h}") for n, (_, h, _) in enumerate(rules.default_lines({}), 1)],
        owners=_owner_choices(),
        initial={"owner": me},
    )
    result_form = ResultForm(request.POST if step == "result" else None, prefix="result")
    try:
        if step == "start":
            services.start_plan(file)
            messages.success(
                request, "Plan started with the Fraud Investigation Model's lines of enquiry."
            )
            return redirect("inv-plan", ref=ref)
        if step == "line" and line_form.is_valid():
            line = services.add_line(file, line_form.cleaned_data["heading"])
            messages.success(request, f"Line of enquiry {line.number} added.")
            return redirect("inv-plan", ref=ref)
        if step == "action" and action_form.is_valid():
            data = action_form.cleaned_data
            services.add_action(
                file, line=data["line"], text=data["text"], owner_id=data["owner"], due=data["due"]
            )
            messages.success(request, "Action added.")
            return redirect("inv-plan", ref=ref)
        if step == "result" and result_form.is_valid():
            data = result_form.cleaned_data
            services.record_result(file, data["action"], data["result"])
            messages.success(request, "Result recorded.")
            return redirect("inv-plan", ref=ref)
    except InvalidInput as invalid:
        _problems({"line": line_form, "action": action_form, "result": result_form}[step], invalid)
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return redirect("inv-plan", ref=ref)
    except NotPermitted as refused:
        raise Http404("No such page") from refused
    today = timezone.localdate()
    for line in lines:
        for action in line.actions.all():
            action.state = rules.action_state(action.due, action.result_at is not None, today)
    return render(
        request,
        "investigation/plan.html",
        {
            "file": file,
            "report": file.report,
            "lines": lines,
            "works": works,
            "line_form": line_form,
            "action_form": action_form,
            "result_form": result_form,
            "failed_result": result_form.data.get("result-action") if step == "result" else "",
            "errors": [f for f in (line_form, action_form, result_form) if f.is_bound and f.errors],
        },
    )


# ---------------------------------------------------------------- exhibits


def exhibit_list(request, ref: str):
    """The case's exhibits with their holder now; exported (csv, xlsx) with their continuity."""
    fmt = request.GET.get("export", "")
    if fmt in exports.CONTENT_TYPES:
        file = services.open_file(
            request.user,
            ref,
            justification=_justification(request, ref),
            what="Exported the exhibit list",
            purpose=AuditAction.DISCLOSURE,
        )
        name = f"exhibits-{ref.replace('/', '-')}"
        return exports.download(exhibits.exhibit_frame(file), name, fmt)
    file = _open(request, ref, "Viewed the exhibit list")
    found = list(exhibits.exhibits(file))
    for e in found:
        moves = list(e.movements.all())
        e.holder = moves[-1].held_by if moves and moves[-1].end is None else ""
    return render(
        request,
        "investigation/exhibits.html",
        {
            "file": file,
            "report": file.report,
            "exhibits": found,
            "works": services.may_work_plan(file),
        },
    )


def exhibit_new(request, ref: str):
    """Record an exhibit seized (a user who works cases)."""
    file = _open(request, ref)
    if not services.may_work_plan(file):
        raise Http404("No such page")
    user = request.user
    initials = rules.officer_initials(user.first_name, user.last_name, user.get_username())
    form = ExhibitForm(request.POST or None, request.FILES or None, initial={"initials": initials})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exhibit = exhibits.record_exhibit(
                file,
                exhibits.ExhibitInput(
                    initials=data["initials"],
                    description=data["description"],
                    seized_from=data["seized_from"],
                    seized_where=data["seized_where"],
                    seized_at=data["seized_at"],
                    seal_number=data["seal_number"],
                    storage_location=data["storage_location"],
                    upload=data["upload"],
                ),
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"Exhibit {exhibit.reference} recorded.")
            return redirect("inv-exhibit", ref=ref, exhibit_id=exhibit.pk)
    return render(
        request,
        "investigation/exhibit_form.html",
        {"file": file, "report": file.report, "form": form},
    )


def exhibit_detail(request, ref: str, exhibit_id: int):
    """One exhibit and its chain of continuity; a user who works cases records it moving on,
    or returned or destroyed, by a POST naming its `step`."""
    file = _open(request, ref, "" if request.method == "POST" else "Viewed an exhibit")
    exhibit = exhibits.get_exhibit(file, exhibit_id)
    works = services.may_work_plan(file)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step and not works:
        raise Http404("No such page")
    move_form = MoveForm(request.POST if step == "move" else None, prefix="move")
    dispose_form = DisposeForm(request.POST if step == "dispose" else None, prefix="dispose")
    try:
        if step == "move" and move_form.is_valid():
            data = move_form.cleaned_data
            exhibits.move_exhibit(
                file, exhibit.pk, held_by=data["held_by"], at=data["at"], reason=data["reason"]
            )
            messages.success(request, f"Exhibit {exhibit.reference} moved to {data['held_by']}.")
            return redirect("inv-exhibit", ref=ref, exhibit_id=exhibit.pk)
        if step == "dispose" and dispose_form.is_valid():
            data = dispose_form.cleaned_data
            exhibits.dispose_exhibit(
                file,
                exhibit.pk,
                disposal=data["disposal"],
                authority=data["authority"],
                at=data["at"],
            )
            messages.success(
                request,
                f"Exhibit {exhibit.reference}: {rules.Disposal(data['disposal']).label.lower()}.",
            )
            return redirect("inv-exhibit", ref=ref, exhibit_id=exhibit.pk)
    except InvalidInput as invalid:
        _problems(move_form if step == "move" else dispose_form, invalid)
    except NotPermitted as refused:
        raise Http404("No such page") from refused
    return render(
        request,
        "investigation/exhibit_detail.html",
        {
            "file": file,
            "report": file.report,
            "exhibit": exhibit,
            "movements": list(exhibit.movements.all()),
            "chain_problems": exhibits.chain_problems(exhibit),
            "works": works and not exhibit.disposal,
            "move_form": move_form,
            "dispose_form": dispose_form,
            "errors": [f for f in (move_form, dispose_form) if f.is_bound and f.errors],
        },
    )


def exhibit_file(request, ref: str, exhibit_id: int):
    """A digital exhibit's file, as a download (audited as a disclosure)."""
    file = services.open_file(
        request.user,
        ref,
        justification=_justification(request, ref),
        what="Downloaded a digital exhibit",
        purpose=AuditAction.DISCLOSURE,
    )
    exhibit, handle = exhibits.open_exhibit_file(file, exhibit_id)
    response = FileResponse(
        handle, as_attachment=True, filename=exhibit.filename, content_type=exhibit.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- people and things (POLE)


def _report(request, ref: str, what: str = ""):
    return nominals.open_report(
        request.user, ref, justification=_justification(request, ref), what=what
    )


def _recording(request) -> None:
    if not nominals.may_record(request.user):
        raise Http404("No such page")  # the step does not exist for this role


def people(request, ref: str):
    """The report's people and things: suspects, victims, witnesses and other nominals with
    their identifiers, objects, locations and events; those removed, with why."""
    report = _report(request, ref, "Viewed the people and things on the report")
    return render(
        request,
        "investigation/people.html",
        {
            "report": report,
            "people": nominals.people(report),
            "may_record": nominals.may_record(request.user),
        },
    )


def _entry(form: NominalForm) -> nominals.Entry:
    data = form.cleaned_data
    return nominals.Entry(
        kind=data["kind"],
        role=data["role"],
        name=data["name"],
        details=data["details"],
        identifiers=form.identifiers(),
    )


def _initial(name: str, kind: str, role: str, details: str, identifiers) -> dict[str, str]:
    initial = {"kind": kind, "role": role, "name": name, "details": details}
    for ident in identifiers:
        initial[ident.kind] = (initial.get(ident.kind, "") + "\n" + ident.raw).strip()
    return initial


def person_new(request, ref: str):
    """Record a person or thing on the report (?role=suspect or witness starts the form so).
    `?suspect=<id>` takes on a suspect that came with the report (an NFIB package)."""
    report = _report(request, ref)
    _recording(request)
    taken = None
    if request.GET.get("suspect", "").isdigit():
        taken = nominals.source_suspect(report, int(request.GET["suspect"]))
    role = request.GET.get("role", "")
    if taken is not None:
        initial = _initial(taken.name, "person", "suspect", "", taken.identifiers.all())
    else:
        initial = {"kind": "person" if role else "", "role": role}
    form = NominalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            n = nominals.record(
                request.user,
                report,
                _entry(form),
                reason=form.cleaned_data["reason"],
                suspect_id=taken.pk if taken else None,
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        except NotPermitted as refused:
            raise Http404("No such page") from refused
        else:
            messages.success(request, f"{n.name} recorded.")
            return redirect("inv-people", ref=ref)
    return render(
        request,
        "investigation/person_form.html",
        {"report": report, "form": form, "taken": taken, "heading": "Record a person or thing"},
    )


def person_edit(request, ref: str, nominal_id: int):
    """Change a person or thing on the report, with the reason."""
    report = _report(request, ref)
    n = nominals.get_nominal(report, nominal_id)
    _recording(request)
    if n.removed_at is not None:
        raise Http404("No such page")
    form = NominalForm(
        request.POST or None,
        initial=_initial(n.name, n.kind, n.role, n.details, n.identifiers.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            nominals.change(
                request.user, report, n.pk, _entry(form), reason=form.cleaned_data["reason"]
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        except NotPermitted as refused:
            raise Http404("No such page") from refused
        else:
            messages.success(request, f"{form.cleaned_data['name']} changed.")
            return redirect("inv-people", ref=ref)
    return render(
        request,
        "investigation/person_form.html",
        {"report": report, "form": form, "nominal": n, "heading": f"Change {n.name}"},
    )


def person_remove(request, ref: str, nominal_id: int):
    """Remove a person or thing from the report, with the reason (the entry is kept)."""
    report = _report(request, ref)
    n = nominals.get_nominal(report, nominal_id)
    _recording(request)
    if n.removed_at is not None:
        raise Http404("No such page")
    form = RemoveNominalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nominals.remove(request.user, report, n.pk, reason=form.cleaned_data["reason"])
        except InvalidInput as invalid:
            _problems(form, invalid)
        except NotPermitted as refused:
            raise Http404("No such page") from refused
        else:
            messages.success(request, f"{n.name} removed.")
            return redirect("inv-people", ref=ref)
    return render(
        request,
        "investigation/person_remove.html",
        {"report": report, "form": form, "nominal": n},
    )
