"""The measures today's data supports (seed 001 §9; seed 002 ¶12-¶40, ¶50, ¶65; DOMAIN.md
"Performance", "Outcomes", "Victims' Code deadlines", "Vulnerability process").

Each is a few GROUP BY queries over bounded ranges of dates (the financial year to date, which
holds the month, and the same month last year: one query per range, `ranges`, each an index
range, the periods inside it conditional counts), and starts
from `reports.services.visible_reports(user)` / `on_visible_reports(user)` so that a user's
figures count only what they may see. `user=None` is the whole unit (the `fraudcase pack`
command). A figure's code is "<period>|<name>=<value>" and `reports_behind` turns it back into
the reports it counts.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from fraudcase.cases import rules as case_rules
from fraudcase.cases import services as case_services
from fraudcase.cases.models import Case, DisruptionAction, Finalisation
from fraudcase.cases.rules import DisruptionKind
from fraudcase.core import scopes
from fraudcase.core.dates import start_of
from fraudcase.reports.enums import ReportStatus, Source, VictimType
from fraudcase.reports.models import Report, StatusChange, Victim
from fraudcase.reports.rules import Transition
from fraudcase.reports.services import off_hidden_reports, visible_reports

from . import charts, rules
from .recovery_measures import ASSET_RECOVERY
from .registry import Cell, Measure, Scope, Table, period_of, register, split
from .stream_measures import STREAM_MEASURES

PERIOD_COLUMNS = ["Month", "Year to date", "Same month last year"]


# ---------------------------------------------------------------- the building blocks


def reports(user: Any, scope: Scope) -> QuerySet[Report]:
    """The reports a user's figures count: what they may see (all, for the whole unit), and
    with a team chosen, those allocated to that team."""
    found = Report.objects.all() if user is None else visible_reports(user)
    if scope.team_id:
        found = found.filter(case__team_id=scope.team_id)
    return found


def rows_on_reports(model: Any, user: Any, scope: Scope) -> QuerySet[Any]:
    """Rows hanging off a report (finalisations, cases, status changes...), on visible reports:
    "not on a report hidden from the user", so that a year of rows is counted without joining
    every report (`reports.services.off_hidden_reports`)."""
    found = model.objects.all() if user is None else model.objects.filter(off_hidden_reports(user))
    if scope.team_id:
        found = found.filter(report__case__team_id=scope.team_id)
    return found


def within(field: str, start: date, end: date, *, is_date: bool = False) -> Q:
    if is_date:
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return Q(**{f"{field}__gte": start_of(start), f"{field}__lt": start_of(end)})


def ranges(scope: Scope) -> tuple[tuple[rules.Period, tuple[rules.Period, ...]], ...]:
    """The two contiguous ranges the three periods lie in, each with the periods inside it: the
    financial year to date (holding the month) and the same month last year. A query per
    range is an index range on (..., the date) where one query over both would be a filter."""
    month, ytd, last = scope.periods
    return ((ytd, (month, ytd)), (last, (last,)))


def period_counts(
    rows: QuerySet[Any], field: str, group: str, scope: Scope, *, is_date: bool = False
) -> dict[Any, dict[str, int]]:
    """{group value: {period key: count}}: one query per range (`ranges`), each counting the
    dated column itself (never null inside its range), so that an index on (group, date) or
    (date, group) answers from the index alone."""
    counted: dict[Any, dict[str, int]] = {}
    for outer, inside in ranges(scope):
        found = (
            rows.filter(within(field, outer.start, outer.end, is_date=is_date))
            .values(group)
            .annotate(
                **{
                    p.key: Count(field, filter=within(field, p.start, p.end, is_date=is_date))
                    for p in inside
                }
            )
            .order_by()
        )
        for row in found:
            counts = counted.setdefault(row[group], {p.key: 0 for p in scope.periods})
            for p in inside:
                counts[p.key] = row[p.key]
    return counted


def period_totals(
    rows: QuerySet[Any], field: str, scope: Scope, kinds: dict[str, Q], *, is_date: bool = False
) -> dict[str, dict[str, int]]:
    """{kind: {period key: count}} of the rows matching each kind's condition: one aggregate
    per range (`ranges`), counting the dated column itself."""
    totals = {kind: {p.key: 0 for p in scope.periods} for kind in kinds}
    for outer, inside in ranges(scope):
        found = rows.filter(within(field, outer.start, outer.end, is_date=is_date)).aggregate(
            **{
                f"{p.key}__{kind}": Count(
                    field, filter=within(field, p.start, p.end, is_date=is_date) & condition
                )
                for p in inside
                for kind, condition in kinds.items()
            }
        )
        for p in inside:
            for kind in kinds:
                totals[kind][p.key] = found[f"{p.key}__{kind}"]
    return totals


def period_row(label: str, counts: dict[str, int], scope: Scope, name: str, value: Any) -> list:
    return [
        Cell(label),
        *(Cell(counts.get(p.key, 0), f"{p.key}|{name}={value}") for p in scope.periods),
    ]


def total_row(label: str, counted: dict[Any, dict[str, int]], scope: Scope, name: str) -> list:
    totals = {p.key: sum(c[p.key] for c in counted.values()) for p in scope.periods}
    return period_row(label, totals, scope, name, "all")


# ---------------------------------------------------------------- shared within one pack

_SHARED: ContextVar[dict | None] = ContextVar("performance_shared", default=None)


def sharing() -> AbstractContextManager[None]:
    """While a pack is computed, a figure several measures use is read once (`shared`)."""
    return scopes.fresh(_SHARED)


def shared(key: tuple, compute: Callable[[], Any]) -> Any:
    store = _SHARED.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def _organisations() -> QuerySet[Victim]:
    """The reports whose victim is a business or other organisation (few: a partial index)."""
    return Victim.objects.exclude(victim_type=VictimType.INDIVIDUAL).values("report_id")


RECEIVED = {
    "n": lambda inside: Count("pk", filter=inside),
    "given": lambda inside: Count("pk", filter=inside & Q(loss_gbp__isnull=False)),
    "total": lambda inside: Sum("loss_gbp", filter=inside),
    "zero": lambda inside: Count("pk", filter=inside & Q(loss_gbp=0)),
    "first_given": lambda inside: Count("pk", filter=inside & Q(first_update_due__isnull=True)),
    "first_overdue": lambda inside: Count(
        "pk", filter=inside & Q(first_update_due__lt=timezone.localdate())
    ),
}


def _month_key(m: date) -> str:
    return f"m{m:%Y_%m}"


def _received_rows(user: Any, scope: Scope) -> dict[str, dict[str, Any]]:
    """{source: row}: for the reports received in the thirteen months from the same month last
    year to this one (they hold the three periods and the twelve months of the trend), each
    figure of each period and the count of each month. One GROUP BY, one pass over those
    months' reports, read once per pack (demand, trend, losses, the outcome rate's
    disseminations, the filing rates and the Victims' Code use it)."""

    def compute() -> dict[str, dict[str, Any]]:
        months = scope.trend
        first = min(months[0], *(p.start for p in scope.periods))
        last = max(rules.next_month(months[-1]), *(p.end for p in scope.periods))
        found = (
            reports(user, scope)
            .filter(within("received_at", first, last))
            .values("source")
            .annotate(
                **{
                    f"{name}__{p.key}": make(within("received_at", p.start, p.end))
                    for name, make in RECEIVED.items()
                    for p in scope.periods
                },
                **{
                    _month_key(m): Count("pk", filter=within("received_at", m, rules.next_month(m)))
                    for m in months
                },
            )
            .order_by()
        )
        return {row["source"]: row for row in found}

    return shared(("received", getattr(user, "pk", None), scope), compute)


def received_figures(user: Any, scope: Scope) -> dict[str, dict[str, dict[str, Any]]]:
    """{source: {figure: {period: value}}} for the reports received in each period: how many,
    losses, first updates (from `_received_rows`)."""
    return {
        source: {name: {p.key: row[f"{name}__{p.key}"] for p in scope.periods} for name in RECEIVED}
        for source, row in _received_rows(user, scope).items()
    }


def received_total(user: Any, scope: Scope, name: str) -> dict[str, Any]:
    """One figure of `received_figures` summed over the sources."""
    found = received_figures(user, scope)
    return {p.key: sum((f[name][p.key] or 0) for f in found.values()) for p in scope.periods}


# ---------------------------------------------------------------- demand


def demand(user: Any, scope: Scope) -> Table:
    counted = {source: f["n"] for source, f in received_figures(user, scope).items()}
    table = Table(["Source", *PERIOD_COLUMNS])
    for source in Source:
        if source in counted:
            table.rows.append(period_row(source.label, counted[source], scope, "source", source))
    table.rows.append(total_row("All sources", counted, scope, "source"))
    return table


def received(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    """The reports received in a period (of one source, or one kind of victim)."""
    key, name, value = split(figure)
    period = period_of(scope, key)
    if period is None:
        return None
    found = reports(user, scope).filter(within("received_at", period.start, period.end))
    if name == "source" and value != "all":
        return found.filter(source=value)
    if name == "victim" and value == "individual":
        return found.exclude(pk__in=_organisations())
    if name == "victim" and value == "organisation":
        return found.filter(pk__in=_organisations())
    if name == "loss" and value == "zero":
        return found.filter(loss_gbp=0)
    if name == "loss" and value == "given":
        return found.filter(loss_gbp__isnull=False)
    return found


def trend(user: Any, scope: Scope) -> Table:
    """Reports received by source in each of the last 12 months (from `_received_rows`)."""
    months = scope.trend
    by_source = _received_rows(user, scope)
    table = Table(["Source", *(f"{m:%b %Y}" for m in months)])
    for source in Source:
        if source in by_source:
            row = by_source[source]
            table.rows.append(
                [Cell(source.label)]
                + [Cell(row[_month_key(m)], f"m{m:%Y-%m}|source={source}") for m in months]
            )
    table.rows.append(
        [Cell("All sources")]
        + [
            Cell(sum(r[_month_key(m)] for r in by_source.values()), f"m{m:%Y-%m}|source=all")
            for m in months
        ]
    )
    return table


def victims(user: Any, scope: Scope) -> Table:
    """Victims (one report per victim, §5.1) by kind: individuals against organisations."""
    everyone = received_total(user, scope, "n")
    # One report per victim (§5.1): individuals are the reports less the organisations, found
    # from the few organisation victims (a semi-join in WHERE: inside an aggregate's FILTER
    # the planner would run the subquery once per report).
    organisations = period_totals(
        reports(user, scope).filter(pk__in=_organisations()), "received_at", scope, {"n": Q()}
    )["n"]
    individuals = {p.key: everyone[p.key] - organisations[p.key] for p in scope.periods}
    return Table(
        ["Victims", *PERIOD_COLUMNS],
        [
            period_row("Individuals", individuals, scope, "victim", "individual"),
            period_row(
                "Businesses and organisations", organisations, scope, "victim", "organisation"
            ),
            period_row("All victims", everyone, scope, "victim", "all"),
        ],
    )


def losses(user: Any, scope: Scope) -> Table:
    """Average loss over the reports that give one, and the reports with no loss (£0)."""
    given = received_total(user, scope, "given")
    total = received_total(user, scope, "total")
    zero = received_total(user, scope, "zero")

    def money(value: Any) -> float | None:
        return None if value is None else round(float(value), 2)

    found = {}
    for p in scope.periods:
        found[f"{p.key}_given"] = given[p.key]
        found[f"{p.key}_total"] = total[p.key] if given[p.key] else None
        found[f"{p.key}_average"] = total[p.key] / given[p.key] if given[p.key] else None
        found[f"{p.key}_zero"] = zero[p.key]

    return Table(
        ["Loss", *PERIOD_COLUMNS],
        [
            [Cell("Reports giving a loss")]
            + [Cell(found[f"{p.key}_given"], f"{p.key}|loss=given") for p in scope.periods],
            [Cell("Average loss (£)")]
            + [Cell(money(found[f"{p.key}_average"])) for p in scope.periods],
            [Cell("Total loss (£)")]
            + [Cell(money(found[f"{p.key}_total"])) for p in scope.periods],
            [Cell("Reports with no loss (£0)")]
            + [Cell(found[f"{p.key}_zero"], f"{p.key}|loss=zero") for p in scope.periods],
        ],
    )


# ---------------------------------------------------------------- outcomes (§5.7)


def finalisations(user: Any, scope: Scope) -> QuerySet[Finalisation]:
    return rows_on_reports(Finalisation, user, scope)


def outcome_rate(user: Any, scope: Scope) -> Table:
    """Positive outcomes (FRAUDCASE_POSITIVE_OUTCOMES) finalised in the period against the
    NFIB disseminations received in it (DOMAIN.md "Performance"; seed 002 ¶14)."""
    positive = sorted(case_services.positive_outcomes())
    outcomes = _positive_counts(user, scope, positive)
    disseminated = received_figures(user, scope).get(Source.NFIB_DISSEMINATION, {}).get("n", {})
    return Table(
        ["Outcomes", *PERIOD_COLUMNS],
        [
            period_row("Positive outcomes", outcomes["positive"], scope, "outcome", "positive"),
            period_row("All outcomes", outcomes["all"], scope, "outcome", "all"),
            period_row("NFIB disseminations", disseminated, scope, "source", "nfib"),
            [Cell("Outcome rate (%)")]
            + [
                Cell(rules.rate(outcomes["positive"].get(p.key, 0), disseminated.get(p.key, 0)))
                for p in scope.periods
            ],
        ],
    )


def _outcome_counts(user: Any, scope: Scope) -> dict[Any, dict[str, int]]:
    """{Home Office outcome: {period key: count}} of the finalisations in each period, read
    once a pack (the outcome rate and the outcome mix both count from it)."""
    return shared(
        ("outcomes", getattr(user, "pk", None), scope),
        lambda: period_counts(finalisations(user, scope), "finalised_at", "outcome", scope),
    )


def _positive_counts(user: Any, scope: Scope, positive: list[int]) -> dict[str, dict[str, int]]:
    """{"positive"|"all": {period key: count}}, summed from `_outcome_counts`."""
    counted = _outcome_counts(user, scope)
    return {
        kind: {
            p.key: sum(
                c[p.key] for outcome, c in counted.items() if kind == "all" or outcome in positive
            )
            for p in scope.periods
        }
        for kind in ("positive", "all")
    }


def outcome_mix(user: Any, scope: Scope) -> Table:
    counted = _outcome_counts(user, scope)
    table = Table(["Home Office outcome", *PERIOD_COLUMNS])
    for outcome in sorted(counted):
        label = f"{outcome}: {case_rules.HOME_OFFICE_OUTCOMES.get(outcome, '')}"
        table.rows.append(period_row(label, counted[outcome], scope, "outcome", str(outcome)))
    table.rows.append(total_row("All outcomes", counted, scope, "outcome"))
    return table


def finalised(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    key, _, value = split(figure)
    period = period_of(scope, key)
    if period is None:
        return None
    found = reports(user, scope).filter(
        within("finalisation__finalised_at", period.start, period.end)
    )
    if value == "positive":
        return found.filter(finalisation__outcome__in=sorted(case_services.positive_outcomes()))
    if value.isdigit():
        return found.filter(finalisation__outcome=int(value))
    return found


def outcome_reports(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    _, name, _ = split(figure)
    return received(user, scope, figure) if name == "source" else finalised(user, scope, figure)


STOPPED = {
    ReportStatus.FILED_PENDING_INFORMATION: "Filed pending information",
    ReportStatus.NO_FURTHER_ACTION: "No further action",
}


def filing(user: Any, scope: Scope) -> Table:
    """Reports filed pending information and decided no further action in the period (moves
    into those statuses), and each as a share of the reports received in it."""
    moves = period_counts(
        rows_on_reports(StatusChange, user, scope).filter(to_status__in=list(STOPPED)),
        "at",
        "to_status",
        scope,
    )
    received_in = received_total(user, scope, "n")
    table = Table(["Decision", *PERIOD_COLUMNS])
    for status, label in STOPPED.items():
        counts = moves.get(status, {})
        table.rows.append(period_row(label, counts, scope, "status", status))
        table.rows.append(
            [Cell(f"{label}: rate against reports received (%)")]
            + [Cell(rules.rate(counts.get(p.key, 0), received_in[p.key])) for p in scope.periods]
        )
    return table


def moved(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    key, _, value = split(figure)
    period = period_of(scope, key)
    if period is None or value not in STOPPED:
        return None
    changes = StatusChange.objects.filter(
        within("at", period.start, period.end), to_status=value
    ).values("report_id")
    return reports(user, scope).filter(pk__in=changes)


def disruption(user: Any, scope: Scope) -> Table:
    """Disruption by kind (§5.5; seed 002 ¶12 "disruption used"), cease and desist notices
    among them (outcome 10 records one)."""
    counted = period_counts(
        rows_on_reports(DisruptionAction, user, scope), "on", "kind", scope, is_date=True
    )
    table = Table(["Disruption", *PERIOD_COLUMNS])
    for kind in DisruptionKind:
        table.rows.append(period_row(kind.label, counted.get(kind, {}), scope, "kind", kind))
    table.rows.append(total_row("All disruption", counted, scope, "kind"))
    return table


def disrupted(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    key, _, value = split(figure)
    period = period_of(scope, key)
    if period is None:
        return None
    actions = DisruptionAction.objects.filter(within("on", period.start, period.end, is_date=True))
    if value != "all":
        actions = actions.filter(kind=value)
    return reports(user, scope).filter(pk__in=actions.values("report_id"))


# ---------------------------------------------------------------- allocation and timeliness


def allocation(user: Any, scope: Scope) -> Table:
    """Cases allocated in the period by team and tier (seed 002 ¶12 allocation split)."""
    counted = period_counts(
        rows_on_reports(Case, user, scope).annotate(team_tier=F("team_id") * 10 + F("tier")),
        "allocated_at",
        "team_tier",
        scope,
    )
    names = (
        dict(
            rows_on_reports(Case, user, scope)
            .filter(team_id__in={k // 10 for k in counted})
            .values_list("team_id", "team__name")
            .distinct()
        )
        if counted
        else {}
    )
    table = Table(["Team and tier", *PERIOD_COLUMNS])
    for key in sorted(counted, key=lambda k: (names.get(k // 10, ""), k % 10)):
        label = f"{names.get(key // 10, key // 10)}: tier {key % 10}"
        table.rows.append(period_row(label, counted[key], scope, "team_tier", str(key)))
    table.rows.append(total_row("All allocations", counted, scope, "team_tier"))
    return table


def allocated(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    key, _, value = split(figure)
    period = period_of(scope, key)
    if period is None:
        return None
    found = reports(user, scope).filter(within("case__allocated_at", period.start, period.end))
    if value.isdigit():
        found = found.filter(case__team_id=int(value) // 10, case__tier=int(value) % 10)
    return found


# The moves each stage times (DOMAIN.md "Performance"): the first move out of "recorded"
# (assessed, or filed by the evidence job), allocation and finalisation.
TIMED_MOVES = [Transition.ASSESS, Transition.FILE_PENDING, Transition.ALLOCATE, Transition.FINALISE]
STAGES = (
    (
        "Receipt to assessment",
        Q(
            from_status=ReportStatus.RECORDED,
            transition__in=[Transition.ASSESS, Transition.FILE_PENDING],
        ),
    ),
    ("Receipt to allocation", Q(transition=Transition.ALLOCATE)),
    ("Receipt to outcome", Q(transition=Transition.FINALISE)),
)


def timeliness(user: Any, scope: Scope) -> Table:
    """Median and mean days from receipt to assessment, allocation and outcome, for the moves
    made in the period. One query over the moves' stored days from receipt
    (`StatusChange.days_from_receipt`, no join to the reports): a histogram of whole days per
    stage and period, bounded by the distinct day counts, read here."""
    table = Table(
        ["Stage"] + [f"{c}: {m}" for c in PERIOD_COLUMNS for m in ("median days", "mean days")]
    )
    timed = reduce(or_, (condition for _, condition in STAGES))
    histograms: dict[str, dict[int, int]] = {
        f"{p.key}_{n}": {} for p in scope.periods for n in range(len(STAGES))
    }
    # One contiguous range at a time, so that each is read from the moves' index alone.
    for outer, inside in ranges(scope):
        found = (
            rows_on_reports(StatusChange, user, scope)
            # The kinds of move timed, said once more, so that the (transition, at) index is read.
            .filter(transition__in=TIMED_MOVES)
            .filter(timed, within("at", outer.start, outer.end), days_from_receipt__isnull=False)
            .values("days_from_receipt")
            .annotate(
                **{
                    # Counted on a column the index holds (not the id), so no row is visited.
                    f"{p.key}_{n}": Count(
                        "days_from_receipt", filter=within("at", p.start, p.end) & condition
                    )
                    for p in inside
                    for n, (_, condition) in enumerate(STAGES)
                }
            )
            .order_by()
        )
        for row in found:
            for p in inside:
                for n in range(len(STAGES)):
                    if count := row[f"{p.key}_{n}"]:
                        histograms[f"{p.key}_{n}"][int(row["days_from_receipt"])] = count
    for n, (label, _) in enumerate(STAGES):
        cells = [Cell(label)]
        for p in scope.periods:
            counts = histograms[f"{p.key}_{n}"]
            total = sum(counts.values())
            mean = round(sum(d * k for d, k in counts.items()) / total, 1) if total else None
            cells += [Cell(rules.median_from_histogram(counts)), Cell(mean)]
        table.rows.append(cells)
    return table


# ---------------------------------------------------------------- the registry


for measure in (
    Measure("demand", "Demand by source", demand, received, charts.bars),
    Measure("trend", "Demand by source and month (12 months)", trend, received, charts.trend_lines),
    Measure("victims", "Victims: individuals and businesses", victims, received),
    Measure("losses", "Losses", losses, received),
    Measure(
        "outcome_rate",
        "Outcome rate",
        outcome_rate,
        outcome_reports,
        note=(
            "Positive outcomes finalised in the period against the NFIB disseminations "
            "received in it."
        ),
    ),
    Measure("outcome_mix", "Outcomes by type", outcome_mix, finalised, charts.bars),
    Measure(
        "filing",
        "Filing and no further action",
        filing,
        moved,
        note="Moves into each status in the period; rates against the reports received in it.",
    ),
    Measure("disruption", "Disruption by kind", disruption, disrupted, charts.bars),
    Measure("allocation", "Allocation by team and tier", allocation, allocated, charts.bars),
    Measure(
        "timeliness",
        "Time from receipt (days)",
        timeliness,
        note=(
            "Median and mean in whole days, of those assessed, allocated or finalised in "
            "the period."
        ),
    ),
):
    register(measure)

# The other demand streams (ILOR/EIO, Banking Protocol, cyber, victim support only), last.
for measure in STREAM_MEASURES:
    register(measure)

# The asset recovery registers (recovery), after the streams.
register(ASSET_RECOVERY)
