"""ADR-0072, ADR-0135: after a large import the query planner knows how many reports there
are, on SQLite at once and on PostgreSQL as soon as the import commits (its autovacuum may be
off, and is a minute or more behind when on): without statistics both pick plans that read
far more than a page needs."""

import pytest
from django.db import connection

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


def reports_the_planner_knows_of() -> float:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'intake_report' LIMIT 1")
            row = cursor.fetchone()
            return float(row[0].split()[0]) if row else -1
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'intake_report'")
        return float(cursor.fetchone()[0])


def test_a_large_import_leaves_the_planner_counting_its_reports(
    write_package, assessor, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "WALK_FROM", 20)
    path = write_package([victim_row(n) for n in range(1, 41)])
    with django_capture_on_commit_callbacks(execute=True):
        import_nfib_package(path, user=assessor)
    assert reports_the_planner_knows_of() == 40


def test_a_small_import_does_not_stop_to_gather_them(
    write_package, assessor, django_capture_on_commit_callbacks
):
    path = write_package([victim_row(n) for n in range(1, 4)])
    with django_capture_on_commit_callbacks(execute=True):
        import_nfib_package(path, user=assessor)
    assert reports_the_planner_knows_of() != 3
