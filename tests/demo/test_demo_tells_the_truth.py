"""The demo is dated relative to today: a new user sees a plausible unit, whatever the date."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.cases import clocks
from fraudcase.reports.enums import Source
from fraudcase.reports.models import Report
from fraudcase.victims.models import VictimListEntry

pytestmark = pytest.mark.django_db

# Today; a Tuesday after the Easter bank holiday; Christmas Eve (a Thursday, the break ahead).
DAYS = [None, date(2026, 4, 7), date(2025, 12, 24)]


@pytest.mark.parametrize("today", DAYS, ids=["today", "after-easter", "christmas-eve"])
def test_the_supervisor_has_a_few_things_overdue_not_hundreds(today):
    options = {"today": today} if today else {}
    call_command("demo_data", victims=200, quiet=True, **options)
    today = today or timezone.localdate()
    supervisor = User.objects.get(username="supervisor")
    mine = clocks.due_items(supervisor, today, clocks.MINE)
    overdue = [i for i in mine if i.state == "overdue"]
    due_today = [i for i in mine if i.state == "due_today"]
    assert 1 <= len(overdue) < 10, [i.what for i in overdue]
    assert len(due_today) < 10, [i.what for i in due_today]

    reports = Report.objects.filter(source=Source.NFIB_DISSEMINATION)
    late = reports.filter(recorded_at__gt=F("recording_deadline")).count()
    assert 1 <= late <= 5, late  # a handful, the weekend package's among them
    assert late < reports.count() * 0.05
    # Received over the last four weeks, none in the future.
    received = [timezone.localdate(r) for r in reports.values_list("received_at", flat=True)]
    assert min(received) >= today - timedelta(days=28)
    assert max(received) <= today
    # The victim list is this month's: the last four weeks.
    dates = VictimListEntry.objects.values_list("report_date", flat=True)
    assert min(dates) >= today - timedelta(days=28) and max(dates) <= today
