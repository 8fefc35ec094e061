"""Working days in England and Wales and ages, as every clock and rule counts them."""

from datetime import date

import pytest

from fraudcase.core.dates import add_working_days, age_on, is_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # Thursday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day substitute (26th is a Saturday)
        (date(2027, 3, 29), False),  # Easter Monday: a holiday in England, not in Scotland
        (date(2026, 8, 31), False),  # Summer bank holiday (England and Wales)
        (date(2026, 11, 28), False),  # Saturday
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_an_english_bank_holiday(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("event", "days", "due"),
    [
        (date(2026, 12, 23), 1, date(2026, 12, 24)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # over Christmas and the substitute day
        (date(2026, 11, 27), 5, date(2026, 12, 4)),  # Friday: the weekend does not count
    ],
)
def test_working_days_are_counted_from_the_day_after(event, days, due):
    assert add_working_days(event, days) == due


def test_no_working_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 1), 0)


@pytest.mark.parametrize(
    ("dob", "day", "age"),
    [
        (date(1951, 12, 1), date(2026, 11, 30), 74),  # the day before the 75th birthday
        (date(1951, 12, 1), date(2026, 12, 1), 75),  # on it
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # a leap-day birthday
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_counts_the_birthday_itself(dob, day, age):
    assert age_on(dob, day) == age
