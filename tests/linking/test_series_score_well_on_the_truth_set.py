"""Series found from suspect identifiers written every way victims write them match the truth
(DOMAIN.md "Linking"; issue 13): pairwise F1 of at least 0.999 on a few thousand reports, the
identifiers normalised by the import's own path and joined by the linking run's rule."""

import polars as pl

from fraudcase.intake.importing import suspect_identifiers
from fraudcase.linking import rules

from .series_truth import reports, series_pair_scores, stop_list


def series_of(rows: pl.DataFrame) -> pl.DataFrame:
    identifiers = suspect_identifiers(rows, ["report_id"]).select(
        "report_id", "kind", pl.col("normalised").alias("value")
    )
    none = pl.DataFrame(schema={"kind": pl.Utf8, "value": pl.Utf8})
    return rules.link(identifiers, stopped=stop_list(), allowed=none, cap=10_000).members


def test_series_score_at_least_0_999_pairwise_f1():
    truth = reports(4000, seed=3)
    scores = series_pair_scores(truth, series_of(truth))
    assert scores["true_pairs"] > 4000
    assert scores["f1"] >= 0.999, scores


def test_a_marketplace_on_the_stop_list_joins_nothing():
    truth = reports(2000, seed=4, platform_share=0.5)
    assert truth.filter(pl.col("suspect_website").str.contains("(?i)ebay")).height > 50
    assert series_pair_scores(truth, series_of(truth))["precision"] >= 0.999
