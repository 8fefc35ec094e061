"""The file for the CPS's pages: request -> service -> template. Each page opens the case's
file through services.open_file (a report the user may not see is a 404); a step only a user
who works cases may take is a 404 for anyone else."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports
from fraudcase.core.errors import InvalidInput, NotPermitted

from . import bundle, rules, services
from .forms import (
    CertifyForm,
    ChargingDecisionForm,
    ChargingRequestForm,
    DocumentForm,
    HearingForm,
    HearingResultForm,
    InterviewForm,
    ItemForm,
    ProsecutorForm,
    VersionForm,
    WithdrawForm,
)


def _justification(request, ref: str) -> str:
    return request.session.get("justifications", {}).get(ref, "")


def _open(
    request, ref: str, what: str = "", purpose: AuditAction = AuditAction.CONSULTATION
) -> services.File:
    return services.open_file(
        request.user, ref, justification=_justification(request, ref), what=what, purpose=purpose
    )


def _problems(form, invalid: InvalidInput) -> None:
    for field, problem in invalid.problems.items():
        form.add_error(field if field in form.fields else None, problem)


def _may_step(request, file: services.File) -> str:
    """The POST's `step`, or "" for a GET; a 404 for a user who does not work cases."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step and not services.may_work(file):
        raise Http404("No such page")
    return step


def report_part(user, report) -> dict[str, object]:
    """What the report page shows of the file for the CPS (composed by fraudcase.pages)."""
    return services.report_part(user, report)


# ---------------------------------------------------------------- statements and documents


def document_list(request, ref: str):
    """The statements index; exported (csv, xlsx) as a disclosure."""
    fmt = request.GET.get("export", "")
    if fmt in exports.CONTENT_TYPES:
        file = _open(request, ref, "Exported the statements index", AuditAction.DISCLOSURE)
        name = f"statements-{ref.replace('/', '-')}"
        return exports.download(services.documents_frame(file), name, fmt)
    file = _open(request, ref, "Viewed the statements and documents")
    found = list(services.documents(file))
    for d in found:
        versions = list(d.versions.all())
        d.latest = versions[-1] if versions else None
    return render(
        request,
        "casefile/documents.html",
        {"file": file, "report": file.report, "documents": found, "works": services.may_work(file)},
    )


def document_new(request, ref: str):
    """Attach a statement or document (a user who works cases)."""
    file = _open(request, ref)
    if not services.may_work(file):
        raise Http404("No such page")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.add_document(
                file,
                services.DocumentInput(
                    kind=data["kind"],
                    title=data["title"],
                    author=data["author"],
                    dated=data["dated"],
                    upload=data["upload"],
                ),
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"{document.reference} attached.")
            return redirect("cf-document", ref=ref, document_id=document.pk)
    return render(
        request, "casefile/document_form.html", {"file": file, "report": file.report, "form": form}
    )


def document_detail(request, ref: str, document_id: int):
    """One document and its versions; a user who works cases adds a new version."""
    file = _open(request, ref, "" if request.method == "POST" else "Viewed a document")
    document = services.get_document(file, document_id)
    step = _may_step(request, file)
    form = VersionForm(request.POST if step else None, request.FILES if step else None)
    if step == "version" and form.is_valid():
        try:
            version = services.add_version(
                file, document.pk, form.cleaned_data["upload"], form.cleaned_data["note"]
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, f"Version {version.version} added.")
            return redirect("cf-document", ref=ref, document_id=document.pk)
    return render(
        request,
        "casefile/document_detail.html",
        {
            "file": file,
            "report": file.report,
            "document": document,
            "versions": list(document.versions.all()),
            "form": form,
            "works": services.may_work(file),
        },
    )


def document_file(request, ref: str, document_id: int, version: int):
    """One version's file, as a download (audited as a disclosure)."""
    file = _open(request, ref, "Downloaded a statement or document", AuditAction.DISCLOSURE)
    found, handle = services.open_version(file, document_id, version)
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- disclosure schedules


def _schedule_kind(schedule: str) -> rules.ScheduleKind:
    if schedule not in rules.ScheduleKind.values:
        raise Http404("No such schedule")
    return rules.ScheduleKind(schedule)


def schedule_page(request, ref: str, schedule: str):
    """A schedule of unused material: its items (withdrawn ones marked), the material added
    since it was last reviewed, and, for a user who works cases, an item to add and the
    review to record (a POST naming its `step`). Exported (csv, xlsx) as a disclosure."""
    kind = _schedule_kind(schedule)
    fmt = request.GET.get("export", "")
    if fmt in exports.CONTENT_TYPES:
        file = _open(request, ref, f"Exported the {kind.upper()}", AuditAction.DISCLOSURE)
        name = f"{kind}-{ref.replace('/', '-')}"
        return exports.download(services.schedule_frame(file, kind), name, fmt)
    file = _open(request, ref, "" if request.method == "POST" else f"Viewed the {kind.upper()}")
    step = _may_step(request, file)
    sensitive = kind == rules.ScheduleKind.MG6D
    form = ItemForm(request.POST if step == "item" else None, sensitive=sensitive)
    try:
        if step == "review":
            services.mark_reviewed(file, kind)
            messages.success(request, "Review recorded.")
            return redirect("cf-schedule", ref=ref, schedule=kind)
        if step == "item" and form.is_valid():
            data = form.cleaned_data
            item = services.add_item(
                file,
                kind,
                services.ItemInput(
                    description=data["description"],
                    location=data["location"],
                    decision=data.get("decision", ""),
                    sensitivity=data.get("sensitivity", ""),
                ),
            )
            messages.success(request, f"Item {item.number} added to the schedule.")
            return redirect("cf-schedule", ref=ref, schedule=kind)
    except InvalidInput as invalid:
        _problems(form, invalid)
    except NotPermitted as refused:
        raise Http404("No such page") from refused
    sched = services.schedule(file, kind)
    return render(
        request,
        "casefile/schedule.html",
        {
            "file": file,
            "report": file.report,
            "kind": kind,
            "sensitive": sensitive,
            "schedule": sched,
            "items": services.items(sched),
            "to_review": services.to_review(file, sched),
            "form": form,
            "works": services.may_work(file),
        },
    )


def schedule_print(request, ref: str, schedule: str):
    """The schedule on a page for printing: every item, withdrawn ones marked."""
    kind = _schedule_kind(schedule)
    file = _open(request, ref, f"Printed the {kind.upper()}")
    sched = services.schedule(file, kind)
    return render(
        request,
        "casefile/schedule_print.html",
        {
            "file": file,
            "report": file.report,
            "kind": kind,
            "sensitive": kind == rules.ScheduleKind.MG6D,
            "schedule": sched,
            "items": services.items(sched),
        },
    )


def schedule_item(request, ref: str, schedule: str, number: int):
    """One item: withdraw it (it keeps its number), or record the prosecutor's decision on a
    sensitive item."""
    kind = _schedule_kind(schedule)
    file = _open(request, ref, "" if request.method == "POST" else f"Viewed a {kind.upper()} item")
    step = _may_step(request, file)
    sched = services.schedule(file, kind)
    item = next((i for i in services.items(sched) if i.number == number), None)
    if item is None:
        raise Http404("No such item")
    withdraw = WithdrawForm(request.POST if step == "withdraw" else None, prefix="withdraw")
    decide = ProsecutorForm(request.POST if step == "prosecutor" else None, prefix="prosecutor")
    try:
        if step == "withdraw" and withdraw.is_valid():
            services.withdraw_item(file, kind, number, withdraw.cleaned_data["reason"])
            messages.success(request, f"Item {number} withdrawn. It keeps its number.")
            return redirect("cf-schedule", ref=ref, schedule=kind)
        if step == "prosecutor" and sensitive_item(kind) and decide.is_valid():
            services.record_prosecutor_decision(
                file, number, decide.cleaned_data["prosecutor_decision"]
            )
            messages.success(request, "Prosecutor's decision recorded.")
            return redirect("cf-schedule", ref=ref, schedule=kind)
    except InvalidInput as invalid:
        _problems(withdraw if step == "withdraw" else decide, invalid)
    return render(
        request,
        "casefile/schedule_item.html",
        {
            "file": file,
            "report": file.report,
            "kind": kind,
            "sensitive": sensitive_item(kind),
            "item": item,
            "withdraw_form": withdraw,
            "prosecutor_form": decide,
            "works": services.may_work(file) and item.withdrawn_at is None,
            "errors": [f for f in (withdraw, decide) if f.is_bound and f.errors],
        },
    )


def sensitive_item(kind: str) -> bool:
    return kind == rules.ScheduleKind.MG6D


def disclosure_report(request, ref: str):
    """The disclosure officer's report (MG6E): the certificates given, and a new one."""
    file = _open(request, ref, "" if request.method == "POST" else "Viewed the MG6E")
    step = _may_step(request, file)
    form = CertifyForm(request.POST if step else None)
    if step == "certify" and form.is_valid():
        services.certify(file, form.cleaned_data["attention"])
        messages.success(request, "MG6E certified.")
        return redirect("cf-mg6e", ref=ref)
    schedules = {k: services.schedule(file, k) for k in rules.ScheduleKind.values}
    return render(
        request,
        "casefile/mg6e.html",
        {
            "file": file,
            "report": file.report,
            "certificates": list(services.disclosure_reports(file)),
            "to_review": {
                rules.ScheduleKind(k).upper(): services.to_review(file, s)
                for k, s in schedules.items()
            },
            "form": form,
            "works": services.may_work(file),
        },
    )


# ---------------------------------------------------------------- charging and court


def _suspect_choices(file: services.File) -> list[tuple[int, str]]:
    """The report's suspects, from its package or recorded by an officer."""
    return services.suspect_choices(file)


def charging(request, ref: str):
    """Interviews, charging decisions and court hearings, and the Home Office outcome they
    suggest on finalisation (a link into the finalisation form with it chosen)."""
    file = _open(request, ref, "" if request.method == "POST" else "Viewed charging and court")
    step = _may_step(request, file)
    suspects = _suspect_choices(file)
    forms_ = {
        "interview": InterviewForm(
            request.POST if step == "interview" else None, prefix="interview", suspects=suspects
        ),
        "request": ChargingRequestForm(
            request.POST if step == "request" else None, prefix="request", suspects=suspects
        ),
        "hearing": HearingForm(
            request.POST if step == "hearing" else None, prefix="hearing", suspects=suspects
        ),
    }
    form = forms_.get(step)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if step == "interview":
                services.record_interview(
                    file,
                    suspect=data["suspect"],
                    held_on=data["held_on"],
                    kind=data["kind"],
                    notes=data["notes"],
                )
            elif step == "request":
                services.request_charging(
                    file,
                    suspect=data["suspect"],
                    decision_maker=data["decision_maker"],
                    requested_on=data["requested_on"],
                    notes=data["notes"],
                )
            else:
                services.add_hearing(
                    file,
                    suspect=data["suspect"],
                    held_on=data["held_on"],
                    court=data["court"],
                    kind=data["kind"],
                )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, "Saved.")
            return redirect("cf-charging", ref=ref)
    decisions = list(services.charging(file))
    suggested = services.suggestion(decisions)
    finalise = ""
    if suggested:
        finalise = reverse("report-finalise", kwargs={"ref": ref}) + f"?outcome={suggested.outcome}"
    return render(
        request,
        "casefile/charging.html",
        {
            "file": file,
            "report": file.report,
            "interviews": list(services.interviews(file)),
            "decisions": decisions,
            "hearings": list(services.hearings(file)),
            "suggested": suggested,
            "finalise_url": finalise,
            "forms": forms_,
            "errors": [f for f in forms_.values() if f.is_bound and f.errors],
            "works": services.may_work(file) and bool(suspects),
            "has_suspects": bool(suspects),
        },
    )


def charging_decision(request, ref: str, charging_id: int):
    """Record the charging decision received on a request."""
    file = _open(request, ref)
    if not services.may_work(file):
        raise Http404("No such page")
    entry = services.charging(file).filter(pk=charging_id).first()
    if entry is None:
        raise Http404("No such charging request")
    form = ChargingDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_charging_decision(
                file,
                entry.pk,
                decision=form.cleaned_data["decision"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except InvalidInput as invalid:
            _problems(form, invalid)
        else:
            messages.success(request, "Charging decision recorded.")
            return redirect("cf-charging", ref=ref)
    return render(
        request,
        "casefile/charging_decision.html",
        {"file": file, "report": file.report, "entry": entry, "form": form},
    )


def hearing_result(request, ref: str, hearing_id: int):
    """Record a court hearing's result."""
    file = _open(request, ref)
    if not services.may_work(file):
        raise Http404("No such page")
    entry = services.hearings(file).filter(pk=hearing_id).first()
    if entry is None:
        raise Http404("No such hearing")
    form = HearingResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_hearing_result(
            file, entry.pk, result=form.cleaned_data["result"], notes=form.cleaned_data["notes"]
        )
        messages.success(request, "Result recorded.")
        return redirect("cf-charging", ref=ref)
    return render(
        request,
        "casefile/hearing_result.html",
        {"file": file, "report": file.report, "entry": entry, "form": form},
    )


# ---------------------------------------------------------------- the bundle


def bundle_pdf(request, ref: str):
    """The case file for the CPS as one PDF (audited as a disclosure)."""
    file = _open(request, ref, "Generated the case file for the CPS", AuditAction.DISCLOSURE)
    response = HttpResponse(bundle.build(file), content_type="application/pdf")
    name = f"case-file-{ref.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
