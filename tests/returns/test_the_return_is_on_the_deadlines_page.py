"""§5.7: the return not yet sent is on the Deadlines page, the home page and /api/v1/deadlines
once its due date has come: the VFT supervisor's, and in everyone's team view."""

from datetime import date

import pytest
from django.utils import timezone

from fraudcase.cases import clocks
from fraudcase.returns import services
from fraudcase.returns.models import NFIBReturn

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_a_return_owed_is_the_supervisors_deadline(supervisor, assessor, client):
    report("NFRC260000000401", outcome=1, finalised=london(2026, 9, 3, 12))
    assert NFIBReturn.objects.filter(month=date(2026, 9, 1)).exists()  # made as it was recorded
    today = date(2026, 10, 9)  # September's return was due on Friday 9 October
    [mine] = clocks.rows(supervisor, clocks.KINDS["nfib-return"], clocks.MINE, today)
    assert mine.due == date(2026, 10, 9)
    assert not clocks.rows(assessor, clocks.KINDS["nfib-return"], clocks.MINE, today).exists()
    assert clocks.rows(assessor, clocks.KINDS["nfib-return"], clocks.TEAM, today).exists()
    assert not clocks.rows(supervisor, clocks.KINDS["nfib-return"], clocks.MINE, date(2026, 10, 8))

    client.force_login(supervisor)
    page = client.get("/deadlines/?kind=nfib-return").content.decode()
    assert "Monthly NFIB outcome return for September 2026" in page
    assert "/returns/2026-09/" in page
    answer = client.get("/api/v1/deadlines?kind=nfib-return").json()
    assert [a["local_reference"] for a in answer] == ["2026-09"]


def test_once_sent_it_is_owed_no_more_and_the_next_month_is_there(supervisor):
    report("NFRC260000000411", outcome=1, finalised=london(2026, 9, 3, 12))
    services.mark_sent(supervisor, 2026, 9, "csv", today=date(2026, 10, 2))
    today = timezone.localdate()
    owed = clocks.rows(supervisor, clocks.KINDS["nfib-return"], clocks.MINE, today)
    assert [r.month for r in owed] == [date(2026, 10, 1)]  # October's: no outcomes, still owed
