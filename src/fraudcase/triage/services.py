"""Reads and writes for triage: the scoring in force, and the assessor's queue."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.intake.models import EnquiryLogEntry, EntryKind, Identifier, ReportStatus
from fraudcase.intake.services import visible_reports
from fraudcase.victims.rules import age_on

from . import rules
from .models import Assessment, ScoringVersion, SupervisorDecision
from .scoring import DEFAULT_SCORING, DEFAULT_VERSION


def active_scoring() -> tuple[str, dict]:
    """(version, scoring) in force; the shipped default if an administrator has set none."""
    active = ScoringVersion.objects.filter(is_active=True).first()
    if active is None:
        return DEFAULT_VERSION, DEFAULT_SCORING
    return active.version, active.scoring


# ---------------------------------------------------------------- the assessor's queue


def queue_allowed(user) -> bool:
    return user.is_authenticated and user.role in rules.QUEUE_ROLES


def assessor_queue(user, *, today, source: str = "", fraud_type: str = "", deadline: str = ""):
    """Recorded reports waiting for assessment, oldest first, each with its deadlines.

    The Victims' Code update is shown at the standard 5 working days until the assessment says
    the victim is entitled to the enhanced service (1 working day).
    """
    if not queue_allowed(user):
        raise Http404("No such page")
    reports = visible_reports(user).filter(status=ReportStatus.RECORDED)
    if source:
        reports = reports.filter(source=source)
    if fraud_type:
        reports = reports.filter(fraud_type__iexact=fraud_type)
    if deadline in {s.value for s in rules.DeadlineState}:
        first, last = rules.received_window(deadline, today, rules.STANDARD_UPDATE_DAYS)
        if first is not None:
            reports = reports.filter(received_at__date__gte=first)
        if last is not None:
            reports = reports.filter(received_at__date__lte=last)
    return reports.select_related("victim").order_by("received_at", "id")


def with_deadlines(reports, today) -> list[dict]:
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


class InvalidInput(Exception):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def matrix_prefill(user, report) -> dict[str, tuple[str, str]]:
    """What the data already says for the matrix (victims in the package, linked reports, ...)."""
    visible = visible_reports(user)
    in_package = visible.filter(package=report.package).count() if report.package_id else 1
    identifiers = list(report.identifiers.values_list("normalised", flat=True))
    linked = (
        (
            visible.exclude(pk=report.pk)
            .filter(
                pk__in=Identifier.objects.filter(normalised__in=identifiers).values("report_id")
            )
            .count()
        )
        if identifiers
        else 0
    )
    victim = report.victim
    age = age_on(victim.dob, timezone.localdate(report.received_at)) if victim.dob else None
    return rules.matrix_prefill(
        victims_in_package=in_package, linked_reports=linked,
        loss_gbp=float(report.loss_gbp) if report.loss_gbp is not None else None,
        victim_age=age, victim_individual=victim.victim_type == "individual",
        narrative=report.narrative,
    )  # fmt: skip


def record_assessment(user, report, data: dict):
    """Save the assessment, score the matrix, and send the report for the supervisor's decision."""
    if not queue_allowed(user):
        raise Http404("No such page")
    problems = rules.assessment_problems(data["recommendation"], data["rationale"])
    if report.status != ReportStatus.RECORDED:
        problems["recommendation"] = "This report has already been assessed"
    if problems:
        raise InvalidInput(problems)
    version, scoring = active_scoring()
    answers = {h: data[f"matrix_{h}"] for h in scoring["headings"]}
    result = rules.screen(scoring, answers, data["multipliers"])
    with transaction.atomic():
        assessment = Assessment.objects.create(
            report=report, assessor=user,
            entitlements={rules.VCOP_ENTITLEMENTS[i]: data[f"entitlement_{i}"].isoformat()
                          for i in range(len(rules.VCOP_ENTITLEMENTS))
                          if data.get(f"entitlement_{i}")},
            repeat_victim=data["repeat_victim"],
            thrive={n: data[f"thrive_{n.lower()}"] for n in rules.THRIVE},
            ndm_rationale=data["ndm_rationale"],
            factors_towards_investigation=[rules.FACTORS_TOWARDS_INVESTIGATION[int(i)]
                                           for i in data["factors_for"]],
            factors_towards_caution=[rules.FACTORS_TOWARDS_CAUTION[int(i)]
                                     for i in data["factors_caution"]],
            proportionality={q: data[f"proportionality_{i}"]
                             for i, q in enumerate(rules.PROPORTIONALITY_QUESTIONS)},
            matrix_answers=answers, multipliers=data["multipliers"], scoring_version=version,
            score=result.score, tier=int(result.tier), team=result.team,
            reasons=list(result.reasons), recommendation=data["recommendation"],
            rationale=data["rationale"].strip(),
        )  # fmt: skip
        type(report).objects.filter(pk=report.pk).update(status=ReportStatus.ASSESSED)
        label = rules.RECOMMENDATION_LABELS[rules.Recommendation(data["recommendation"])]
        EnquiryLogEntry.objects.create(
            report=report, kind=EntryKind.NOTE, at=timezone.now(), author=user,
            text=f"Assessed: tier {result.tier} ({result.team}), matrix score {result.score:g} "
                 f"({version}). Recommendation: {label}.",
        )  # fmt: skip
        audit.record(
            user,
            AuditAction.ALTERATION,
            "report",
            report.local_reference,
            f"Assessment recorded: tier {result.tier}, {label}",
        )
    return assessment


def repeat_reports(user, report):
    """Other reports the user may see for the same person (name and date of birth)."""
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


class Conflict(Exception):
    """Someone else changed the report first; nothing was saved."""


def decide(
    user,
    report,
    *,
    decision: str,
    reason: str = "",
    retask_direction: str = "",
    retask_reason: str = "",
    retask_explanation: str = "",
):
    """The supervisor routes an assessed report. Exactly one of two concurrent decisions wins.

    The winner is whoever moves the report out of "assessed" first (a conditional UPDATE); the
    other gets Conflict. Raises Http404 for users who may not decide, InvalidInput for bad input.
    """
    if user.role not in rules.DECIDING_ROLES:
        raise Http404("No such page")
    problems = rules.decision_problems(
        decision, reason, retask_direction, retask_reason, retask_explanation
    )
    if problems:
        raise InvalidInput(problems)
    assessment = Assessment.objects.filter(report=report).first()
    if assessment is None:
        raise Conflict("This report has not been assessed")
    tier = rules.Tier(assessment.tier)
    if retask_direction:
        try:
            tier = rules.retask(
                tier,
                up=retask_direction == "up",
                reason=retask_reason,
                explanation=retask_explanation,
            )
        except ValueError as refused:
            raise InvalidInput({"retask_direction": str(refused)}) from refused
    new_status = rules.STATUS_AFTER_DECISION[rules.Recommendation(decision)]
    with transaction.atomic():
        moved = (
            type(report)
            .objects.filter(pk=report.pk, status=ReportStatus.ASSESSED)
            .update(status=new_status)
        )
        if moved != 1:
            raise Conflict("This report was decided by someone else just now: look again")
        made = SupervisorDecision.objects.create(
            report=report, decided_by=user, decision=decision, reason=reason.strip(),
            tier_before=assessment.tier, tier=int(tier), retask_reason=retask_reason,
            retask_explanation=retask_explanation.strip(),
        )  # fmt: skip
        label = rules.RECOMMENDATION_LABELS[rules.Recommendation(decision)]
        text = f"Supervisor decision: {label}."
        if int(tier) != assessment.tier:
            text += (
                f" Tasked from tier {assessment.tier} to tier {int(tier)} "
                f"({retask_reason}): {retask_explanation.strip()}"
            )
        if reason.strip():
            text += f" Reason: {reason.strip()}"
        EnquiryLogEntry.objects.create(
            report=report, kind=EntryKind.NOTE, at=timezone.now(), author=user, text=text
        )
        audit.record(user, AuditAction.ALTERATION, "report", report.local_reference, text[:200])
    return made
