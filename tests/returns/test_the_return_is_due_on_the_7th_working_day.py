"""§5.7: the return is due by the 7th working day after the month ends; working days skip
weekends and the England and Wales bank holidays (DOMAIN.md "Victims' Code deadlines")."""

from datetime import date

import pytest

from fraudcase.returns import rules


@pytest.mark.parametrize(
    ("month", "due"),
    [
        # December: Christmas Day, Boxing Day (Saturday, substitute Monday 28th) and New Year's
        # Day 2027 (Friday) are skipped; the year ends on the way.
        (date(2026, 12, 1), date(2027, 1, 12)),
        # March 2027: Easter falls in March (Good Friday 26, Easter Monday 29 March), so April's
        # first seven working days run straight through.
        (date(2027, 3, 1), date(2027, 4, 9)),
        # March 2026: Good Friday 3 April and Easter Monday 6 April are skipped.
        (date(2026, 3, 1), date(2026, 4, 13)),
        # July 2026: no bank holiday in early August (the August one is the last Monday).
        (date(2026, 7, 1), date(2026, 8, 11)),
        # August 2026: the month ends on the bank holiday Monday 31 August.
        (date(2026, 8, 1), date(2026, 9, 9)),
        # November 2026: an ordinary month.
        (date(2026, 11, 1), date(2026, 12, 9)),
    ],
)
def test_due_dates(month, due):
    assert rules.due(month) == due


def test_a_months_state_over_time():
    october = date(2026, 10, 1)
    assert rules.month_state(october, False, date(2026, 10, 31)) == rules.MonthState.NOT_DUE
    assert rules.month_state(october, False, date(2026, 11, 1)) == rules.MonthState.DUE
    # 31 October 2026 is a Saturday: the 7th working day after is Tuesday 10 November.
    assert rules.month_state(october, False, date(2026, 11, 10)) == rules.MonthState.DUE
    assert rules.month_state(october, False, date(2026, 11, 11)) == rules.MonthState.OVERDUE
    assert rules.month_state(october, True, date(2026, 11, 11)) == rules.MonthState.SENT


@pytest.mark.parametrize("text", ["2026-13", "26-11", "2026/11", "", "1999-12", "2026-1"])
def test_a_month_is_written_yyyy_mm(text):
    assert rules.parse_month(text) is None
