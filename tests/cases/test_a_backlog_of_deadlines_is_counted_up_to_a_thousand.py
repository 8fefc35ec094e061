"""Issue 16: the Deadlines page and the home page count each kind's overdue and due-today
deadlines up to a thousand, then say "more than 1,000", so a large backlog costs the same to
show as a small one; every deadline is still listed, a page at a time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases import clocks
from fraudcase.cases.models import Task

pytestmark = pytest.mark.django_db


def test_more_than_a_thousand_overdue_tasks_read_as_more_than_1000(allocated, vft_investigator):
    today = timezone.localdate()
    now = timezone.now()
    Task.objects.bulk_create(
        Task(
            report=allocated,
            text=f"Obtain bank statement {n}",
            assignee=vft_investigator,
            due=today - timedelta(days=1 + n % 30),
            created_by=vft_investigator,
            created_at=now,
        )
        for n in range(clocks.DEADLINE_COUNT_CAP + 1)
    )
    tasks = next(
        c for c in clocks.counts(vft_investigator, clocks.MINE, today) if c.kind.key == "tasks"
    )
    assert tasks.overdue.more and tasks.overdue.total == 1_000
    assert str(tasks.overdue) == "more than 1,000"
    # ... and every one of them is still there to read, oldest first.
    assert clocks.rows(vft_investigator, tasks.kind, clocks.MINE, today, "overdue").count() == 1_001


def test_a_thousand_overdue_tasks_are_counted_exactly(allocated, vft_investigator):
    today = timezone.localdate()
    now = timezone.now()
    Task.objects.bulk_create(
        Task(
            report=allocated,
            text=f"Call the bank {n}",
            assignee=vft_investigator,
            due=today - timedelta(days=2),
            created_by=vft_investigator,
            created_at=now,
        )
        for n in range(clocks.DEADLINE_COUNT_CAP)
    )
    tasks = next(
        c for c in clocks.counts(vft_investigator, clocks.MINE, today) if c.kind.key == "tasks"
    )
    assert not tasks.overdue.more and str(tasks.overdue) == "1,000"
