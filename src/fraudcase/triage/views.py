"""Triage pages: request -> service -> template."""

import polars as pl
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
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
from .forms import (
    SECTIONS,
    AssessmentForm,
    DecisionForm,
    EvaluationForm,
    EvidenceRequestForm,
    answers_of,
    as_form_data,
    first_input_id,
)

# The queue's sortable columns (oldest received first by default: the Victims' Code clock).
# Each is read from an index on reports (status, then the column), but the victim's name, which
# is another table's: sorted by it only while the list is short enough (paging.Sort.unindexed).
QUEUE_SORTS = {
    "reference": paging.Sort("Report", ("local_reference",)),
    "victim": paging.Sort("Victim", ("victim__surname", "victim__business_name"), unindexed=True),
    "source": paging.Sort("Source", ("source", "received_at")),
    "received": paging.Sort("Received", ("received_at",)),
}


def report_part(user, report) -> dict:
    """Triage's part of the report page (composed in fraudcase.pages): the assessment
    read-only (for everyone who may see the report), the supervisor's decision form,
    evaluations done, and evidence asked for."""
    assessment = services.assessment_of(report)
    answers = None
    if assessment is not None:
        scoring = services.scoring_of(assessment.scoring_version)
        answers = _answer_sections(
            AssessmentForm(scoring=scoring, prefill={}), answers_of(assessment), scoring
        )
    return {
        "assessment_answers": answers,
        "assessment_draft": services.assessment_draft(user, report)
        if report.status == ReportStatus.RECORDED and services.queue_allowed(user)
        else None,
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


def _assessing(request, ref):
    """The report whose assessment the user works on: 404 for those who may not assess."""
    if not services.queue_allowed(request.user):
        raise Http404("No such page")
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    if report.source == Source.VICTIM_SUPPORT_ONLY:
        raise Http404(services.NOT_ASSESSED)
    return report


def _already_assessed(request, report):
    messages.error(request, "This report has already been assessed.")
    return redirect("report-detail", ref=report.local_reference)


def _problems(form, href=""):
    """The form's errors for the error summary: each message with a link to its field's first
    input (a radio or checkbox group's first box), on this page or on `href`'s."""
    problems = []
    for name, errors in form.errors.items():
        anchor = ""
        if name in form.fields:
            anchor = f"#{first_input_id(form[name])}"
        problems += [{"text": error, "href": f"{href}{anchor}"} for error in errors]
    return problems


def _answer_sections(form, answers, scoring):
    """The answers under each section's title, the matrix's with their points (App. B)."""
    rows = form.answer_rows(answers)
    for row in rows:
        if row["name"].startswith("matrix_"):
            spec = scoring["headings"].get(row["name"].removeprefix("matrix_"), {})
            option = spec.get("options", {}).get(answers.get(row["name"]))
            if option:
                row["answer"] += f" ({option[1]:g} points)"
    return [
        {"key": key, "title": title, "rows": [r for r in rows if r["section"] == key]}
        for key, title in SECTIONS.items()
    ]


def _report_facts(user, report, prefill, scoring):
    """What the report already says, shown beside the questions."""
    headings = scoring["headings"]
    return {
        "identifiers": report.identifiers.all(),
        "victim_age": services.victim_age(report),
        "prefill": [
            {
                "label": headings[h]["label"],
                "answer": headings[h]["options"].get(option, [option])[0],
                "why": why,
            }
            for h, (option, why) in prefill.items()
            if h in headings
        ]
        + [
            {"label": "Repeat victim", "answer": "Yes", "why": why}
            for h, (_yes, why) in prefill.items()
            if h == rules.REPEAT_VICTIM and h not in headings
        ],
    }


def assess(request, ref):
    """The §5.2 assessment as a GOV.UK task list: each section's status in the user's draft."""
    report = _assessing(request, ref)
    if report.status != ReportStatus.RECORDED:
        return _already_assessed(request, report)
    draft = services.assessment_draft(request.user, report)
    statuses = draft.sections if draft else {}
    tasks = [
        {
            "key": key,
            "title": title,
            "status": rules.SectionStatus(statuses.get(key, rules.SectionStatus.NOT_STARTED)),
        }
        for key, title in SECTIONS.items()
    ]
    return render(
        request,
        "triage/assess.html",
        {
            "report": report,
            "tasks": tasks,
            "completed": sum(t["status"] == rules.SectionStatus.COMPLETED for t in tasks),
            "ready": not rules.sections_to_complete(list(SECTIONS), statuses),
        },
    )


def assess_section(request, ref, section):
    """One section of the assessment, beside the report's facts; saved to the user's draft
    (completed when its answers are right, in progress when left for later or wrong)."""
    if section not in SECTIONS:
        raise Http404("No such page")
    report = _assessing(request, ref)
    if report.status != ReportStatus.RECORDED:
        return _already_assessed(request, report)
    version, scoring = services.active_scoring()
    prefill = services.matrix_prefill(request.user, report)
    draft = services.assessment_draft(request.user, report)
    saved = {k: v for k, v in (draft.answers if draft else {}).items() if v not in ("", [])}
    form = AssessmentForm(
        request.POST or None, scoring=scoring, prefill=prefill, section=section, initial=saved
    )
    if request.method == "POST":
        later = request.POST.get("action") == "later"
        completed = not later and form.is_valid()
        draft = services.save_assessment_draft(
            request.user,
            report,
            section=section,
            answers=form.draft_answers(request.POST),
            completed=completed,
        )
        if later:
            messages.success(request, f"{SECTIONS[section]}: saved as a draft.")
            return redirect("report-assess", ref=ref)
        if completed:
            # Straight on to the next section still to do, then to checking the answers.
            messages.success(request, f"{SECTIONS[section]}: completed.")
            following = rules.next_section(list(SECTIONS), draft.sections, section)
            if following is None:
                return redirect("report-assess-check", ref=ref)
            return redirect("report-assess-section", ref=ref, section=following)
    fields = {name: form[name] for name in form.fields}
    return render(
        request,
        "triage/assess_section.html",
        {
            "report": report,
            "section": section,
            "title": SECTIONS[section],
            "form": form,
            "problems": _problems(form),
            "version": version,
            "fields": fields,
            "tier_facts": list(
                zip(form["tier_facts"], [f.hint for f in rules.ASKED_FACTS], strict=True)
            )
            if section == "facts"
            else [],
            "repeat_reports": services.repeat_reports(request.user, report)
            if section == "victim"
            else [],
            **_report_facts(request.user, report, prefill, scoring),
        },
    )


def assess_check(request, ref):
    """Check your answers, then record the assessment exactly as the API does (scored, tiered,
    sent for the supervisor's decision). Refused, with a link, while a section is incomplete."""
    report = _assessing(request, ref)
    if report.status != ReportStatus.RECORDED:
        return _already_assessed(request, report)
    version, scoring = services.active_scoring()
    draft = services.assessment_draft(request.user, report)
    answers = draft.answers if draft else {}
    form = AssessmentForm(as_form_data(answers), scoring=scoring, prefill={})
    to_complete = rules.sections_to_complete(list(SECTIONS), draft.sections if draft else {})
    problems = []
    if request.method == "POST":
        if to_complete:
            problems = [
                {
                    "text": f"Complete the section \u2018{SECTIONS[key]}\u2019",
                    "href": reverse("report-assess-section", args=[ref, key]),
                }
                for key in to_complete
            ]
        elif not form.is_valid():
            for key in SECTIONS:
                part = AssessmentForm(
                    as_form_data(answers), scoring=scoring, prefill={}, section=key
                )
                problems += _problems(part, reverse("report-assess-section", args=[ref, key]))
        else:
            try:
                assessment = services.record_assessment(request.user, report, form.cleaned_data)
            except services.InvalidInput as invalid:
                problems = [{"text": problem, "href": ""} for problem in invalid.problems.values()]
            else:
                messages.success(
                    request,
                    f"Assessment saved: tier {assessment.tier} "
                    f"({assessment.team}). Sent for the supervisor's decision.",
                )
                return redirect("report-detail", ref=ref)
    return render(
        request,
        "triage/assess_check.html",
        {
            "report": report,
            "version": version,
            "problems": problems,
            "to_complete": [(key, SECTIONS[key]) for key in to_complete],
            "sections": _answer_sections(form, answers, scoring),
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
