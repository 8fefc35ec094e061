"""Load N synthetic reports (in 100,000-victim packages), then time one page of each kind of
search as the search page reads it: the first 50 reports found, newest first, and the count
(up to 10,001). NFRC, local reference, common surname, rare surname, forename + surname,
postcode, postcode district and sector, suspect phone and suspect e-mail.

    uv run python benchmarks/bench_search.py --db sqlite --reports 100000
    uv run python benchmarks/bench_search.py --db postgres --reports 100000 --explain

`--explain` prints each kind's query plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
PostgreSQL) once. `--keep PATH` (SQLite) or FRAUDCASE_BENCH_DB (PostgreSQL database name)
let a second run reuse loaded data with `--reports 0`.
"""

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
parser.add_argument("--searches", type=int, default=100, help="searches of each kind")
parser.add_argument("--explain", action="store_true")
parser.add_argument("--reuse", action="store_true", help="keep the database's data (no load)")
args = parser.parse_args()
_bench_db.setup(args.db, keep=args.reuse)

from django.db import connection  # noqa: E402

from fraudcase.accounts.models import User  # noqa: E402
from fraudcase.core.paging import count_up_to  # noqa: E402
from fraudcase.intake.importing import import_nfib_package  # noqa: E402
from fraudcase.intake.synthetic import nfib_package_frame  # noqa: E402
from fraudcase.reports import services  # noqa: E402
from fraudcase.reports.models import Identifier, NFRCNumber, Report, Victim  # noqa: E402

# Surnames the synthetic pools never draw: each given to RARE_EACH victims of a small package.
RARE = ["Abernethy", "Okonkwo-Reid", "Szczepańska", "Vellacott", "Quarshie", "Ystradgynlais"]
RARE_EACH = 3

load_start = time.perf_counter()
chunk = 100_000
if not args.reuse:
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(1, args.reports // chunk + 1):
            path = Path(folder) / f"p{seed}.csv"
            nfib_package_frame(chunk, seed=seed, prefix=f"B{seed}").write_csv(path)
            import_nfib_package(path, user=None)
            path.unlink()
        rare = nfib_package_frame(len(RARE) * RARE_EACH, seed=9999, prefix="RARE")
        rare = rare.with_columns(
            rare["surname"].scatter(list(range(rare.height)), RARE * RARE_EACH)
        )
        rare.write_csv(Path(folder) / "rare.csv")
        import_nfib_package(Path(folder) / "rare.csv", user=None)
    User.objects.create_user("bench", role="assessor", clearance="OFFICIAL")
    if connection.vendor == "postgresql":
        # What autovacuum leaves a while after an import: statistics, and a visibility map
        # so that the key indexes are read without visiting the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
load_seconds = time.perf_counter() - load_start

user = User.objects.get(username="bench")
rng = random.Random(5)


def sample(rows: list[str]) -> list[str]:
    return [rng.choice(rows) for _ in range(args.searches)]


def some(queryset, field: str, n: int = 2000) -> list[str]:
    """Values of `field` from `n` rows spread over the table (by id, no full scan)."""
    last = queryset.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [rng.randint(1, last) for _ in range(n)]
    return [v for v in queryset.filter(pk__in=ids).values_list(field, flat=True) if v]


postcodes = some(Victim.objects.exclude(postcode=""), "postcode")
terms = {
    "nfrc": sample(some(NFRCNumber.objects, "number")),
    "local reference": sample(some(Report.objects, "local_reference")),
    "surname (common)": sample(["Nowak", "patel", "SMITH", "Osei", "khan"]),
    "surname (rare)": sample(RARE),
    "forename + surname": sample(["Joan Patel", "priya kaur", "Dev Mistry", "Grace Bell"]),
    "postcode": sample(postcodes),
    "postcode district": sample(sorted({p.split()[0] for p in postcodes})),
    "postcode sector": sample(sorted({p[:-2] for p in postcodes})),
    "suspect phone": sample(some(Identifier.objects.filter(kind="phone"), "raw")),
    "suspect e-mail": sample(some(Identifier.objects.filter(kind="email"), "raw")),
}


def page(term: str) -> tuple[int, object]:
    """What the search page reads: the first page of 50 and the bounded count."""
    found = services.search_page(user, term)
    return len(list(found.shown[:50])), count_up_to(found.counted)


def explain(term: str) -> str:
    """The plans of the page's two queries: its 50 rows, and the count."""
    found = services.search_page(user, term)
    verb = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    plans = []
    for rows in (found.shown[:50], found.counted.order_by().select_related(None)[:10001]):
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"{verb} {sql}", params)
            plans.append("\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall()))
    return "\n-- count:\n".join(plans)


results = {}
for kind, kind_terms in terms.items():
    if args.explain:
        print(f"--- {kind}: {kind_terms[0]!r}\n{explain(kind_terms[0])}\n")
    page(kind_terms[0])  # warm the cache once
    timings = []
    shown = []
    for term in kind_terms:
        start = time.perf_counter()
        rows, count = page(term)
        timings.append((time.perf_counter() - start) * 1000)
        shown.append(str(count))
        assert rows, (kind, term)
    timings.sort()
    results[kind] = {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "found": f"{shown[0]} ('{kind_terms[0]}')",
    }
print(
    json.dumps(
        {
            "db": args.db,
            "reports": services.visible_reports(user).count(),
            "load_seconds": round(load_seconds, 1),
            "searches_each": args.searches,
            "cpus": os.cpu_count(),
            "results": results,
        },
        indent=1,
        ensure_ascii=False,
    )
)
