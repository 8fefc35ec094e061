"""A linking run: series computed set-based (polars over the identifier table) and written in
bulk, over every report held or incrementally over the components new reports touch.

The run reads identifiers as plain rows, decides in `rules.link` (pure), and rewrites the
series of the reports in scope in one transaction: members deleted and inserted in bulk, the
sizes of every series touched set by one UPDATE, series left empty deleted. A series keeps its
id while it grows (it is named by its lowest report id, and new reports have higher ids).
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Count

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk
from fraudcase.reports.models import Identifier, Report

from . import groups, rules
from .models import OverConnected, Review, Series, SeriesMember, StopListEntry

logger = logging.getLogger(__name__)
Progress = Callable[[str, int], None]
IDENTIFIER_SCHEMA = {"report_id": pl.Int64, "kind": pl.Utf8, "value": pl.Utf8}
COUNT_SCHEMA = {"kind": pl.Utf8, "value": pl.Utf8, "reports": pl.Int64}
# Rows read from the database at a time.
CHUNK = 20_000


def _quiet(stage: str, percent: int) -> None:
    """No one is watching."""


def correlation_cap() -> int:
    """The most reports one identifier may join before an administrator must allow it."""
    return int(settings.FRAUDCASE_LINKING_CAP)


@dataclass
class RunResult:
    scope: str  # "all" or "new"
    reports_read: int = 0
    reports_in_series: int = 0
    series_written: int = 0
    series_removed: int = 0
    over_connected: int = 0

    @property
    def message(self) -> str:
        return (
            f"{self.reports_in_series:,} reports in {self.series_written:,} series "
            f"({self.reports_read:,} reports read). {self.over_connected:,} identifiers joined "
            "too many reports to be used: see Over-connected identifiers."
        )

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "message": self.message}


def _frame(
    rows: Iterable[tuple[object, ...]], schema: dict[str, type[pl.DataType]]
) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def _keys(model: type[StopListEntry] | type[OverConnected], **filters: object) -> pl.DataFrame:
    return _frame(
        model.objects.filter(**filters).values_list("kind", "value"),  # type: ignore[attr-defined]
        {"kind": pl.Utf8, "value": pl.Utf8},
    )


def judging() -> dict[str, object]:
    """The stop list, the identifiers an administrator allowed and the cap, as `rules.link`
    takes them."""
    return {
        "stopped": _keys(StopListEntry),
        "allowed": _keys(OverConnected, review=Review.ALLOWED),
        "cap": correlation_cap(),
    }


def link_everything(*, user: User | None = None, progress: Progress = _quiet) -> RunResult:
    """Relink every report held (the run on demand)."""
    progress("Reading every suspect identifier", 10)
    identifiers = _frame(
        Identifier.objects.values_list("report_id", "kind", "normalised").iterator(
            chunk_size=CHUNK
        ),
        IDENTIFIER_SCHEMA,
    )
    progress(f"Joining {identifiers.height:,} identifiers into series", 40)
    linked = rules.link(identifiers, **judging())  # type: ignore[arg-type]
    result = RunResult("all", reports_read=identifiers["report_id"].n_unique())
    progress("Writing the series (all or nothing)", 70)
    with transaction.atomic():
        _write(linked.members, None, result)
        _note_over_connected(linked.over_connected, everything=True)
        result.over_connected = linked.over_connected.height
        audit.record(
            user,
            AuditAction.COMBINATION,
            "linking",
            "all",
            f"Linked every report held into series: {result.message}",
        )
    return result


def link_new_reports(
    report_ids: Sequence[int], *, user: User | None = None, progress: Progress = _quiet
) -> RunResult:
    """Link new reports against what is held, rewriting only the series they touch: the
    reports reachable from them through usable identifiers, and every report of a series any
    of those was in (a series may split when an identifier goes over the cap)."""
    judged = judging()
    scope = set(report_ids)
    frontier = set(scope)
    while frontier:
        rows = _identifiers_of(frontier)
        counts = _counts(rows)
        usable, over = rules.usable_identifiers(rows, counts=counts, **judged)  # type: ignore[arg-type]
        # A series an identifier held together may fall apart now that it is over the cap.
        reached = _reports_with(usable) | _series_mates(frontier | _in_series_with(over))
        frontier = reached - scope
        scope |= frontier
    rows = _identifiers_of(scope)
    linked = rules.link(rows, counts=_counts(rows), **judged)  # type: ignore[arg-type]
    result = RunResult("new", reports_read=len(scope))
    with transaction.atomic():
        _write(linked.members, sorted(scope), result)
        _note_over_connected(linked.over_connected, everything=False)
        result.over_connected = linked.over_connected.height
        if result.series_written or result.series_removed:
            audit.record(
                user,
                AuditAction.COMBINATION,
                "linking",
                "new",
                f"Linked {len(report_ids):,} new reports into series: {result.message}",
            )
    return result


def link_after_import(local_references: list[str], user: User | None, progress: Progress) -> None:
    """Registered with intake: after every NFIB package import, its new reports are linked.
    The import has been committed by then: a failure here is logged, and the next run on
    demand puts the series right."""
    try:
        progress("Linking the new reports into series", 95)
        ids: list[int] = []
        for chunk in bulk.chunked(local_references):
            ids += Report.objects.filter(local_reference__in=chunk).values_list("id", flat=True)
        link_new_reports(ids, user=user)
    except Exception:  # the import stands; the series wait for the next run
        logger.exception("Linking after the import failed; run `fraudcase link`")


def unlink_erased(report_id: int) -> None:
    """The report's identifiers are erased: it leaves its series, and the other reports of it
    are linked again (registered with reports.services.on_erasure; inside its transaction)."""
    mates = _series_mates([report_id]) - {report_id}
    SeriesMember.objects.filter(report_id=report_id).delete()
    if mates:
        link_new_reports(sorted(mates))


def _identifiers_of(report_ids: Iterable[int]) -> pl.DataFrame:
    rows: list[tuple[object, ...]] = []
    for chunk in bulk.chunked(sorted(report_ids)):
        rows += Identifier.objects.filter(report_id__in=chunk).values_list(
            "report_id", "kind", "normalised"
        )
    return _frame(rows, IDENTIFIER_SCHEMA)


def _counts(rows: pl.DataFrame) -> pl.DataFrame:
    """How many reports each (kind, value) in `rows` is on, over every report held."""
    found: list[tuple[object, ...]] = []
    values = rows["value"].unique().sort().to_list()
    for chunk in bulk.chunked(values):
        found += (
            Identifier.objects.filter(normalised__in=chunk)
            .values_list("kind", "normalised")
            .annotate(reports=Count("report_id", distinct=True))
            .order_by()
        )
    counts = _frame(found, COUNT_SCHEMA)
    return counts.join(rows.select("kind", "value").unique(), on=["kind", "value"], how="semi")


def _reports_with(usable: pl.DataFrame) -> set[int]:
    """Every report held that has one of the usable (kind, value) identifiers."""
    keys = set(usable.select("kind", "value").unique().iter_rows())
    values = sorted({value for _, value in keys})
    reports: set[int] = set()
    for chunk in bulk.chunked(values):
        reports.update(
            report_id
            for report_id, kind, value in Identifier.objects.filter(
                normalised__in=chunk
            ).values_list("report_id", "kind", "normalised")
            if (kind, value) in keys
        )
    return reports


def _in_series_with(over: pl.DataFrame) -> set[int]:
    """The reports in a series that hold one of these (kind, value) identifiers."""
    keys = set(over.select("kind", "value").iter_rows())
    found: set[int] = set()
    for chunk in bulk.chunked(sorted({value for _, value in keys})):
        found.update(
            report_id
            for report_id, kind, value in Identifier.objects.filter(
                normalised__in=chunk, report__series_membership__isnull=False
            ).values_list("report_id", "kind", "normalised")
            if (kind, value) in keys
        )
    return found


def _series_mates(report_ids: Iterable[int]) -> set[int]:
    mates: set[int] = set()
    for chunk in bulk.chunked(sorted(report_ids)):
        series = SeriesMember.objects.filter(report_id__in=chunk).values("series_id")
        mates.update(
            SeriesMember.objects.filter(series_id__in=series).values_list("report_id", flat=True)
        )
    return mates


SERIES = groups.Grouping(Series, SeriesMember, "report_id", "series_id", ("report", "series"))


def _write(members: pl.DataFrame, scope: list[int] | None, result: RunResult) -> None:
    """Rewrite the series of the reports in `scope` (None: every report) from `members`
    (report_id, anchor), in bulk."""
    done = groups.rewrite(SERIES, members, scope)
    result.reports_in_series = members.height
    result.series_written = done.written
    result.series_removed = done.removed


def _note_over_connected(over: pl.DataFrame, *, everything: bool) -> None:
    """List for review each identifier over the cap (its count brought up to date); after a
    run over everything, one no longer over the cap and not yet reviewed leaves the list."""
    found = {(kind, value): reports for kind, value, reports in over.iter_rows()}
    held = {
        (row.kind, row.value): row
        for chunk in bulk.chunked(sorted({value for _, value in found}))
        for row in OverConnected.objects.filter(value__in=chunk)
    }
    changed = []
    for key, row in held.items():
        if key in found and row.reports != found[key]:
            row.reports = found[key]
            changed.append(row)
    OverConnected.objects.bulk_update(changed, ["reports"], batch_size=1000)
    OverConnected.objects.bulk_create(
        [
            OverConnected(kind=kind, value=value, reports=reports)
            for (kind, value), reports in found.items()
            if (kind, value) not in held
        ],
        batch_size=1000,
    )
    if everything:
        stale = OverConnected.objects.filter(review=Review.TO_REVIEW)
        keep = set(found)
        gone = [
            pk
            for pk, kind, value in stale.values_list("pk", "kind", "value")
            if (kind, value) not in keep
        ]
        for chunk in bulk.chunked(gone):
            OverConnected.objects.filter(pk__in=chunk).delete()
