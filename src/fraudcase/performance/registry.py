"""The pack is a list of measures (issue 12 item 4). Each measure has a key, a title, a function
that computes its table for (user or None, scope) with one or a few GROUP BY queries, an
optional chart, and a way to list the reports behind each figure.

Another app's measure joins the pack by `register(Measure(...))`; a stream that returns rows by
month joins with `register(monthly("key", "Title", fn))` (see `monthly`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from . import rules


@dataclass(frozen=True)
class Scope:
    """What a pack is for: a month, and optionally one team."""

    year: int
    month: int
    team_id: int | None = None

    @property
    def periods(self) -> tuple[rules.Period, rules.Period, rules.Period]:
        return rules.periods(self.year, self.month)

    @property
    def trend(self) -> list[date]:
        return rules.trend(self.year, self.month)

    @property
    def month_text(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Cell:
    """One figure: its value, and the code of the reports behind it ("" when none), or, for a
    figure that counts records other than reports (requests, calls, victims on the NFIB lists),
    the address of their own list filtered to what it counts (`href`, checked there)."""

    value: Any
    figure: str = ""
    href: str = ""

    def __str__(self) -> str:
        if self.value is None:
            return "\N{EN DASH}"
        if isinstance(self.value, float):
            return f"{self.value:,.1f}"
        if isinstance(self.value, int):
            return f"{self.value:,}"
        return str(self.value)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    def plain(self) -> list[list[Any]]:
        return [[cell.value for cell in row] for row in self.rows]


def split(figure: str) -> tuple[str, str, str]:
    """'month|source=nfib' -> ('month', 'source', 'nfib')."""
    period, _, rest = figure.partition("|")
    name, _, value = rest.partition("=")
    return period, name, value


def period_of(scope: Scope, key: str) -> rules.Period | None:
    """The period a figure's code names: one of the scope's, or "mYYYY-MM" a month."""
    if key.startswith("m") and (parsed := rules.parse_month(key[1:])):
        start = rules.month_start(*parsed)
        return rules.Period(key, start.strftime("%B %Y"), start, rules.next_month(start))
    return next((p for p in scope.periods if p.key == key), None)


Compute = Callable[[Any, Scope], Table]
Reports = Callable[[Any, Scope, str], QuerySet[Any] | None]
Chart = Callable[[Table], dict | None]


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    compute: Compute
    reports: Reports | None = None
    chart: Chart | None = None
    note: str = ""


MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    MEASURES[measure.key] = measure
    return measure


# Where a monthly figure leads: (user or None, month "YYYY-MM", column, the row) -> a Cell's
# (figure, href): the code of its reports, or the address of its list ("" for neither).
Link = Callable[[Any, str, str, dict], tuple[str, str]]


def monthly(
    key: str,
    title: str,
    rows_by_month: Callable[[Any, date, date], list[dict]],
    *,
    note: str = "",
    link: Link | None = None,
    reports: Reports | None = None,
) -> Measure:
    """A measure from a function returning rows by month, each {"month": date, name: value...}
    for (user or None, first day, day after the last): the other demand streams' measures
    (streams.measures.ilor_demand, banking_protocol_results, cyber_kpis, victim support).
    `link` gives each figure its reports' code (read back by `reports`) or its list's address."""

    def compute(user: Any, scope: Scope) -> Table:
        months = scope.trend
        found = rows_by_month(user, months[0], rules.next_month(months[-1]))
        names = [k for k in (found[0] if found else {}) if k != "month"]
        table = Table(["Month", *names])
        for row in found:
            month = row["month"]
            label = month.strftime("%b %Y") if hasattr(month, "strftime") else str(month)
            text = month.strftime("%Y-%m") if hasattr(month, "strftime") else str(month)
            table.rows.append(
                [Cell(label)]
                + [
                    Cell(
                        row.get(n), *(link(user, text, n, row) if link and row.get(n) else ("", ""))
                    )
                    for n in names
                ]
            )
        return table

    return Measure(key, title, compute, reports, note=note)
