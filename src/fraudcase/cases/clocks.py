"""Victims' Code and case clocks: what each officer and team has due today or overdue.

DOMAIN.md "Victims' Code deadlines": the first update 1 working day after receipt for victims
entitled to the enhanced service, otherwise 5; a decision not to investigate explained within 5
working days; updates during an investigation as the victim contract says; plus the case's
supervisor reviews, tasks and evidence requests. Reads start from the user's visible reports.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import User
from fraudcase.reports.models import Report
from fraudcase.reports.services import visible_reports
from fraudcase.triage import rules as triage_rules
from fraudcase.triage.models import EvidenceRequest, SupervisorDecision
from fraudcase.triage.rules import Recommendation

from . import rules as case_rules
from .models import Case, Letter, LetterKind, Task, VictimUpdate

# The oldest first updates still owed are listed; a backlog beyond that shows as its count.
FIRST_UPDATES_SHOWN = 500


@dataclass(frozen=True)
class DueItem:
    what: str
    reference: str
    victim: str
    due: date
    state: triage_rules.DeadlineState
    owner_id: int | None
    owner: str
    team_ids: frozenset[int]


def _item(
    what: str,
    report: Report,
    due: date,
    today: date,
    owner: User | None = None,
    team_ids: Iterable[int] = frozenset(),
) -> DueItem:
    return DueItem(
        what,
        report.local_reference,
        report.victim.display_name,
        due,
        triage_rules.deadline_state(due, today),
        owner.pk if owner else None,
        str(owner) if owner else "Volume Fraud Team",
        frozenset(team_ids),
    )


def first_updates_owed(visible: QuerySet[Report], today: date) -> QuerySet[Report]:
    """Reports (of those given) whose first update to the victim is due by today and not given.

    §5.6: the update stays owed whatever happens to the report (allocation, filing, no further
    action, even finalisation) until it is given: a victim update recorded, or a letter that is
    an update (`rules.FIRST_UPDATE_LETTERS`) recorded as sent (a Letter row is made only when
    the officer records it as sent, never on opening it). The report's status plays no part.
    Each clock is one range of received dates and the rest are two indexed anti-joins, so this
    is one query however many reports are held."""
    enhanced_by = triage_rules.received_window("due_today", today, 1)[1]
    standard_by = triage_rules.received_window("due_today", today, 5)[1]
    updated = VictimUpdate.objects.filter(report=OuterRef("pk"))
    written = Letter.objects.filter(
        report=OuterRef("pk"), kind__in=sorted(case_rules.FIRST_UPDATE_LETTERS)
    )
    return (
        visible.filter(
            Q(assessment__enhanced_service=True, received_at__date__lte=enhanced_by)
            | Q(received_at__date__lte=standard_by)
        )
        .exclude(Exists(updated))
        .exclude(Exists(written))
    )


def due_items(user: User, today: date) -> list[DueItem]:
    """Everything due by today on the reports this user may see, most overdue first."""
    visible = visible_reports(user)
    items: list[DueItem] = []
    # 1. The first update after receipt (§5.6), until the victim has been updated; oldest first.
    waiting = (
        first_updates_owed(visible, today)
        .select_related("victim", "assessment")
        .order_by("received_at")[:FIRST_UPDATES_SHOWN]
    )
    for report in waiting:
        assessment = getattr(report, "assessment", None)
        enhanced = bool(assessment and assessment.enhanced_service)
        due = triage_rules.vcop_update_due(
            timezone.localdate(report.received_at), enhanced=enhanced
        )
        if due <= today:
            label = "enhanced service, 1 working day" if enhanced else "5 working days"
            items.append(_item(f"First update to the victim ({label})", report, due, today))
    # 2. A decision not to investigate explained to the victim within 5 working days.
    explained = Letter.objects.filter(kind=LetterKind.NO_INVESTIGATION).values("report_id")
    decided_by = triage_rules.received_window(
        "due_today", today, triage_rules.DECISION_EXPLANATION_DAYS
    )[1]  # the latest decision date whose explanation is due by today
    decisions = (
        SupervisorDecision.objects.filter(
            decision=Recommendation.NO_FURTHER_ACTION,
            report__in=visible,
            decided_at__date__lte=decided_by,
        )
        .exclude(report_id__in=explained)
        .select_related("report__victim", "decided_by")
    )
    for decision in decisions:
        due = triage_rules.decision_explanation_due(timezone.localdate(decision.decided_at))
        if due <= today:
            items.append(
                _item(
                    "Explain the decision not to investigate (letter)",
                    decision.report,
                    due,
                    today,
                    decision.decided_by,
                )
            )
    # 3 and 4. Victim contract updates and supervisor reviews on open cases.
    cases = Case.objects.filter(report__in=visible, closed_at__isnull=True).select_related(
        "report__victim", "investigator"
    )
    for case in cases.filter(next_update_due__lte=today):
        items.append(
            _item(
                f"Victim update (every {case.update_every_days} days, victim contract)",
                case.report,
                case.next_update_due,
                today,
                case.investigator,
                {case.team_id},
            )
        )
    for case in cases.filter(next_review_due__lte=today):
        items.append(
            _item(
                f"Supervisor review (tier {case.tier} rota)",
                case.report,
                case.next_review_due,
                today,
                None,
                {case.team_id},
            )
        )
    # 5. Tasks, and 6. evidence asked for (28 days, then filed pending information).
    tasks = Task.objects.filter(report__in=visible, done_at__isnull=True, due__lte=today)
    for task in tasks.select_related("report__victim", "assignee"):
        items.append(_item(f"Task: {task.text}", task.report, task.due, today, task.assignee))
    evidence = EvidenceRequest.objects.filter(
        report__in=visible, received_on__isnull=True, filed_on__isnull=True, due_on__lte=today
    ).select_related("report__victim", "requested_by")
    for request in evidence:
        what = f"Evidence due from {request.get_asked_of_display().lower()}"
        items.append(_item(what, request.report, request.due_on, today, request.requested_by))
    return sorted(items, key=lambda i: (i.due, i.reference))


def for_scope(user: User, items: list[DueItem], scope: str) -> list[DueItem]:
    """ "mine": owned by the user (supervisors also own reviews and the VFT's unowned first
    updates); "team": owned by anyone in the user's teams, or by the team itself."""
    if scope == "mine":
        supervisor = user.role == Role.VFT_SUPERVISOR
        return [i for i in items if i.owner_id == user.pk or (supervisor and i.owner_id is None)]
    team_ids = set(user.teams.values_list("id", flat=True))
    colleagues = set(User.objects.filter(teams__in=team_ids).values_list("id", flat=True))
    return [
        i for i in items if i.owner_id in colleagues or i.owner_id is None or i.team_ids & team_ids
    ]
