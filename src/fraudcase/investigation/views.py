"""The investigation file's pages: request -> service -> template."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from fraudcase.core.errors import InvalidInput, NotPermitted

from . import services
from .forms import DecisionForm


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
