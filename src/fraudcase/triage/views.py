"""Triage pages: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.reports import rules as report_rules
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import FraudType, ReportStatus
from fraudcase.reports.models import Source
from fraudcase.reports.views import EXPORT_ROWS, list_justification

from . import rules, services
from .forms import AssessmentForm, DecisionForm, EvaluationForm, EvidenceRequestForm

# The queue's sortable columns (oldest received first by default: the Victims' Code clock).
QUEUE_SORTS = {
    "reference": paging.Sort("Report", ("local_reference",)),
    "victim": paging.Sort("Victim", ("victim__surname", "victim__business_name")),
    "source": paging.Sort("Source", ("source", "fraud_type")),
    "received": paging.Sort("Received", ("received_at",)),
}


def report_part(user, report) -> dict:
    """Triage's part of the report page (composed in fraudcase.pages): the supervisor's
    decision form, evaluations done, and evidence asked for."""
    return {
        "decision_form": DecisionForm(prefix=None, current_tier=services.current_tier(report))
        if report_services.may(user, report_rules.Transition.DECIDE, report)
        else None,
        "may_evaluate": report_services.may(user, report_rules.Transition.EVALUATE, report),
        "evaluations": [
            {
                "evaluator": e.evaluator,
                "completed_at": e.completed_at,
                "recommendation_reasons": e.recommendation_reasons,
                "recommendation_label": rules.EvaluationRecommendation(e.recommendation).label
                if e.recommendation in rules.EvaluationRecommendation.values
                else e.recommendation,
            }
            for e in report.evaluations.filter(completed_at__isnull=False)
        ],
        "evidence_requests": report.evidence_requests.all(),
        "evidence_form": EvidenceRequestForm(prefix="evidence")
        if user.role in rules.EVIDENCE_ROLES
        and report.status in (*report_rules.EVIDENCE_STAGES, ReportStatus.FILED_PENDING_INFORMATION)
        else None,
    }


def queue(request):
    today = timezone.localdate()
    filters = {
        k: request.GET.get(k, "")
        for k in ("source", "fraud_type", "deadline", "tier", "vulnerability")
    }
    filters["stage"] = request.GET.get("stage") or "to_assess"
    reports = services.assessor_queue(request.user, today=today, **filters)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = services.with_deadlines(reports[:EXPORT_ROWS], today)
        frame = pl.DataFrame(
            [
                (
                    r["report"].local_reference,
                    r["report"].get_source_display(),
                    r["report"].received_at.isoformat(),
                    r["report"].victim.display_name,
                    r["report"].fraud_type,
                    r["update_due"].isoformat(),
                    r["state"].value,
                )
                for r in rows
            ],
            schema=[
                "local_reference",
                "source",
                "received_at",
                "victim",
                "fraud_type",
                "update_due",
                "deadline_state",
            ],
            orient="row",
        )
        report_services.disclose(
            request.user,
            reports[:EXPORT_ROWS],
            list_justification(request),
            listing="assessor-queue",
            summary=f"Exported the assessor queue ({frame.height} reports)",
        )
        return exports.download(frame, "assessor-queue", fmt)
    page = paging.paginate(request, reports, sorts=QUEUE_SORTS, default="received")
    report_services.disclose(
        request.user,
        page.rows,
        list_justification(request),
        listing="assessor-queue",
        summary=f"Viewed the assessor queue (page {page.number}: {len(page.rows)} reports)",
        action=AuditAction.CONSULTATION,
    )
    page.rows = services.with_deadlines(page.rows, today)
    return render(
        request,
        "triage/queue.html",
        {
            "page": page,
            "filters": filters,
            "sources": Source.choices,
            "fraud_types": FraudType.choices,
            "stages": [(k, label) for k, (label, _) in services.QUEUE_STAGES.items()],
            "stage_label": services.QUEUE_STAGES.get(
                filters["stage"], services.QUEUE_STAGES["to_assess"]
            )[0],
            "deadlines": [
                (rules.DeadlineState.OVERDUE, "Overdue"),
                (rules.DeadlineState.DUE_TODAY, "Due today"),
                (rules.DeadlineState.DUE_LATER, "Due later"),
            ],
            "query": page.query,
        },
    )


def assess(request, ref):
    """One page for the whole §5.2 assessment; the matrix pre-filled where the data allows."""
    if not services.queue_allowed(request.user):
        raise Http404("No such page")
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    version, scoring = services.active_scoring()
    prefill = services.matrix_prefill(request.user, report)
    form = AssessmentForm(request.POST or None, scoring=scoring, prefill=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.record_assessment(request.user, report, form.cleaned_data)
        except services.InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request,
                f"Assessment saved: tier {assessment.tier} "
                f"({assessment.team}). Sent for the supervisor's decision.",
            )
            return redirect("report-detail", ref=ref)
    fields = {name: form[name] for name in form.fields}
    return render(
        request,
        "triage/assess.html",
        {
            "report": report,
            "form": form,
            "version": version,
            "entitlements": [form[f"entitlement_{i}"] for i in range(len(rules.VCOP_ENTITLEMENTS))],
            "thrive": [form[f"thrive_{n.lower()}"] for n in rules.THRIVE],
            "proportionality": [
                form[f"proportionality_{i}"] for i in range(len(rules.PROPORTIONALITY_QUESTIONS))
            ],
            "matrix": [form[f"matrix_{h}"] for h in scoring["headings"]],
            "tier_facts": list(
                zip(form["tier_facts"], [f.hint for f in rules.ASKED_FACTS], strict=True)
            ),
            "fields": fields,
            "repeat_reports": services.repeat_reports(request.user, report),
        },
    )


@require_POST
def decide(request, ref):
    """The supervisor's route for an assessed report, from the report page."""
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a decision.")
        return redirect("report-detail", ref=ref)
    try:
        services.decide(request.user, report, **form.cleaned_data)
    except services.Conflict as conflict:
        messages.error(request, str(conflict))
    except services.InvalidInput as invalid:
        messages.error(request, " ".join(invalid.problems.values()))
    else:
        messages.success(request, "Decision recorded.")
    return redirect("report-detail", ref=ref)


def evaluate(request, ref):
    """App. F on one page: save stage 1, or complete both and return it to the supervisor."""
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    if not report_services.may(request.user, "evaluate", report):
        raise Http404("No such page")
    draft = services.evaluation_in_progress(report)
    initial = {}
    if draft is not None:
        initial = {f.name: getattr(draft, f.name) for f in draft._meta.fields}
        initial.update({f"requirement_{k}": v for k, v in draft.requirements.items()})
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("complete") == "yes"
        try:
            services.record_evaluation(request.user, report, form.cleaned_data, complete=complete)
        except services.InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        except services.Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("report-detail", ref=ref)
        else:
            messages.success(
                request,
                "Evaluation complete: returned to the supervisor for decision."
                if complete
                else "Stage 1 saved.",
            )
            return redirect("report-detail", ref=ref)
    requirements = [form[f"requirement_{k}"] for k, _ in rules.EVALUATION_REQUIREMENTS]
    return render(
        request,
        "triage/evaluate.html",
        {"report": report, "form": form, "requirements": requirements, "draft": draft},
    )


@require_POST
def evidence(request, ref):
    """Record evidence asked of the victim or a third party (28 days, §5.2)."""
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    form = EvidenceRequestForm(request.POST, prefix="evidence")
    if not form.is_valid():
        messages.error(request, "Say who the evidence was asked of and what it is.")
        return redirect("report-detail", ref=ref)
    try:
        services.request_evidence(
            request.user, report, **form.cleaned_data, today=timezone.localdate()
        )
    except services.InvalidInput as invalid:
        messages.error(request, " ".join(invalid.problems.values()))
    else:
        messages.success(request, "Evidence request recorded: due in 28 days.")
    return redirect("report-detail", ref=ref)


@require_POST
def evidence_received(request, ref, request_id):
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    wanted = report.evidence_requests.filter(pk=request_id).first()
    if wanted is None:
        raise Http404("No such evidence request")
    try:
        status = services.evidence_received(request.user, wanted, today=timezone.localdate())
    except services.Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        reopened = (
            " The report is reopened." if status != ReportStatus.FILED_PENDING_INFORMATION else ""
        )
        messages.success(request, f"Evidence marked as received.{reopened}")
    return redirect("report-detail", ref=ref)
