"""Issue 14's targets: a month of SARs imported and scanned, and the DAML deadlines of many open
consent requests listed.

    uv run python benchmarks/bench_finance.py --db postgres --sars 10000 --open 100000

On a fresh database (FRAUDCASE_BENCH_DB, default fraudcase_bench, dropped and re-created):
1. a --sars month (a third asking for consent, one in five naming a victim, some of them old
   or with vulnerability terms in the reason) is imported through `finance.importing.import_sars`
   (checks, COPY, audit, and the App. C scan of the victims the SARs name), then imported again
   (nothing new). Baseline, side by side: the same file read with polars and COPYed into a bare
   table of the same columns (the floor any import stands on).
2. --open consent requests in all are made through the same import (disclosed over the last
   ten working days, so their notice periods run out today, soon or already), then, as the
   financial intelligence officer, best of 5: the DAML kind of the Deadlines page and of the
   deadlines API (what is due today and overdue, a page), the SAR list filtered to requests
   awaiting a decision, and `open_requests` (the command's list) read whole. Baseline: the
   sign-in page.
Prints one JSON object; numbers go in benchmarks/README.md.
"""

import argparse
import io
import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import _bench_db

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
parser.add_argument("--sars", type=int, default=10_000)
parser.add_argument("--open", type=int, default=100_000)
args = parser.parse_args()
_bench_db.setup(args.db)

import polars as pl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind, User  # noqa: E402
from fraudcase.accounts.services import issue_token  # noqa: E402
from fraudcase.finance import importing, services  # noqa: E402
from fraudcase.finance.importing import COLUMNS  # noqa: E402
from fraudcase.finance.models import Sar, SarVictimReferral  # noqa: E402

random.seed(14)
TERMS = ["confused", "dementia", "isolated", "lives alone", "carer", "recently bereaved"]
FORENAMES = ["Margaret", "Albert", "Dev", "Winifred", "Callum", "Harriet", "Joan", "Tomasz"]
SURNAMES = ["Osei", "Finch", "Mistry", "Shaw", "Price", "Bell", "Nowak", "Patel", "Hughes"]


def sars_file(n: int, start: int, *, daml_share: float, days: int, folder: Path) -> Path:
    today = timezone.localdate()
    rows = []
    for i in range(start, start + n):
        victim = random.random() < 0.2
        reason = "Rapid movement of funds through newly opened accounts"
        if victim and random.random() < 0.3:
            reason += f"; the customer seemed {random.choice(TERMS)}"
        rows.append(
            {
                "ukfiu_reference": f"B{today:%Y}-{i:08d}",
                "disclosed_on": (today - timedelta(days=random.randrange(days))).isoformat(),
                "reporting_institution": random.choice(
                    ["Castle Bank plc", "Wharf Building Society", "Orchard Payments Ltd"]
                ),
                "subjects": f"{random.choice(SURNAMES)} Trading Ltd; {random.choice(SURNAMES)}",
                "reason": reason,
                "amount_gbp": f"{random.randrange(100, 500_000)}.{random.randrange(100):02d}",
                "daml": "yes" if random.random() < daml_share else "no",
                "linked_references": "",
                "named_users": "",
                "victim_name": f"{random.choice(FORENAMES)} {random.choice(SURNAMES)}"
                if victim
                else "",
                "victim_dob": (
                    today - timedelta(days=365 * random.randrange(18, 95) + random.randrange(365))
                ).isoformat()
                if victim
                else "",
                "victim_postcode": "LE2 7QT" if victim else "",
            }
        )
    path = folder / f"sars-{start}.csv"
    pl.DataFrame(rows, schema=dict.fromkeys(COLUMNS, pl.String)).write_csv(path)
    return path


def copy_baseline(path: Path) -> float:
    """Read the file with polars and COPY it into a bare table: the floor of any import."""
    started = time.perf_counter()
    frame = pl.read_csv(path, infer_schema=False)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_sar_floor")
        cursor.execute(
            "CREATE TABLE bench_sar_floor (" + ", ".join(f"{c} text" for c in COLUMNS) + ")"
        )
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(  # type: ignore[attr-defined]
                f"COPY bench_sar_floor ({', '.join(COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in frame.iter_rows():
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO bench_sar_floor VALUES ({', '.join(['%s'] * len(COLUMNS))})",
                frame.iter_rows(),
            )
    return time.perf_counter() - started


def best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-finance-"))
    ecu = Team.objects.create(name="Economic Crime Unit", kind=TeamKind.ECU)
    finint = User.objects.create_user(
        "bench_finint",
        password="bench-finance-password",
        role=Role.FINANCIAL_INTELLIGENCE,
        clearance=HandlingMarking.OFFICIAL_SENSITIVE,
    )
    finint.teams.set([ecu])
    out: dict[str, object] = {"db": args.db, "cpus": os.cpu_count(), "machine": platform.machine()}

    month = sars_file(args.sars, 1, daml_share=0.33, days=30, folder=folder)
    started = time.perf_counter()
    done = importing.import_sars(month, user=finint)
    out["month_sars"] = args.sars
    out["month_import_and_scan_s"] = round(time.perf_counter() - started, 2)
    out["month_added"] = done.added
    out["victims_referred"] = SarVictimReferral.objects.count()
    started = time.perf_counter()
    again = importing.import_sars(month, user=finint)
    out["month_reimport_s"] = round(time.perf_counter() - started, 2)
    out["month_reimport_added"] = again.added
    out["month_copy_baseline_s"] = round(copy_baseline(month), 2)
    out["month_ratio_to_baseline"] = round(
        out["month_import_and_scan_s"] / max(out["month_copy_baseline_s"], 0.001), 1
    )

    more = args.open - Sar.objects.filter(daml_due__isnull=False).count()
    if more > 0:
        started = time.perf_counter()
        importing.import_sars(
            sars_file(more, args.sars + 1, daml_share=1.0, days=14, folder=folder), user=finint
        )
        out["open_import_s"] = round(time.perf_counter() - started, 2)
    out["open_requests"] = Sar.objects.filter(daml_due__isnull=False).count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    web = Client()
    web.force_login(finint)
    token = issue_token(finint, "bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_X_JUSTIFICATION="benchmark")
    sign_in = Client()

    def page(client: Client, path: str) -> None:
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)

    page(web, "/deadlines/")
    out["deadlines_page_ms"] = round(best(lambda: page(web, "/deadlines/")) * 1000)
    out["deadlines_api_daml_ms"] = round(
        best(lambda: page(api, "/api/v1/deadlines?kind=daml")) * 1000
    )
    out["sar_api_awaiting_ms"] = round(
        best(lambda: page(api, "/api/v1/sars?state=awaiting")) * 1000
    )
    out["open_requests_whole_list_ms"] = round(
        best(
            lambda: list(services.open_requests(finint).values_list("ukfiu_reference", "daml_due")),
            3,
        )
        * 1000
    )
    out["sign_in_page_ms"] = round(best(lambda: page(sign_in, "/accounts/login/")) * 1000)
    printed = io.StringIO()
    json.dump(out, printed)
    print(printed.getvalue())


if __name__ == "__main__":
    sys.exit(main())
