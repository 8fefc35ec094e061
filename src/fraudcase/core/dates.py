"""Dates the policy counts in: working days in England and Wales, and ages.

Pure functions: the day to count from comes in as an argument; nothing here reads a clock.
Every app that counts working days or ages uses these (DOMAIN.md "Victims' Code deadlines";
seed 001 §5.6-§5.7, §6).
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone

from fraudcase.core.enums import Choices


@lru_cache(maxsize=16)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in `year`."""
    # Without subdiv="ENG" Easter Monday and the August holiday are missing.
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(event: date, days: int) -> date:
    """The date `days` working days after `event`; day 1 is the first working day after it."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day = event
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def deadline_groups(
    first: date, last: date, working_days: int
) -> Iterator[tuple[date, date, date]]:
    """The days from `first` to `last` (inclusive) grouped by their deadline `working_days`
    working days later: (first day, day after the last, deadline) in order. Days sharing a
    deadline (a Friday and the weekend after it; the days before a bank holiday) are one
    group, so a stored deadline is set with one UPDATE per distinct deadline. 0 working days
    means the same day, whatever day it is (a crime in action, seed 002 ¶38 i)."""

    def due_of(day: date) -> date:
        return day if working_days == 0 else add_working_days(day, working_days)

    day = first
    while day <= last:
        due = due_of(day)
        end = day + timedelta(days=1)
        while end <= last and due_of(end) == due:
            end += timedelta(days=1)
        yield day, end, due
        day = end


def start_of(day: date) -> datetime:
    """The first instant of `day` in the project's time zone (London): a bound a range over an
    indexed datetime column can use, where a cast of the column to a date cannot."""
    return timezone.make_aware(datetime.combine(day, time()))


def age_on(dob: date, day: date) -> int:
    """Whole years between dob and day (the birthday itself counts)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class Allowed(Choices):
    """Which dates a date question accepts, relative to today (the label ends its error)."""

    PAST = "past", "in the past"
    TODAY_OR_PAST = "today_or_past", "today or in the past"
    TODAY_OR_FUTURE = "today_or_future", "today or in the future"


def allowed(day: date, rule: Allowed, today: date) -> bool:
    """Whether `day` is a date `rule` accepts on `today`."""
    match rule:
        case Allowed.PAST:
            return day < today
        case Allowed.TODAY_OR_PAST:
            return day <= today
        case Allowed.TODAY_OR_FUTURE:
            return day >= today
    raise ValueError(rule)
