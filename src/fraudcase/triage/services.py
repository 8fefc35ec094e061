"""Reads and writes for triage: the scoring in force, and the assessor's queue."""

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Upper
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.core import dates
from fraudcase.core.dates import age_on
from fraudcase.core.errors import Conflict, InvalidInput
from fraudcase.intake.models import CallForService
from fraudcase.linking import person_services
from fraudcase.linking import services as linking_services
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports import rules as report_rules
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Report, ReportStatus, Source
from fraudcase.reports.rules import Transition
from fraudcase.reports.services import visible_reports

from . import rules
from .models import (
    Assessment,
    AssessmentDraft,
    Evaluation,
    EvidenceFrom,
    EvidenceRequest,
    ScoringVersion,
    SupervisorDecision,
)
from .scoring import DEFAULT_SCORING, DEFAULT_VERSION

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


# A scoring is the JSON an administrator saved (see rules.scoring_problems).
def active_scoring() -> tuple[str, dict[str, Any]]:
    """(version, scoring) in force; the shipped default if an administrator has set none."""
    active = ScoringVersion.objects.filter(is_active=True).first()
    if active is None:
        return DEFAULT_VERSION, DEFAULT_SCORING
    return active.version, active.scoring


# ---------------------------------------------------------------- the assessor's queue


NOT_ASSESSED = (
    "A victim-support-only referral goes to the Protect team for support, not to assessment (§5.4)"
)


def queue_allowed(user: User) -> bool:
    """Whether the user may work the triage queue."""
    return user.is_authenticated and user.role in rules.QUEUE_ROLES


QUEUE_STAGES = {
    "to_assess": ("Recorded: to assess", (ReportStatus.RECORDED,)),
    "to_decide": (
        "Assessed or evaluated: awaiting the supervisor's decision",
        (ReportStatus.ASSESSED, ReportStatus.EVALUATED),
    ),
    "with_evaluator": ("With the evaluator", (ReportStatus.WITH_EVALUATOR,)),
    "filed_pending": ("Filed pending information", (ReportStatus.FILED_PENDING_INFORMATION,)),
}


def assessor_queue(
    user: User,
    *,
    today: date,
    source: str = "",
    fraud_type: str = "",
    deadline: str = "",
    stage: str = "to_assess",
    tier: str = "",
    vulnerability: str = "",
) -> QuerySet[Report]:
    """Reports at one triage stage (default: recorded, waiting for assessment), oldest first.

    Filters: source, fraud type, the first-update deadline's state, the assessed tier, and
    vulnerability (an individual aged 70 or over, an assessment giving the enhanced service, or
    a call for service accepted because the victim is vulnerable). The Victims' Code update is
    shown at the standard 5 working days until the assessment says the victim is entitled to
    the enhanced service (1 working day).
    """
    if not queue_allowed(user):
        raise Http404("No such page")
    statuses = QUEUE_STAGES.get(stage, QUEUE_STAGES["to_assess"])[1]
    # §5.4: a victim-support-only referral goes to the Protect team, never to assessment.
    reports = (
        visible_reports(user).filter(status__in=statuses).exclude(source=Source.VICTIM_SUPPORT_ONLY)
    )
    if source:
        reports = reports.filter(source=source)
    if fraud_type:
        # In capitals on both sides, as the (status, UPPER(fraud_type), received_at) index has it.
        reports = reports.alias(fraud_type_upper=Upper("fraud_type")).filter(
            fraud_type_upper=fraud_type.upper()
        )
    if tier in {"1", "2", "3", "4"}:
        reports = reports.filter(assessment__tier=int(tier))
    if vulnerability == "vulnerable":
        day = 28 if (today.month, today.day) == (2, 29) else today.day
        seventy = today.replace(year=today.year - 70, day=day)
        reports = reports.filter(
            Q(victim__victim_type="individual", victim__dob__lte=seventy)
            | Q(assessment__enhanced_service=True)
            | Q(
                pk__in=CallForService.objects.annotate(text=Cast("criteria", TextField()))
                .filter(text__contains="victim_vulnerable")
                .values("report_id")
            )
        )
    if deadline in {s.value for s in rules.DeadlineState}:
        first, last = rules.received_window(deadline, today, rules.STANDARD_UPDATE_DAYS)
        # As instants (the start of a UK day), so that the (status, received_at) index serves
        # the filter: a cast of every row to its UK date could not use it.
        if first is not None:
            reports = reports.filter(received_at__gte=dates.start_of(first))
        if last is not None:
            reports = reports.filter(received_at__lt=dates.start_of(last + timedelta(days=1)))
    return reports.select_related("victim").order_by("received_at", "id")


def with_deadlines(reports: Iterable[Report], today: date) -> list[dict[str, object]]:
    """Rows for the queue page: the report, its update deadline and that deadline's state."""
    rows = []
    for report in reports:
        received = timezone.localdate(report.received_at)
        due = rules.vcop_update_due(received, enhanced=False)
        rows.append(
            {"report": report, "update_due": due, "state": rules.deadline_state(due, today)}
        )
    return rows


# ---------------------------------------------------------------- assessment


def victim_age(report: Report) -> int | None:
    """The victim's age when the report was received, if their date of birth is known."""
    dob = report.victim.dob
    return age_on(dob, timezone.localdate(report.received_at)) if dob else None


def assessment_of(report: Report) -> Assessment | None:
    """The report's recorded assessment (with its assessor), or None; the report keeps it, so
    the page that shows it reads it once."""
    found = Assessment.objects.filter(report=report).select_related("assessor").first()
    Report.assessment.related.set_cached_value(report, found)
    return found


def scoring_of(version: str) -> dict[str, Any]:
    """The scoring an assessment used (its version), for showing its answers and points."""
    saved = ScoringVersion.objects.filter(version=version).values_list("scoring", flat=True)
    return saved.first() or DEFAULT_SCORING


def matrix_prefill(user: User, report: Report) -> dict[str, tuple[str, str]]:
    """What the data already says for the matrix (victims in the package, the reports linked to
    it, the loss...) and whether the victim is a repeat victim; only what this user may see
    is counted."""
    visible = visible_reports(user)
    in_package = visible.filter(package=report.package).count() if report.package_id else 1
    victim = report.victim
    return rules.matrix_prefill(
        victims_in_package=in_package,
        linked_reports=linking_services.connected_reports(user, report),
        same_person_reports=repeat_reports(user, report).count(),
        loss_gbp=float(report.loss_gbp) if report.loss_gbp is not None else None,
        victim_age=victim_age(report),
        victim_individual=victim.victim_type == "individual",
        narrative=report.narrative,
    )


# `data`: the assessment form's cleaned data.
def record_assessment(user: User, report: Report, data: dict[str, Any]) -> Assessment:
    """Save the assessment, score the matrix, and send the report for the supervisor's decision."""
    if not queue_allowed(user):
        raise Http404("No such page")
    problems = rules.assessment_problems(data["recommendation"], data["rationale"])
    if report.status != ReportStatus.RECORDED:
        problems["recommendation"] = "This report has already been assessed"
    if report.source == Source.VICTIM_SUPPORT_ONLY:
        problems["recommendation"] = NOT_ASSESSED
    if problems:
        raise InvalidInput(problems)
    version, scoring = active_scoring()
    answers = {h: data[f"matrix_{h}"] for h in scoring["headings"]}
    # App. D facts the matrix cannot give: those the assessor ticked, and a repeat victim.
    tier_facts = list(dict.fromkeys(data.get("tier_facts") or []))
    try:
        extra = rules.asked_facts(tier_facts)
    except ValueError as unknown:
        raise InvalidInput({"tier_facts": str(unknown)}) from unknown
    if data.get("repeat_victim"):
        extra = dataclasses.replace(extra, repeat_or_vulnerable_victim=True)
    result = rules.screen(scoring, answers, data["multipliers"], extra)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            report=report,
            assessor=user,
            entitlements={
                rules.VCOP_ENTITLEMENTS[i]: data[f"entitlement_{i}"].isoformat()
                for i in range(len(rules.VCOP_ENTITLEMENTS))
                if data.get(f"entitlement_{i}")
            },
            hocr_compliant=data.get("hocr_compliant", "yes") == "yes",
            hocr_notes=data.get("hocr_notes", "").strip(),
            **{name: data.get(name, "").strip() for name, _ in rules.ASSESSMENT_NARRATIVE},
            four_ps=list(data.get("four_ps", [])),
            repeat_victim=data["repeat_victim"],
            enhanced_service=data.get("enhanced_service", False),
            thrive={n: data[f"thrive_{n.lower()}"] for n in rules.THRIVE},
            ndm_rationale=data["ndm_rationale"],
            factors_towards_investigation=[
                rules.FACTORS_TOWARDS_INVESTIGATION[int(i)] for i in data["factors_for"]
            ],
            factors_towards_caution=[
                rules.FACTORS_TOWARDS_CAUTION[int(i)] for i in data["factors_caution"]
            ],
            proportionality={
                q: data[f"proportionality_{i}"]
                for i, q in enumerate(rules.PROPORTIONALITY_QUESTIONS)
            },
            matrix_answers=answers,
            multipliers=data["multipliers"],
            tier_facts=tier_facts,
            scoring_version=version,
            score=result.score,
            tier=int(result.tier),
            team=result.team,
            reasons=list(result.reasons),
            recommendation=data["recommendation"],
            rationale=data["rationale"].strip(),
        )
        if assessment.enhanced_service:  # §5.6: the first update is due in 1 working day
            report_deadlines.schedule_first_updates(
                report_deadlines.still_owed(Report.objects.filter(pk=report.pk)), enhanced=True
            )
        # Once recorded, every draft of this report's assessment is moot.
        AssessmentDraft.objects.filter(report=report).delete()
        label = rules.Recommendation(data["recommendation"]).label
        report_services.move(
            user,
            report,
            Transition.ASSESS,
            ReportStatus.ASSESSED,
            log=f"Assessed: tier {result.tier} ({result.team}), matrix score {result.score:g} "
            f"({version}). {' '.join(r.rstrip('.') + '.' for r in result.reasons[1:])} "
            f"Recommendation: {label}.",
        )
    return assessment


def assessment_draft(user: User, report: Report) -> AssessmentDraft | None:
    """The user's own draft of this report's assessment, or None."""
    return AssessmentDraft.objects.filter(report=report, author=user).first()


def save_assessment_draft(
    user: User, report: Report, *, section: str, answers: dict[str, Any], completed: bool
) -> AssessmentDraft:
    """Keep one section's answers (unchecked) in the user's draft, and mark the section
    completed or in progress. Raises Http404 for users who may not assess, Conflict once the
    report is no longer waiting for assessment."""
    if not queue_allowed(user):
        raise Http404("No such page")
    if report.status != ReportStatus.RECORDED:
        raise Conflict("This report has already been assessed")
    with transaction.atomic():
        draft, _ = AssessmentDraft.objects.select_for_update().get_or_create(
            report=report, author=user
        )
        draft.answers.update(answers)
        draft.sections[section] = (
            rules.SectionStatus.COMPLETED if completed else rules.SectionStatus.IN_PROGRESS
        )
        draft.save()
    return draft


def repeat_reports(user: User, report: Report) -> QuerySet[Report]:
    """Other reports the user may see for the same person: linked by the person run
    (linking.persons: probabilistic, despite typos, case or a missing date of birth), or,
    for a victim no run has linked yet, the same name and date of birth."""
    person_id = person_services.person_of(report)
    if person_id is not None:
        return person_services.same_person_reports(user, report, person_id)
    victim = report.victim
    if victim.victim_type != "individual" or victim.dob is None:
        return visible_reports(user).none()
    return (
        visible_reports(user)
        .exclude(pk=report.pk)
        .filter(victim__search_name=victim.search_name, victim__dob=victim.dob)
        .select_related("victim")
        .order_by("-received_at")
    )


# ---------------------------------------------------------------- supervisor decisions


class CurrentTier(TypedDict):
    current_tier: int


def with_current_tier(
    reports: QuerySet[Report],
) -> "QuerySet[WithAnnotations[Report, CurrentTier]]":
    """The reports annotated with `current_tier`, the tier in force, in the same query: the
    latest supervisor's (who may have tasked it up or down), else the assessment's; 4 when
    neither exists (a report allocated without a matrix)."""
    latest = SupervisorDecision.objects.filter(report=OuterRef("pk")).order_by("-decided_at", "-id")
    return reports.annotate(
        current_tier=Coalesce(Subquery(latest.values("tier")[:1]), F("assessment__tier"), Value(4))
    )


def current_tier(report: Report) -> int:
    """The tier in force for one report (see `with_current_tier`)."""
    reports = with_current_tier(Report.objects.filter(pk=report.pk))
    tier: int = reports.values_list("current_tier", flat=True).get()
    return tier


def decide(
    user: User,
    report: Report,
    *,
    decision: str,
    reason: str = "",
    retask_to: int | None = None,
    retask_reason: str = "",
    retask_explanation: str = "",
) -> SupervisorDecision:
    """The supervisor routes an assessed report, and may task it to another tier (`retask_to`,
    any number of tiers up or down, with its reason and explanation: App. D note). Exactly one
    of two concurrent decisions wins.

    The winner is whoever moves the report out of "assessed" first (a conditional UPDATE); the
    other gets Conflict. Raises Http404 for users who may not decide, InvalidInput for bad input.
    """
    if user.role not in rules.DECIDING_ROLES:
        raise Http404("No such page")
    problems = rules.decision_problems(decision, reason)
    assessment = Assessment.objects.filter(report=report).first()
    if assessment is None:
        raise Conflict("This report has not been assessed")
    tier_before = current_tier(report)
    problems.update(
        rules.retask_problems(tier_before, retask_to, retask_reason, retask_explanation)
    )
    if problems:
        raise InvalidInput(problems)
    tier = rules.Tier(tier_before)
    if retask_to is not None:
        tier = rules.retask(
            tier_before, to=retask_to, reason=retask_reason, explanation=retask_explanation
        )
    new_status = rules.STATUS_AFTER_DECISION[rules.Recommendation(decision)]
    if decision == rules.Recommendation.EVALUATE and report.status == ReportStatus.EVALUATED:
        raise InvalidInput(
            {"decision": "This report has been evaluated: allocate it or take no further action"}
        )
    label = rules.Recommendation(decision).label
    text = f"Supervisor decision: {label}."
    if int(tier) != tier_before:
        why = rules.TaskingReason(retask_reason).label.lower()
        text += (
            f" Tasked {'up' if tier < tier_before else 'down'} from tier {tier_before} to tier "
            f"{int(tier)} ({why}): {retask_explanation.strip()}"
        )
    if reason.strip():
        text += f" Reason: {reason.strip()}"
    with transaction.atomic():
        try:
            report_services.move(
                user, report, Transition.DECIDE, new_status, reason=reason, log=text
            )
        except Conflict as conflict:
            raise Conflict(
                "This report was decided by someone else just now: look again"
            ) from conflict
        made = SupervisorDecision.objects.create(
            report=report,
            decided_by=user,
            decision=decision,
            reason=reason.strip(),
            tier_before=tier_before,
            tier=int(tier),
            retask_reason=retask_reason,
            retask_explanation=retask_explanation.strip(),
            explanation_due=rules.decision_explanation_due(timezone.localdate())
            if decision == rules.Recommendation.NO_FURTHER_ACTION
            else None,
        )
    return made


def decision_explained(report: Report) -> None:
    """The letter explaining a decision not to investigate was sent: its clock stops."""
    SupervisorDecision.objects.filter(report=report, explanation_due__isnull=False).update(
        explanation_due=None
    )


# ---------------------------------------------------------------- evidence window (§5.2)


def request_evidence(
    user: User, report: Report, *, asked_of: str, what: str, today: date
) -> EvidenceRequest:
    """Record evidence asked of the victim or a third party; due in 28 days."""
    if user.role not in rules.EVIDENCE_ROLES:
        raise Http404("No such page")
    problems = {}
    if asked_of not in EvidenceFrom.values:
        problems["asked_of"] = "Choose the victim or a third party"
    if not what.strip():
        problems["what"] = "Say what evidence was asked for"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        made = EvidenceRequest.objects.create(
            report=report,
            asked_of=asked_of,
            what=what.strip(),
            requested_on=today,
            due_on=rules.evidence_due(today),
            requested_by=user,
        )
        report_services.add_log_entry(
            user,
            report,
            f"Evidence requested from {made.get_asked_of_display().lower()}: "
            f"{made.what} (due {made.due_on:%d %B %Y}; filed pending information if not in).",
        )
    return made


def file_overdue_evidence(today: date) -> list[str]:
    """The daily job: file pending information every report whose evidence is past its 28 days.

    Returns the local references filed. Each is one move on the record (user: system).
    """
    overdue = EvidenceRequest.objects.filter(
        received_on__isnull=True,
        filed_on__isnull=True,
        due_on__lt=today,
        report__status__in=sorted(report_rules.EVIDENCE_STAGES),
    ).select_related("report")
    filed = []
    for request in overdue:
        report = request.report
        with transaction.atomic():
            if report.status in report_rules.EVIDENCE_STAGES:
                try:
                    report_services.move(
                        None,
                        report,
                        Transition.FILE_PENDING,
                        ReportStatus.FILED_PENDING_INFORMATION,
                        reason=f"Evidence asked for on {request.requested_on:%d %B %Y} not "
                        f"received within 28 days: {request.what}",
                    )
                except Conflict:
                    continue
                filed.append(report.local_reference)
            EvidenceRequest.objects.filter(pk=request.pk).update(filed_on=today)
    return filed


def evidence_received(user: User, request: EvidenceRequest, *, today: date) -> str:
    """Mark evidence in; a report filed for want of it is reopened where it was. Returns status."""
    if user.role not in rules.EVIDENCE_ROLES:
        raise Http404("No such page")
    report = request.report
    with transaction.atomic():
        updated = EvidenceRequest.objects.filter(pk=request.pk, received_on__isnull=True).update(
            received_on=today, received_by=user
        )
        if updated != 1:
            raise Conflict("This evidence has already been marked as received")
        report_services.add_log_entry(user, report, f"Evidence received: {request.what}")
        waiting = EvidenceRequest.objects.filter(
            report=report, received_on__isnull=True, due_on__lt=today
        ).exists()
        if report.status == ReportStatus.FILED_PENDING_INFORMATION and not waiting:
            filed = report.status_changes.filter(to_status=ReportStatus.FILED_PENDING_INFORMATION)
            back_to = filed.order_by("-at", "-id").values_list("from_status", flat=True).first()
            report_services.move(
                user,
                report,
                Transition.REOPEN,
                back_to or ReportStatus.RECORDED,
                reason="The evidence asked for has arrived",
            )
    return report.status


# ---------------------------------------------------------------- evaluation (App. F)


def evaluation_in_progress(report: Report) -> Evaluation | None:
    """The report's evaluation not yet completed, or None."""
    return report.evaluations.filter(completed_at__isnull=True).order_by("-id").first()


# `data`: the evaluation form's cleaned data (or the API's payload).
def record_evaluation(
    user: User, report: Report, data: dict[str, Any], *, complete: bool
) -> Evaluation:
    """Save stage 1 (and, if `complete`, stage 2, returning the report to the supervisor)."""
    starts, roles = report_rules.LIFECYCLE[Transition.EVALUATE]
    if user.role not in roles:
        raise Http404("No such page")
    stage_2 = {k: data.get(k, "") for k in (*rules.STAGE_2_FIELDS, "recommendation")}
    problems = rules.evaluation_problems(data.get("summary", ""), stage_2 if complete else None)
    if report.status not in starts:
        problems["summary"] = "This report is not with the evaluator"
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    fields = {
        "summary": data["summary"].strip(),
        "checks_made": list(data.get("checks_made", [])),
        "checks_notes": data.get("checks_notes", "").strip(),
        "disruption_done": list(data.get("disruption_done", [])),
        "disruption_notes": data.get("disruption_notes", "").strip(),
        "requirements": {
            k: data.get(f"requirement_{k}", "").strip() for k, _ in rules.EVALUATION_REQUIREMENTS
        },
        **{k: (v or "").strip() for k, v in stage_2.items()},
    }
    with transaction.atomic():
        evaluation = evaluation_in_progress(report)
        if evaluation is None:
            evaluation = Evaluation(report=report, evaluator=user, stage1_at=now)
        for name, value in fields.items():
            setattr(evaluation, name, value)
        evaluation.evaluator = user
        if complete:
            evaluation.completed_at = now
            label = rules.EvaluationRecommendation(stage_2["recommendation"]).label
            report_services.move(
                user,
                report,
                Transition.EVALUATE,
                ReportStatus.EVALUATED,
                log=f"Evaluation (App. F) complete: {label}. "
                f"{stage_2['recommendation_reasons'].strip()} Returned to the supervisor.",
            )
        else:
            report_services.add_log_entry(user, report, "Evaluation stage 1 saved.")
        evaluation.save()
    return evaluation
