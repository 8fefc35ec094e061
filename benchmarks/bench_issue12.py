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
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from fraudcase.accounts.models import User  # noqa: E402
from fraudcase.performance import services as performance  # noqa: E402
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


def main() -> None:
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    made = returns.ensure_months()
    print(f"ensure_months: {made} months made in {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    reports = Report.objects.count()
    today = timezone.localdate()
    last = (today.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    print(f"{reports:,} reports; month {last:%Y-%m}; {connection.vendor}; {os.cpu_count()} cores")
    user = User.objects.get(username=args.user)
    for who, reader in (("whole unit", None), (args.user, user)):

        def month_return(reader=reader):
            ret = returns.month_return(reader, last.year, last.month)
            list(ret.rows[:50])

        def reconcile(reader=reader):
            returns.reconciliation(reader)
            list(returns.gap_list(reader)[:50])

        timed(f"month's return ({who})", month_return, args.runs)
        timed(f"reconciliation + gap list page ({who})", reconcile, args.runs)
        timed(
            f"pack ({who})",
            lambda reader=reader: performance.pack(reader, last.year, last.month),
            args.runs,
        )


if __name__ == "__main__":
    main()
