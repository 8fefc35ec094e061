"""Where one page's time goes: profile_page.py USER PATH [--runs N] [--top K].

Asks for PATH as USER (signed in directly, no password; a path under /api/ with a bearer token
made for USER each run, as an API client would) through Django's test client against
the database FRAUDCASE_DATABASE_URL and FRAUDCASE_DATA_DIR name (a load test's database:
benchmarks/load_data.py prints them), once to warm the caches, then N times. Prints the
median time, the number of queries and their total time (the database's share), the slowest
queries (`--queries`: every query of one run, in order), and the functions where the rest of the time went (cProfile, cumulative and own
time). Run it on a quiet machine to compare timings; the shares hold on a busy one too.

    FRAUDCASE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fraudcase_load \\
    FRAUDCASE_DATA_DIR=/tmp/load uv run python benchmarks/profile_page.py supervisor /cases/allocation/
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fraudcase.accounts.models import User

    parser = argparse.ArgumentParser()
    parser.add_argument("user")
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--queries", action="store_true", help="list every query of one run, in order, and stop"
    )
    args = parser.parse_args()

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.get(username=args.user)
    if args.path.startswith("/api/"):
        # An API answer is asked for with a bearer token, as a client would.
        from fraudcase.accounts.services import issue_token

        client = Client(headers={"Authorization": f"Bearer {issue_token(user, 'profile_page.py')}"})
    else:
        client = Client()
        client.force_login(user)
    first = client.get(args.path)
    if first.status_code != 200:
        sys.exit(f"{args.path} answered {first.status_code}")

    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        client.get(args.path)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        client.get(args.path)
        one = time.perf_counter() - started
    queries = captured.captured_queries
    in_db = sum(float(q["time"]) for q in queries)
    print(f"{args.path} as {args.user}: median {statistics.median(times) * 1000:.0f} ms")
    print(
        f"one run: {one * 1000:.0f} ms, {len(queries)} queries taking {in_db * 1000:.0f} ms "
        f"({in_db / one:.0%}), the rest {(one - in_db) * 1000:.0f} ms in Python"
    )
    if args.queries:
        for n, q in enumerate(queries, 1):
            print(f"{n:3} {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")
        return
    print("\nslowest queries:")
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"  {float(q['time']) * 1000:6.1f} ms  {q['sql'][:160]}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.runs):
        client.get(args.path)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
        print(f"\n== by {order} time, {args.runs} runs ==")
        print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
