"""My work first: the cases allocated to an officer and the tasks given to them.

Reads only, each one query through the access gateway (reports.services.visible_reports), for
the pages *My cases* and *My tasks*, the home page and Deadlines (issue 11, "My work first").
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least

from fraudcase.accounts.models import User
from fraudcase.audit.models import AuditAction
from fraudcase.core import dates, paging
from fraudcase.core.errors import JustificationRequired
from fraudcase.reports.services import disclose, on_visible_reports

from .models import Case, Task
from .rules import CASE_ROLES

# A case allocated within this many days is shown as new on the home page and Deadlines.
NEW_ALLOCATION_DAYS = 7
NEW_ALLOCATIONS_SHOWN = 5
# "Due soon" on My cases: within this many days.
SOON_DAYS = 7

CASE_SORTS = {
    "reference": paging.Sort("Report", ("report__local_reference",)),
    "allocated": paging.Sort("Allocated", ("allocated_at",)),
    "next": paging.Sort("Next action due", ("next_due",)),
    # Stored on the case by the investigation plan's services, read over an index.
    "action": paging.Sort("Plan action due", ("next_action_due",)),
    "review": paging.Sort("Review due", ("next_review_due",)),
    "update": paging.Sort("Victim update due", ("next_update_due",)),
}
TASK_SORTS = {"due": paging.Sort("Due", ("due",))}
VISIT_SORTS = {"due": paging.Sort("Due", ("due_on",))}


def my_cases(user: User, *, today: date, due: str = "") -> QuerySet[Case]:
    """The open cases allocated to `user` that they may see, each with its next action: the
    soonest of the open tasks on the case, the investigation plan's actions still owed (their
    soonest due date stored on the case, `next_action_due`) and the victim update (`next_due`,
    `task_due`, `task_text`). `due` "overdue" keeps cases with anything overdue, "soon"
    those with anything due within SOON_DAYS."""
    return _open_cases(user, Q(investigator=user), today=today, due=due)


def team_cases(user: User, *, today: date, due: str = "") -> QuerySet[Case]:
    """The open cases of the teams `user` belongs to (the supervisor's team view, issue 15
    item 9), the same way as `my_cases`, each with its investigator; only reports they may
    see."""
    return _open_cases(
        user, Q(team__in=user.teams.values("pk")), today=today, due=due
    ).select_related("investigator")


def _open_cases(user: User, whose: Q, *, today: date, due: str) -> QuerySet[Case]:
    tasks = Task.objects.filter(report=OuterRef("report"), done_at__isnull=True).order_by(
        "due", "id"
    )
    # The report's visibility as a join: `report__in=visible_reports(...)` would have SQLite
    # list every visible report first (issue 16).
    cases = (
        Case.objects.filter(on_visible_reports(user), whose, closed_at__isnull=True)
        .select_related("report__victim", "team")
        .annotate(
            task_due=Subquery(tasks.values("due")[:1]),
            task_text=Subquery(tasks.values("text")[:1]),
        )
        .annotate(
            next_due=Least(
                Coalesce("task_due", "next_update_due"),
                Coalesce("next_action_due", "next_update_due"),
                "next_update_due",
            )
        )
    )
    if due == "overdue":
        cases = cases.filter(_due_by(today - timedelta(days=1)))
    elif due == "soon":
        cases = cases.filter(_due_by(today + timedelta(days=SOON_DAYS)))
    return cases


def _due_by(day: date) -> Q:
    return Q(next_due__lte=day) | Q(next_review_due__lte=day) | Q(next_update_due__lte=day)


def next_action(case: Any) -> str:
    """What the officer does next on a case from `my_cases`: whichever is due first."""
    if case.next_action_due is not None and case.next_action_due == case.next_due:
        return "Investigation plan action"
    if case.task_due is not None and case.task_due <= case.next_update_due:
        return f"Task: {case.task_text}"
    return "Update the victim (victim contract)"


def new_allocations(user: User, today: date) -> QuerySet[Case]:
    """The user's open cases allocated in the last NEW_ALLOCATION_DAYS days, newest first."""
    since = today - timedelta(days=NEW_ALLOCATION_DAYS)
    return (
        Case.objects.filter(
            on_visible_reports(user),
            investigator=user,
            closed_at__isnull=True,
            allocated_at__gte=dates.start_of(since),
        )
        .select_related("report__victim")
        .order_by("-allocated_at", "-pk")
    )


def new_allocations_panel(user: User, today: date, justification: str) -> dict[str, Any] | None:
    """What the home page and Deadlines show of the cases newly allocated to a case officer
    (None for anyone else): a bounded count and the newest few, disclosed as consulted. When
    some are restricted and no reason was given here, only the count is shown."""
    if user.role not in CASE_ROLES:
        return None
    allocated = new_allocations(user, today)
    shown = list(allocated[:NEW_ALLOCATIONS_SHOWN])
    if shown:
        try:
            disclose(
                user,
                [c.report.local_reference for c in shown],
                justification,
                listing="new-allocations",
                summary=f"Viewed the cases newly allocated to them ({len(shown)})",
                action=AuditAction.CONSULTATION,
            )
        except JustificationRequired:
            shown = []
    return {"count": paging.count_up_to(allocated), "shown": shown, "days": NEW_ALLOCATION_DAYS}


def my_case_tasks(user: User) -> QuerySet[Task]:
    """The open tasks on cases given to `user`, on reports they may see, soonest first."""
    return (
        Task.objects.filter(on_visible_reports(user), assignee=user, done_at__isnull=True)
        .select_related("report__victim")
        .order_by("due", "pk")
    )
