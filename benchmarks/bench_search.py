"""Load N synthetic reports (in 100,000-victim packages), then time NFRC searches."""

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import _bench_db

parser = argparse.ArgumentParser()
parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
parser.add_argument("--reports", type=int, default=1_000_000)
parser.add_argument("--searches", type=int, default=300)
args = parser.parse_args()
_bench_db.setup(args.db)

from fraudcase.accounts.models import User  # noqa: E402
from fraudcase.intake.importing import import_nfib_package  # noqa: E402
from fraudcase.intake.synthetic import nfib_package_frame  # noqa: E402
from fraudcase.reports import services  # noqa: E402
from fraudcase.reports.models import NFRCNumber  # noqa: E402

load_start = time.perf_counter()
chunk = 100_000
with tempfile.TemporaryDirectory() as folder:
    for seed in range(1, args.reports // chunk + 1):
        path = Path(folder) / f"p{seed}.csv"
        nfib_package_frame(chunk, seed=seed, prefix=f"B{seed}").write_csv(path)
        import_nfib_package(path, user=None)
        path.unlink()
load_seconds = time.perf_counter() - load_start

user = User.objects.create_user("bench", role="assessor", clearance="OFFICIAL")
total = NFRCNumber.objects.count()
rng = random.Random(5)
ids = NFRCNumber.objects.order_by("?")[: args.searches] if args.db == "postgres" else None
numbers = (
    [n.number for n in ids]
    if ids is not None
    else [
        NFRCNumber.objects.filter(pk=rng.randint(1, total)).values_list("number", flat=True).first()
        for _ in range(args.searches)
    ]
)
timings = []
for number in numbers:
    start = time.perf_counter()
    found = list(services.search_reports(user, number))
    timings.append((time.perf_counter() - start) * 1000)
    assert len(found) == 1, number
timings.sort()
print(
    json.dumps(
        {
            "db": args.db,
            "reports": services.visible_reports(user).count(),
            "nfrc_numbers": total,
            "load_seconds": round(load_seconds, 1),
            "searches": len(timings),
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            "max_ms": round(timings[-1], 2),
            "cpus": os.cpu_count(),
        }
    )
)
