"""Consultations audited per second with K readers at once, one lane against several.

Each of K threads (its own database connection) records a consultation in its own
transaction, as a report view does, again and again for --seconds; the run is repeated for
each lane count (1 = the single chain every reader used to wait for) and thread count. Prints
one row per run: records/s, p50/p95 time per record, p95 time waiting for a lane, and whether
the log still verifies.

    uv run python benchmarks/bench_audit.py --db postgres
    uv run python benchmarks/bench_audit.py --db sqlite --lanes 1 --threads 1,8
"""

import argparse
import os
import statistics
import threading
import time

import _bench_db

parser = argparse.ArgumentParser()
parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
parser.add_argument("--lanes", default="1,16", help="lane counts to compare, e.g. 1,16")
parser.add_argument("--threads", default="1,8,32", help="concurrent readers, e.g. 1,8,32")
parser.add_argument("--seconds", type=float, default=10.0, help="per run")
parser.add_argument(
    "--hold-ms",
    type=float,
    default=0.0,
    help="work done in the transaction after the audit entry, holding its lane (a view that "
    "records inside a longer transaction); 0 is a view that records in its own",
)
args = parser.parse_args()

# A throw-away database of its own (not the other benchmarks' fraudcase_bench).
_bench_db.setup(args.db, name="fraudcase_bench_audit")

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from fraudcase.accounts.models import User  # noqa: E402
from fraudcase.audit import services as audit  # noqa: E402

user = User.objects.create_user("bench", role="assessor", clearance="OFFICIAL")

# Time how long each writer waits for a lane (the lock), apart from the rest of its write.
waits = threading.local()
lock_a_lane = audit._lock_a_lane


def timed_lock_a_lane(count: int):
    start = time.perf_counter()
    head = lock_a_lane(count)
    waits.last = time.perf_counter() - start
    return head


audit._lock_a_lane = timed_lock_a_lane  # type: ignore[assignment]


def reader(stop: float, seen: list[tuple[float, float]]) -> None:
    try:
        n = 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            with transaction.atomic():
                audit.record(user, "consultation", "report", f"FC/{n:06d}/26", "Viewed the report")
                if args.hold_ms:
                    time.sleep(args.hold_ms / 1000)
            seen.append((time.perf_counter() - start, waits.last))
            n += 1
    finally:
        connection.close()


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


print(f"db={args.db} cpus={os.cpu_count()} seconds={args.seconds} hold_ms={args.hold_ms}")
print("| db | lanes | threads | records/s | p50 ms | p95 ms | p95 lane wait ms | verifies |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for lanes in (int(n) for n in args.lanes.split(",")):
    settings.AUDIT_LANES = lanes
    audit.make_lanes(lanes)
    for threads in (int(n) for n in args.threads.split(",")):
        per_thread: list[list[tuple[float, float]]] = [[] for _ in range(threads)]
        stop = time.perf_counter() + args.seconds
        started = time.perf_counter()
        workers = [threading.Thread(target=reader, args=(stop, seen)) for seen in per_thread]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        seen = [s for each in per_thread for s in each]
        latencies = [s[0] * 1000 for s in seen]
        lane_waits = [s[1] * 1000 for s in seen]
        verified = audit.verify([])
        print(
            f"| {args.db} | {lanes} | {threads} | {len(seen) / elapsed:.0f} | "
            f"{statistics.median(latencies):.1f} | {p95(latencies):.1f} | "
            f"{p95(lane_waits):.1f} | {'yes' if verified.ok else verified.problems} |",
            flush=True,
        )
