"""§5.7: the return for a month holds one row per NFRC whose outcome was recorded in that
month, London time: not the month before, not the month after."""

from datetime import date

import pytest

from fraudcase.returns import services

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_only_the_outcomes_recorded_in_the_month_in_london_time(supervisor):
    # 31 October 23:30 UTC is 31 October 23:30 GMT; 1 November 00:30 GMT is November.
    report("NFRC260000000001", outcome=1, finalised=london(2026, 10, 31, 23, 59))
    report("NFRC260000000002", outcome=18, finalised=london(2026, 11, 1, 0, 0))
    report("NFRC260000000003", outcome=14, finalised=london(2026, 11, 30, 23, 59, 59))
    report("NFRC260000000004", outcome=3, finalised=london(2026, 12, 1, 0, 0))
    report("NFRC260000000005")  # open: no outcome

    november = services.month_return(None, 2026, 11, today=date(2026, 12, 2))

    assert [r["nfrc"] for r in november.rows] == ["NFRC260000000002", "NFRC260000000003"]
    assert (november.outcomes, november.corrections) == (2, 0)
    assert november.due == date(2026, 12, 9)


def test_the_british_summer_time_boundary(supervisor):
    # 1 April 2026 00:30 BST is 31 March 23:30 UTC: April's.
    report("NFRC260000000011", outcome=1, finalised=london(2026, 4, 1, 0, 30))
    report("NFRC260000000012", outcome=1, finalised=london(2026, 3, 31, 23, 30))
    april = services.month_return(None, 2026, 4, today=date(2026, 5, 20))
    march = services.month_return(None, 2026, 3, today=date(2026, 5, 20))
    assert [r["nfrc"] for r in april.rows] == ["NFRC260000000011"]
    assert [r["nfrc"] for r in march.rows] == ["NFRC260000000012"]


def test_a_row_says_what_nfib_needs(supervisor):
    made = report("NFRC260000000021", outcome=20, finalised=london(2026, 11, 5, 10))
    [row] = services.month_return(None, 2026, 11).rows
    assert row["local_reference"] == made.local_reference
    assert row["outcome"] == 20
    assert row["crime"] is False  # from an NFIB package: a non-crime local record
    assert row["correction"] is False


def test_a_report_with_two_nfrc_numbers_gives_two_rows(supervisor):
    from fraudcase.reports.models import NFRCNumber

    made = report("NFRC260000000031", outcome=1, finalised=london(2026, 11, 5, 10))
    NFRCNumber.objects.create(number="NFRC260000000032", report=made)
    assert services.month_return(None, 2026, 11).outcomes == 2
