"""The stored Victims' Code deadlines of triage: each report's first update (§5.6; the
assessment decides the enhanced service) and each decision not to investigate's letter
(5 working days); and the routed teams' first contacts (reports.deadlines.schedule_routes).
Restamped when the bank holidays or a rule change.
"""

from dataclasses import dataclass

from django.db import transaction

from fraudcase.core import bulk
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports.models import Report

from . import rules
from .models import SupervisorDecision


@dataclass(frozen=True)
class Restamped:
    first_updates: int
    decisions: int
    routed_contacts: int = 0  # the cyber and Protect teams' first contacts still owed


@transaction.atomic
def recompute() -> Restamped:
    """Restamp every deadline still owed from its event (received, decided) with today's
    bank holidays and rules: set-based, one UPDATE per distinct due date. Only rows whose
    date moves are written; those already given or explained stay cleared."""
    owed = report_deadlines.still_owed(Report.objects.all())
    moved = report_deadlines.schedule_first_updates(owed.exclude(assessment__enhanced_service=True))
    moved += report_deadlines.schedule_first_updates(
        owed.filter(assessment__enhanced_service=True), enhanced=True
    )
    decisions = bulk.stamp_deadlines(
        SupervisorDecision.objects.filter(explanation_due__isnull=False),
        "decided_at",
        "explanation_due",
        rules.DECISION_EXPLANATION_DAYS,
    )
    # The routed teams' first contacts still owed (reports.deadlines.schedule_routes), also
    # after an administrator changes FRAUDCASE_*_CONTACT_DAYS.
    routed = report_deadlines.schedule_routes(Report.objects.exclude(route=""))
    return Restamped(moved, decisions, routed)
