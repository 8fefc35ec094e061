"""The performance policy as pure functions: the periods a pack compares, who reads it, and
the medians read from a histogram (seed 001 §9; seed 002 ¶12-¶40; DOMAIN.md "Performance").

No ORM here: dates in, values out.
"""

from dataclasses import dataclass
from datetime import date

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices

# Who reads the dashboard and the pack: the ECU manager, the analyst and the supervisors who sit
# in the monthly performance meeting (DOMAIN.md "Performance"). Each sees the figures of what
# they may see (need-to-know): the manager sees the whole unit by being in every team.
READERS = frozenset({Role.ECU_MANAGER, Role.ANALYST, Role.VFT_SUPERVISOR})
# Who reviews a dip sample and draws one (the supervisors; the manager may too).
DIP_REVIEWERS = frozenset({Role.VFT_SUPERVISOR, Role.ECU_MANAGER})
# The financial year starts in April, as police forces and the Home Office count (seed 002
# ¶12 "year to date" figures run April to March).
FINANCIAL_YEAR_START_MONTH = 4
TREND_MONTHS = 12
DEFAULT_DIP_SAMPLE = 5
MAX_DIP_SAMPLE = 50


def may_read(role: str) -> bool:
    return role in READERS


def may_review_dip_sample(role: str) -> bool:
    return role in DIP_REVIEWERS


class PeriodKey(Choices):
    MONTH = "month", "Month"
    YEAR_TO_DATE = "ytd", "Financial year to date"
    LAST_YEAR = "last_year", "Same month last year"


@dataclass(frozen=True)
class Period:
    """A half-open range of London dates [start, end)."""

    key: str
    label: str
    start: date
    end: date


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def financial_year_start(day: date) -> date:
    """The 1 April on or before `day`."""
    year = day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1
    return date(year, FINANCIAL_YEAR_START_MONTH, 1)


def last_complete_month(today: date) -> tuple[int, int]:
    previous = add_months(date(today.year, today.month, 1), -1)
    return previous.year, previous.month


def periods(year: int, month: int) -> tuple[Period, Period, Period]:
    """The month, the financial year to its end, and the same month a year before."""
    start = month_start(year, month)
    end = next_month(start)
    last = date(year - 1, month, 1)
    return (
        Period(PeriodKey.MONTH, start.strftime("%B %Y"), start, end),
        Period(
            PeriodKey.YEAR_TO_DATE,
            f"Year to date ({financial_year_start(start):%b %Y} to {start:%b %Y})",
            financial_year_start(start),
            end,
        ),
        Period(PeriodKey.LAST_YEAR, last.strftime("%B %Y"), last, next_month(last)),
    )


def trend(year: int, month: int, months: int = TREND_MONTHS) -> list[date]:
    """The first days of the `months` months ending with this one, oldest first."""
    start = month_start(year, month)
    return [add_months(start, -i) for i in range(months - 1, -1, -1)]


def parse_month(text: str) -> tuple[int, int] | None:
    """'2026-03' -> (2026, 3); None when it is not a month."""
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        return None
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


def quarter_of(day: date) -> date:
    """The first day of the calendar quarter holding `day` (dip samples are quarterly)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def median_from_histogram(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}: the lower and upper middles averaged.
    A set-based query returns the histogram (bounded by the distinct values); this reads it."""
    total = sum(counts.values())
    if not total:
        return None
    wanted = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen_next = seen + counts[value]
        for position in wanted:
            if seen <= position < seen_next:
                found.append(value)
        seen = seen_next
    return sum(found) / len(found)


def rate(numerator: int, denominator: int) -> float | None:
    """A percentage to one decimal place; None when there is nothing to divide by."""
    if not denominator:
        return None
    return round(100 * numerator / denominator, 1)


def dip_hash_multiplier() -> int:
    """Knuth's multiplicative constant: (report id + seed) times it, modulo a prime above 2^32,
    orders reports by a hash of (seed, id) the same way on SQLite and PostgreSQL (64-bit
    integers on both)."""
    return 2654435761


DIP_HASH_MODULUS = 4294967311
