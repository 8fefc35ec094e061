"""Time the month's NFIB return, the reconciliation and the whole performance pack (issue 12:
each 2 s or less with 2,000,000 reports over five years on PostgreSQL, 2 cores), on a database
benchmarks/make_history.py filled:

    uv run python benchmarks/make_history.py --reports 2000000 --years 5
    FRAUDCASE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fraudcase_history \\
        FRAUDCASE_DATA_DIR=/tmp/hist uv run python benchmarks/bench_issue12.py

It migrates the database first (new tables and indexes since it was made), makes the return
rows for the months with outcomes (`returns.services.ensure_months`, set-based), then times
each piece --runs times for the whole unit (user None, as the commands run) and for the
supervisor the generator made (need-to-know applied), and prints the best and the median.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from fraudcase.accounts.models import User  # noqa: E402
from fraudcase.performance import measures  # noqa: E402
from fraudcase.performance import services as performance  # noqa: E402
from fraudcase.performance.registry import MEASURES, Scope  # noqa: E402
from fraudcase.reports.models import Report  # noqa: E402
from fraudcase.returns import services as returns  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--user", default="hist-supervisor")


def timed(label: str, work, runs: int) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    print(f"{label:<44} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s")


# A force that has used fraudcase for years has sent every return but the last month's: the
# sent rows and the last outcome sent for each NFRC, as `returns.services.mark_sent` keeps
# them, written here in three statements (the service sends one month at a time).
SEND_PAST = [
    """
    UPDATE returns_nfibreturn SET sent_at = (month + interval '1 month 8 days'),
           sent_by_id = (SELECT id FROM accounts_user WHERE username = %(user)s),
           file_format = 'csv', filename = 'benchmark.csv', sha256 = repeat('0', 64)
    WHERE month < %(month)s AND sent_at IS NULL
    """,
    """
    INSERT INTO returns_sentrow (nfib_return_id, report_id, nfrc, local_reference, outcome,
                                 finalised_at, crime, team, correction)
    SELECT ret.id, r.id, n.number, r.local_reference, f.outcome, f.finalised_at,
           r.source <> 'nfib_dissemination', '', false
    FROM intake_nfrcnumber n
    JOIN intake_report r ON r.id = n.report_id
    JOIN cases_finalisation f ON f.report_id = r.id
    JOIN returns_nfibreturn ret
      ON ret.month = date_trunc('month', f.finalised_at AT TIME ZONE 'Europe/London')::date
    WHERE ret.month < %(month)s
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO returns_returnednfrc (nfrc_id, outcome, finalised_at, nfib_return_id)
    SELECT n.id, f.outcome, f.finalised_at, ret.id
    FROM intake_nfrcnumber n
    JOIN cases_finalisation f ON f.report_id = n.report_id
    JOIN returns_nfibreturn ret
      ON ret.month = date_trunc('month', f.finalised_at AT TIME ZONE 'Europe/London')::date
    WHERE ret.month < %(month)s
    ON CONFLICT DO NOTHING
    """,
]


def main() -> None:
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    made = returns.ensure_months()
    print(f"ensure_months: {made} months made in {time.perf_counter() - began:.1f} s")
    today = timezone.localdate()
    last = (today.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    if not returns.latest_sent():
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for statement in SEND_PAST:
                cursor.execute(statement, {"month": last, "user": args.user})
        print(f"returns before {last:%Y-%m} marked sent in {time.perf_counter() - began:.1f} s")
    # VACUUM as well as ANALYZE: a database in use is kept vacuumed by autovacuum (PostgreSQL
    # 13+ vacuums after bulk inserts too), which is what lets a count be read from an index
    # alone; a freshly bulk-loaded one is not yet.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    reports = Report.objects.count()
    print(f"{reports:,} reports; month {last:%Y-%m}; {connection.vendor}; {os.cpu_count()} cores")
    user = User.objects.get(username=args.user)
    for who, reader in (("whole unit", None), (args.user, user)):

        def month_return(reader=reader):
            ret = returns.month_return(reader, last.year, last.month)
            list(ret.rows[:50])
            returns.disseminated(reader, last)

        def reconcile(reader=reader):
            returns.reconciliation(reader)
            list(returns.gap_list(reader)[:50])

        timed(f"month's return + counts ({who})", month_return, args.runs)
        timed(f"reconciliation + gap list page ({who})", reconcile, args.runs)
        timed(
            f"pack ({who})",
            lambda reader=reader: performance.pack(reader, last.year, last.month),
            args.runs,
        )

    # Where the pack's time goes: each measure once, in the order the pack computes them (the
    # figures read once and shared, such as demand's, are charged to the first that reads them).
    for who, reader in (("whole unit", None), (args.user, user)):
        print(f"by measure ({who}):")
        with transaction.atomic(), measures.sharing():
            performance.plan_for_ranges()
            for measure in MEASURES.values():
                began = time.perf_counter()
                measure.compute(reader, Scope(last.year, last.month))
                print(f"  {measure.key:<28} {time.perf_counter() - began:6.2f} s")


if __name__ == "__main__":
    main()
