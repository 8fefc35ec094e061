"""Print the query plans of Deadlines and the home page's counts: explain_deadlines.py USER.

Runs every query the Deadlines page (team scope, each kind's two bounded counts and the first
page of first updates and of decisions) and the home page's recorded-today and recorded-late
counts make for USER on the database FRAUDCASE_DATABASE_URL points at, and prints each with
its plan: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite. Load the
data first (make_package.py and `fraudcase import-nfib-package`), and ANALYZE.
"""

import argparse
import os
import re
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fraudcase.accounts.models import User
    from fraudcase.cases import clocks
    from fraudcase.core import paging
    from fraudcase.reports.services import visible_reports

    parser = argparse.ArgumentParser()
    parser.add_argument("user", help="the username whose Deadlines are read (a VFT supervisor)")
    args = parser.parse_args()
    user = User.objects.get(username=args.user)
    today = timezone.localdate()

    with CaptureQueriesContext(connection) as captured:
        clocks.counts(user, clocks.TEAM, today)
        for key in ("first-updates", "decisions"):
            kind = clocks.KINDS[key]
            for state in ("", "overdue"):
                list(clocks.rows(user, kind, clocks.TEAM, today, state)[:50])
        reports = visible_reports(user)
        midnight = timezone.make_aware(datetime.combine(today, time()))
        paging.count_up_to(
            reports.filter(recorded_at__gte=midnight, recorded_at__lt=midnight + timedelta(days=1))
        )
        paging.count_up_to(reports.filter(recorded_late=True))

    for query in captured.captured_queries:
        sql = query["sql"]
        if not re.search(r"intake_report|supervisordecision|cases_", sql):
            continue
        print("=" * 100)
        print(sql[:400])
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                lines = [row[-1] for row in cursor.fetchall()]
            else:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
                lines = [row[0] for row in cursor.fetchall()]
        for line in lines:
            print("   ", line)


if __name__ == "__main__":
    main()
