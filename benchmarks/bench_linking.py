"""Time the series decision (linking.rules.link) on a synthetic identifier table.

    uv run python benchmarks/bench_linking.py --rows 1000000

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    args = parser.parse_args()
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
