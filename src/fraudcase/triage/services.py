"""Reads and writes for triage: the scoring in force, and the assessor's queue."""

from django.http import Http404
from django.utils import timezone

from fraudcase.intake.models import ReportStatus
from fraudcase.intake.services import visible_reports

from . import rules
from .models import ScoringVersion
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
