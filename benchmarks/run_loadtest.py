"""Drive each main page and API list in turn, at a set concurrency for a set time, and report.

    uv run --group bench python benchmarks/run_loadtest.py --host http://127.0.0.1:8000 \\
        --config /tmp/load/loadtest.json --users 32 --seconds 60
    ... --one-user            # 1 user, one request after another (the p95-at-one-user target)
    ... --pages sign_in,nfrc_web,report

For each page (benchmarks/_pages.py) it runs locust headless (benchmarks/loadtest.py): every
user signs in as the page's role (or uses the role's API token) and asks for the page again and
again, with no pause, for --seconds once all are signed in. It prints per page: requests a
second, p50/p95/p99, errors, and throughput as a share of the sign-in page's in the same run
(the sign-in page is always run first), and writes the same as JSON and CSV (--out).

--config is the JSON benchmarks/load_data.py writes (users, password, tokens, database). For
an installation of your own write one by hand (benchmarks/README.md "Load test"). The values
the addresses need (NFRC numbers, references, postcodes, surnames, suspect phones, victim
lists) are picked at random from the database (FRAUDCASE_DATABASE_URL, else the config's
database_url), or read from --samples (a JSON file this script writes with --save-samples).
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _pages import PAGES

HERE = Path(__file__).resolve().parent


def pick_samples(config: dict, count: int) -> dict[str, list]:
    """Real values from the database: `count` reports picked at random (each by a random id,
    through the primary key, so a million rows cost nothing), unrestricted ones only."""
    os.environ.setdefault("FRAUDCASE_DATABASE_URL", config.get("database_url", ""))
    if config.get("data_dir"):
        os.environ.setdefault("FRAUDCASE_DATA_DIR", config["data_dir"])
    if not os.environ["FRAUDCASE_DATABASE_URL"]:
        sys.exit("No database to pick values from: set FRAUDCASE_DATABASE_URL or give --samples")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")
    import django

    django.setup()
    from django.db.models import Max, Min

    from fraudcase.reports.models import Identifier, NFRCNumber, Report
    from fraudcase.victims.models import VictimList

    rng = random.Random(7)
    bounds = Report.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    samples: dict[str, list] = {k: [] for k in ("ref", "nfrc", "postcode", "surname", "phone")}
    open_reports = Report.objects.filter(handling_marking="OFFICIAL", restricted_to_team=None)
    for _ in range(count if bounds["lo"] else 0):
        row = (
            open_reports.filter(pk__gte=rng.randint(bounds["lo"], bounds["hi"]))
            .order_by("pk")
            .values("pk", "local_reference", "victim__postcode", "victim__surname")
            .first()
        )
        if row is None:
            continue
        samples["ref"].append(row["local_reference"])
        if row["victim__postcode"]:
            samples["postcode"].append(row["victim__postcode"])
        if row["victim__surname"]:
            samples["surname"].append(row["victim__surname"])
        number = NFRCNumber.objects.filter(report_id=row["pk"]).values_list("number", flat=True)
        samples["nfrc"] += number[:1]
    phones = Identifier.objects.filter(kind="phone")
    bounds = phones.aggregate(lo=Min("pk"), hi=Max("pk"))
    for _ in range(count if bounds["lo"] else 0):
        raw = (
            phones.filter(pk__gte=rng.randint(bounds["lo"], bounds["hi"]))
            .order_by("pk")
            .values_list("raw", flat=True)
            .first()
        )
        if raw:
            samples["phone"].append(raw)
    samples["list_id"] = list(VictimList.objects.order_by("-pk").values_list("pk", flat=True)[:50])
    return samples


def run_page(page: str, args, config: dict, samples: dict, users: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "config.json"
        result = Path(folder) / "result.json"
        settings.write_text(
            json.dumps(
                {
                    "page": page,
                    "users": config["users"],
                    "password": config["password"],
                    "samples": samples,
                    "seconds": seconds,
                    "result": str(result),
                }
            )
        )
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(HERE / "loadtest.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            # The page's own clock starts once every user has signed in (loadtest.py); this
            # is only a backstop.
            "--run-time",
            f"{seconds * 2 + 120}s",
            "--host",
            args.host,
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "10",
        ]
        env = os.environ | {"LOADTEST_CONFIG": str(settings), "PYTHONPATH": str(HERE)}
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if not result.exists():
            print(finished.stdout[-2000:], finished.stderr[-4000:], file=sys.stderr)
            return {"requests": 0, "errors": None, "rps": 0.0, "failures": ["locust failed"]}
        return json.loads(result.read_text())


def table(rows: list[dict]) -> str:
    head = "| page | req/s | p50 ms | p95 ms | p99 ms | errors | share of sign-in |"
    lines = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['rps']} | {r.get('p50_ms')} | {r.get('p95_ms')} | "
            f"{r.get('p99_ms')} | {r.get('errors')} | {r.get('share', '')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Load-test fraudcase page by page.")
    parser.add_argument("--host", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--config", required=True, help="users and tokens (load_data.py writes it)")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--one-user", action="store_true", help="1 user, requests one at a time")
    parser.add_argument(
        "--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES)
    )
    parser.add_argument("--samples", help="values for the addresses, instead of the database")
    parser.add_argument("--save-samples", help="write the values picked to this file")
    parser.add_argument("--pick", type=int, default=200, help="reports to pick values from")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between pages")
    parser.add_argument(
        "--warmup", type=int, default=5, help="seconds of the sign-in page first, not counted"
    )
    parser.add_argument("--out", help="results file prefix (default loadtest-<time>)")
    args = parser.parse_args()

    config = json.loads(Path(args.config).read_text())
    samples = (
        json.loads(Path(args.samples).read_text())
        if args.samples
        else pick_samples(config, args.pick)
    )
    if args.save_samples:
        Path(args.save_samples).write_text(json.dumps(samples, indent=1))
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = [p for p in pages if p not in PAGES]
    if unknown:
        sys.exit(f"Unknown pages: {', '.join(unknown)}; known: {', '.join(PAGES)}")
    pages = ["sign_in", *(p for p in pages if p != "sign_in")]
    users = 1 if args.one_user else args.users
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = Path(args.out or f"loadtest-{stamp}")
    print(f"{len(pages)} pages, {users} user(s), {args.seconds} s each, against {args.host}")

    if args.warmup:
        run_page("sign_in", args, config, samples, users, args.warmup)
    rows = []
    for page in pages:
        missing = [
            f
            for f in ("ref", "nfrc", "postcode", "surname", "phone", "list_id")
            if "{" + f + "}" in PAGES[page].path and not samples.get(f)
        ]
        if missing:
            print(f"  {page}: skipped, nothing to fill {', '.join(missing)} with")
            continue
        result = run_page(page, args, config, samples, users, args.seconds) | {"page": page}
        rows.append(result)
        print(
            f"  {page}: {result['rps']} req/s, p50 {result.get('p50_ms')} ms, "
            f"p95 {result.get('p95_ms')} ms, {result.get('errors')} errors"
            + (f" ({'; '.join(result['failures'])[:200]})" if result.get("failures") else ""),
            flush=True,
        )
        time.sleep(args.pause)
    baseline = rows[0]["rps"] if rows and rows[0]["page"] == "sign_in" else 0
    for row in rows:
        row["share"] = f"{row['rps'] / baseline:.1%}" if baseline else ""
    print()
    print(table(rows))
    summary = {
        "host": args.host,
        "users": users,
        "seconds": args.seconds,
        "one_user": args.one_user,
        "at": stamp,
        "cpus": os.cpu_count(),
        "pages": rows,
    }
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2))
    with out.with_suffix(".csv").open("w", newline="") as f:
        fields = [
            "page",
            "rps",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "errors",
            "requests",
            "share",
            "mean_ms",
            "max_ms",
            "bytes_mean",
            "sign_in_refused",
        ]
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nWritten to {out.with_suffix('.json')} and {out.with_suffix('.csv')}")


if __name__ == "__main__":
    main()
