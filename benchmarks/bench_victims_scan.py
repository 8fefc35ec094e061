"""Scan a victim list with `fraudcase victims scan` and compare with a plain DuckDB baseline.

The baseline reads the same file, computes age on the report date and the search-term matches,
and writes a csv: the least any scan must do. The issue's target is a ratio of at most 2.0.
Each run is a separate process so that peak memory (max RSS of the child) is measured per run.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fraudcase.victims.rules import SEARCH_TERMS

HERE = Path(__file__).resolve().parent
# The baseline searches the same §6.6 terms the product does.
TERMS = list(SEARCH_TERMS)

BASELINE = f"""
import sys, duckdb
src, out = sys.argv[1], sys.argv[2]
terms = {TERMS!r}
cases = ", ".join(
    f"CASE WHEN contains(lower(narrative), '{{t.lower()}}') THEN '{{t}}' END" for t in terms)
duckdb.sql(f'''
COPY (
  SELECT nfrc,
    date_diff('year', try_strptime(dob, '%Y-%m-%d')::DATE, try_strptime(report_date, '%Y-%m-%d')::DATE)
    - CASE WHEN (month(try_strptime(report_date, '%Y-%m-%d')), day(try_strptime(report_date, '%Y-%m-%d')))
              < (month(try_strptime(dob, '%Y-%m-%d')), day(try_strptime(dob, '%Y-%m-%d'))) THEN 1 ELSE 0 END AS age,
    concat_ws(';', {{cases}}) AS keywords
  FROM read_csv('{{src}}', all_varchar=true, header=true)
) TO '{{out}}' (HEADER)
''')
"""


def run(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


parser = argparse.ArgumentParser()
parser.add_argument("file", type=Path)
args = parser.parse_args()
with tempfile.TemporaryDirectory() as folder:
    env = dict(
        os.environ,
        FRAUDCASE_DATA_DIR=folder,
        FRAUDCASE_DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
    )
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "fraudcase.cli", "migrate", "-v0"], check=True)
    script = Path(folder) / "baseline.py"
    script.write_text(BASELINE)
    base_s, base_mb = run([sys.executable, str(script), str(args.file), f"{folder}/base.csv"])
    scan_s, scan_mb = run(
        [
            sys.executable,
            "-m",
            "fraudcase.cli",
            "victims",
            "scan",
            str(args.file),
            "--out",
            f"{folder}/scan.csv",
            "--json",
        ]
    )
print(
    json.dumps(
        {
            "file": str(args.file),
            "mb": round(args.file.stat().st_size / 1e6, 1),
            "baseline_seconds": round(base_s, 2),
            "scan_seconds": round(scan_s, 2),
            "ratio": round(scan_s / base_s, 2),
            "peak_rss_mb_max_of_runs": scan_mb,
            "cpus": os.cpu_count(),
        }
    )
)
