"""Pages for intake and reports: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fraudcase import exports
from fraudcase.accounts.models import Role
from fraudcase.audit import services as audit
from fraudcase.cases import clocks as case_clocks
from fraudcase.cases import services as case_services
from fraudcase.jobs import services as job_services
from fraudcase.jobs.models import JobKind
from fraudcase.triage import forms as triage_forms
from fraudcase.triage import rules as triage_rules

from . import rules, services
from .forms import (
    CallForServiceForm,
    ErasureForm,
    JustificationForm,
    LogEntryForm,
    NFIBUploadForm,
    ReferralForm,
    SearchForm,
)
from .rules import Transition

SEARCH_PAGE_SIZE = 50


def home(request):
    reports = services.visible_reports(request.user)
    mine = None
    if case_services.may_work_cases(request.user) or request.user.role == Role.ASSESSOR:
        today = timezone.localdate()
        items = case_clocks.for_scope(
            request.user, case_clocks.due_items(request.user, today), "mine"
        )
        mine = {"overdue": sum(i.state == "overdue" for i in items),
                "due_today": sum(i.state == "due_today" for i in items)}  # fmt: skip
    return render(
        request,
        "intake/home.html",
        {
            "deadlines": mine,
            "report_count": reports.count(),
            "recorded_today": reports.filter(recorded_at__date=timezone.localdate()).count(),
            "recorded_late": reports.filter(recorded_at__gt=F("recording_deadline")).count(),
            "to_double_key": services.calls_to_double_key(request.user).count(),
            "search_form": SearchForm(),
        },
    )


def _justification(request, reference: str) -> str:
    return request.session.get("justifications", {}).get(reference, "")


def report_search(request):
    form = SearchForm(request.GET or None)
    results, count, term = None, 0, ""
    if form.is_valid() and (term := form.cleaned_data["q"].strip()):
        found = services.search_reports(request.user, term)
        count = found.count()
        fmt = request.GET.get("export")
        if fmt in exports.CONTENT_TYPES:
            return _export_search(request, found, term, count, fmt)
        services.audit_search(request.user, term, count)
        results = list(found[:SEARCH_PAGE_SIZE])
    return render(
        request,
        "intake/search.html",
        {
            "form": form,
            "results": results,
            "count": count,
            "term": term,
            "page_size": SEARCH_PAGE_SIZE,
        },
    )


def _export_search(request, found, term: str, count: int, fmt: str):
    """Export search results; when any is restricted, only with a reason (kept in the audit)."""
    restricted = services.restricted_among(found)
    reason = JustificationForm(request.POST if request.method == "POST" else None)
    if restricted and not (request.method == "POST" and reason.is_valid()):
        return render(request, "intake/export_justify.html", {
            "form": reason, "term": term, "fmt": fmt, "count": count, "restricted": restricted,
        })  # fmt: skip
    justification = reason.cleaned_data["justification"] if restricted else ""
    services.audit_search(request.user, term, count, disclosure=True,
                          justification=justification)  # fmt: skip
    return exports.download(_search_frame(found), "reports", fmt)


def _search_frame(found) -> pl.DataFrame:
    rows = list(
        found.values_list(
            "local_reference",
            "source",
            "received_at",
            "victim__forename",
            "victim__surname",
            "victim__business_name",
            "victim__postcode",
            "fraud_type",
            "loss_gbp",
        )[:100000]
    )
    columns = [
        "local_reference",
        "source",
        "received_at",
        "forename",
        "surname",
        "business_name",
        "postcode",
        "fraud_type",
        "loss_gbp",
    ]
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(
        pl.col("received_at").cast(pl.String), pl.col("loss_gbp").cast(pl.String)
    )


def report_detail(request, ref):
    justification = _justification(request, ref)
    try:
        report = services.get_report(request.user, ref, justification=justification)
    except services.JustificationRequired:
        return redirect("report-justify", ref=ref)
    log_form = LogEntryForm(request.POST or None)
    if request.method == "POST" and log_form.is_valid():
        services.add_log_entry(request.user, report, log_form.cleaned_data["text"])
        messages.success(request, "Added to the enquiry log.")
        return redirect("report-detail", ref=ref)
    return render(
        request,
        "intake/report.html",
        {
            "report": report,
            "nfrc_numbers": services.nfrc_numbers(report),
            "suspects": report.suspects.prefetch_related("identifiers"),
            "timeline": services.report_timeline(report),
            "attachments": report.attachments.all(),
            "log_form": log_form,
            "call": getattr(report, "call_for_service", None),
            "referral": getattr(report, "referral", None),
            "decision_form": triage_forms.DecisionForm(prefix=None)
            if services.may(request.user, Transition.DECIDE, report)
            else None,
            "may_evaluate": services.may(request.user, Transition.EVALUATE, report),
            "evaluations": [
                {
                    "evaluator": e.evaluator,
                    "completed_at": e.completed_at,
                    "recommendation_reasons": e.recommendation_reasons,
                    "recommendation_label": triage_rules.EVALUATION_RECOMMENDATION_LABELS.get(
                        e.recommendation, e.recommendation
                    ),
                }
                for e in report.evaluations.filter(completed_at__isnull=False)
            ],
            "evidence_requests": report.evidence_requests.all(),
            "evidence_form": triage_forms.EvidenceRequestForm(prefix="evidence")
            if request.user.role in triage_rules.EVIDENCE_ROLES
            and report.status in (*rules.EVIDENCE_STAGES, "filed_pending")
            else None,
            "case_panel": case_services.panel(request.user, report),
        },
    )


def report_justify(request, ref):
    form = JustificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        given = request.session.get("justifications", {})
        given[ref] = form.cleaned_data["justification"]
        request.session["justifications"] = given
        back = request.GET.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("report-detail", ref=ref)
    # Visible only if the report exists for this user; otherwise 404 like any other read.
    if not services.visible_reports(request.user).filter(local_reference=ref).exists():
        raise Http404("No report with that reference")
    return render(request, "intake/justify.html", {"form": form, "ref": ref})


@user_passes_test(lambda u: u.role == Role.ADMINISTRATOR)
def report_audit(request, ref):
    report = services.get_report(
        request.user,
        ref,
        justification=_justification(request, ref) or "Administrator reviewing the audit trail",
    )
    return render(
        request,
        "intake/audit.html",
        {
            "report": report,
            "events": audit.trail("report", report.local_reference)[:500],
        },
    )


@user_passes_test(lambda u: u.role == Role.ADMINISTRATOR)
def report_erase(request, ref):
    report = services.get_report(
        request.user,
        ref,
        justification=_justification(request, ref) or "Administrator considering erasure",
    )
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.erase_personal_data(request.user, report, form.cleaned_data["reason"])
        messages.success(request, f"Personal data on {ref} erased.")
        return redirect("report-detail", ref=ref)
    return render(request, "intake/erase.html", {"report": report, "form": form})


def attachment_download(request, ref, attachment_id):
    attachment, handle = services.open_attachment(
        request.user, ref, attachment_id, justification=_justification(request, ref)
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )


def import_nfib(request):
    """Upload a package; the import runs as a job whose page shows its progress."""
    form = NFIBUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = job_services.start(
            JobKind.NFIB_PACKAGE, request.user, form.cleaned_data["file"],
            profile=form.cleaned_data["profile"] or "default",
        )  # fmt: skip
        return redirect("job-detail", job_id=job.pk)
    return render(request, "intake/import.html", {"form": form})


def call_for_service_new(request):
    form = CallForServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.record_call_for_service(
                request.user,
                services.CallForServiceInput(
                    caller_forename=data["caller_forename"],
                    caller_surname=data["caller_surname"],
                    caller_phone=data["caller_phone"],
                    caller_postcode=data["caller_postcode"],
                    caller_dob=data["caller_dob"],
                    summary=data["summary"],
                    fraud_type=data["fraud_type"],
                    loss_gbp=data["loss_gbp"],
                    criteria=data["criteria"],
                    other_reason=data["other_reason"],
                ),
            )
        except services.InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field, problem)
        else:
            if call.report:
                messages.success(
                    request,
                    f"Recorded as call for service {call.report}. It is on "
                    "the list to double-key to NFIB.",
                )
                return redirect("report-detail", ref=call.report.local_reference)
            return render(request, "intake/cfs_advised.html", {"call": call})
    return render(request, "intake/cfs_form.html", {"form": form})


def double_key_list(request):
    calls = services.calls_to_double_key(request.user)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = pl.DataFrame(
            [
                (
                    c.report.local_reference,
                    c.taken_at.isoformat(),
                    c.caller_forename,
                    c.caller_surname,
                    c.summary,
                )
                for c in calls
            ],
            schema=["local_reference", "taken_at", "forename", "surname", "summary"],
            orient="row",
        )
        audit.record(
            request.user,
            audit.AuditAction.DISCLOSURE,
            "list",
            "double-key",
            f"Exported {frame.height} calls for service to double-key",
        )
        return exports.download(frame, "calls-to-double-key", fmt)
    return render(request, "intake/double_key.html", {"calls": calls})


@require_POST
def double_key_sent(request, call_id):
    call = services.mark_sent_to_nfib(request.user, call_id, request.POST.get("nfib_reference", ""))
    messages.success(request, f"{call.report} marked as sent to NFIB.")
    return HttpResponseRedirect(reverse("cfs-double-key"))


def referral_new(request):
    form = ReferralForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [data["attachment"]] if data.get("attachment") else []
        try:
            referral = services.record_referral(
                request.user,
                services.ReferralInput(
                    referrer_type=data["referrer_type"],
                    referrer_name=data["referrer_name"],
                    received_on=data["received_on"],
                    victim_type=data["victim_type"],
                    forename=data["forename"],
                    surname=data["surname"],
                    business_name=data["business_name"],
                    postcode=data["postcode"],
                    summary=data["summary"],
                    storage_decision=data["storage_decision"],
                ),
                uploads,
            )
        except services.AttachmentRejected as rejected:
            form.add_error("attachment", str(rejected))
        else:
            messages.success(request, f"Referral recorded as {referral.report}.")
            return redirect("report-detail", ref=referral.report.local_reference)
    return render(request, "intake/referral_form.html", {"form": form})
