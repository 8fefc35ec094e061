"""Time one NFIB package import into a fresh database and report peak memory (RSS)."""

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path

import _bench_db

parser = argparse.ArgumentParser()
parser.add_argument("file", type=Path)
parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
args = parser.parse_args()
_bench_db.setup(args.db)

from fraudcase.intake.importing import import_nfib_package  # noqa: E402

start = time.perf_counter()
result = import_nfib_package(args.file, user=None)
first = time.perf_counter() - start
start = time.perf_counter()
again = import_nfib_package(args.file, user=None)
second = time.perf_counter() - start
print(
    json.dumps(
        {
            "db": args.db,
            "rows": result.rows,
            "created": result.created,
            "import_seconds": round(first, 2),
            "reimport_seconds": round(second, 2),
            "reimport_created": again.created,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
        }
    )
)
