"""Set-based inserts for bulk work: COPY on PostgreSQL, executemany on SQLite; and stored
deadlines stamped a day range at a time.

Django's bulk_create builds a model instance per row; for 100,000-victim packages that is
most of the import time. These helpers take plain tuples straight from a polars frame.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from . import dates

T = TypeVar("T")


def _adapters(
    model: type[models.Model], columns: Sequence[str]
) -> list[Callable[[object], object] | None]:
    """Per-column functions that turn Python values into what the database driver expects.

    Only SQLite datetimes need it (stored as naive UTC text); each distinct value is adapted
    once, since a bulk write repeats the same few timestamps.
    """
    adapters: list[Callable[[object], object] | None] = []
    for name in columns:
        field = model._meta.get_field(name)
        if connection.vendor == "sqlite" and isinstance(field, models.DateTimeField):
            cache: dict[object, object] = {}
            datetime_field: models.DateTimeField[Any, Any] = field

            def adapt(
                value: object,
                field: "models.DateTimeField[Any, Any]" = datetime_field,
                cache: dict[object, object] = cache,
            ) -> object:
                if value is None:
                    return None
                if value not in cache:
                    cache[value] = field.get_db_prep_value(value, connection)
                return cache[value]

            adapters.append(adapt)
        else:
            adapters.append(None)
    return adapters


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column, f"{name} is not a column"
    return field.column


# Row values are whatever the frame holds (str, int, date, None...): the driver adapts them.
def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert rows (tuples in `columns` order, using field names) in one statement stream.

    Runs inside the caller's transaction. Returns the number of rows written.
    """
    table = model._meta.db_table
    db_columns = [_column(model, c) for c in columns]
    quoted = ", ".join(connection.ops.quote_name(c) for c in db_columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        adapters = _adapters(model, columns)
        if any(adapters):
            rows = (
                tuple(a(v) if a else v for a, v in zip(adapters, row, strict=True)) for row in rows
            )
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 20000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def chunked(values: Sequence[T], size: int = 5000) -> Iterator[Sequence[T]]:
    """Consecutive slices of `values`, `size` at a time (for IN lists of bounded length)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def check_constraints_per_statement() -> None:
    """On PostgreSQL, check Django's deferred foreign keys as each COPY runs, not at commit.

    A deferred check queues one trigger event per row until commit; for bulk writes the
    immediate check is faster and fails at the statement that broke it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def stamp_deadlines(rows: QuerySet[Any], event: str, deadline: str, working_days: int) -> int:
    """Set `deadline` (a date field) on `rows` to `working_days` working days after the London
    date of their `event` (a datetime field): one UPDATE per distinct deadline, each over a
    range of `event` (aware bounds at London midnight, so an index on it serves). Returns
    how many rows changed (a row already holding its deadline is not written again).

    Set-based: a package's reports, received together, take one UPDATE; restamping every
    report after a change of the bank holidays takes one a working day in the history."""
    span = rows.aggregate(first=Min(event), last=Max(event))
    if span["first"] is None:
        return 0
    first, last = timezone.localdate(span["first"]), timezone.localdate(span["last"])
    stamped = 0
    for start, end, due in dates.deadline_groups(first, last, working_days):
        stamped += (
            rows.filter(
                **{f"{event}__gte": dates.start_of(start), f"{event}__lt": dates.start_of(end)}
            )
            .exclude(**{deadline: due})
            .update(**{deadline: due})
        )
    return stamped


def refresh_planner_statistics(*tables: type[models.Model]) -> None:
    """Gather the statistics the query planner reads, for the tables of these models (every
    table when none is given). Run after a bulk write changes a table's size.

    SQLite: ANALYZE, sampling at most 10,000 rows of each index (a fraction of a second).
    Without it SQLite guesses that any indexed equality is selective, and reads a list of
    reports through the index on restricted_to_team (NULL for almost every report) instead of
    the index the search or the list needs. PostgreSQL: ANALYZE of those tables (a sample of
    30,000 rows each). Autovacuum gathers them too, but a minute or more later, and never where
    it is turned off; until then the planner takes a day's moves for a few hundred rows and
    joins all of them before keeping the latest thousand (the allocation board's timings: 48
    ms against 10 ms on 100,000 reports)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=10000")
            cursor.execute("ANALYZE")
        else:
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in tables)
            cursor.execute(f"ANALYZE {names}")


def refresh_planner_statistics_after_writing(*tables: type[models.Model]) -> None:
    """`refresh_planner_statistics` for a bulk write in progress: on SQLite at once (it lets one
    writer at a time anyway); on PostgreSQL once the writing transaction commits, because
    ANALYZE holds a lock against another ANALYZE of the same table until its transaction ends
    (two large imports at once would wait on each other)."""
    if connection.vendor == "sqlite":
        refresh_planner_statistics(*tables)
    else:
        transaction.on_commit(lambda: refresh_planner_statistics(*tables))
