"""Time the series decision (linking.rules.link) on a synthetic identifier table.

    uv run python benchmarks/bench_linking.py --rows 1000000
    uv run python benchmarks/bench_linking.py --truth 300000

With --truth, score series against the series truth set (tests/linking/series_truth.py:
reports whose suspect identifiers are written every way victims write them, with the
offender each truly is): the identifiers normalised by the import's own path
(intake.importing.suspect_identifiers), then linked; prints pairwise precision, recall and F1
of the series found, and the seconds of each step.

Reports share suspects drawn from a pool (a few per hundred reports), each suspect with a
phone, an e-mail and a website; one shared platform's domain is on every tenth report (it goes
over the cap). Prints the rows, the series found and the seconds taken by the pure step (the
database read and the bulk write are timed by `fraudcase link`).
"""

import argparse
import time

import polars as pl

from fraudcase.linking import rules


def identifiers(rows: int, seed: int = 7) -> pl.DataFrame:
    reports = rows // 3
    frame = pl.DataFrame({"report_id": range(1, reports + 1)}).with_columns(
        (pl.col("report_id").hash(seed) % max(1, reports // 30)).alias("suspect")
    )
    parts = [
        frame.select(
            "report_id",
            pl.lit("phone").alias("kind"),
            pl.format("+44770090{}", pl.col("suspect")).alias("value"),
        ),
        frame.select(
            "report_id",
            pl.lit("email").alias("kind"),
            pl.format("s{}@example.com", pl.col("suspect")).alias("value"),
        ),
        frame.select(
            "report_id",
            pl.lit("website").alias("kind"),
            pl.when(pl.col("report_id") % 10 == 0)
            .then(pl.lit("bigmarket.com"))
            .otherwise(pl.format("shop{}.co.uk", pl.col("suspect")))
            .alias("value"),
        ),
    ]
    return pl.concat(parts)


def score_truth(rows: int) -> None:
    import json
    import os
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")
    os.environ.setdefault("FRAUDCASE_DATA_DIR", tempfile.mkdtemp(prefix="fraudcase-bench-"))
    import django

    django.setup()
    from fraudcase.intake.importing import suspect_identifiers
    from tests.linking.series_truth import reports, series_pair_scores, stop_list

    started = time.perf_counter()
    truth = reports(rows)
    out: dict[str, object] = {
        "reports": rows,
        "generate_s": round(time.perf_counter() - started, 1),
    }
    started = time.perf_counter()
    identifiers = suspect_identifiers(truth, ["report_id"]).select(
        "report_id", "kind", pl.col("normalised").alias("value")
    )
    out["identifiers"] = identifiers.height
    out["normalise_s"] = round(time.perf_counter() - started, 2)
    none = pl.DataFrame(schema={"kind": pl.Utf8, "value": pl.Utf8})
    started = time.perf_counter()
    linked = rules.link(identifiers, stopped=stop_list(), allowed=none, cap=10_000)
    out["link_s"] = round(time.perf_counter() - started, 2)
    out["series"] = linked.members["anchor"].n_unique()
    out["scores"] = series_pair_scores(truth, linked.members)
    print(json.dumps(out, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--truth", type=int, help="score series on this many truth-set reports")
    args = parser.parse_args()
    if args.truth:
        score_truth(args.truth)
        return
    table = identifiers(args.rows)
    none = pl.DataFrame(schema={"kind": pl.Utf8, "value": pl.Utf8})
    started = time.perf_counter()
    linked = rules.link(table, stopped=none, allowed=none, cap=50)
    seconds = time.perf_counter() - started
    print(
        f"{table.height:,} identifier rows, {linked.members['anchor'].n_unique():,} series of "
        f"{linked.members.height:,} reports, {linked.over_connected.height} over the cap: "
        f"{seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
