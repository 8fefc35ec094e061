"""Issue 16: the routed lists, their export and the Deadlines kinds take no more queries with
many reports than with a few."""

import tempfile
from pathlib import Path

import polars as pl
import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.synthetic import nfib_package_frame
from tests.scale import TEST_NFRC_BASE, assert_bounded

pytestmark = pytest.mark.django_db


def more_routed(victims: int, seed: int) -> None:
    """A synthetic package whose every other victim is cyber and every third support-only."""
    frame = nfib_package_frame(
        victims, seed=seed, prefix=f"ROUTED{seed}", nfrc_base=TEST_NFRC_BASE + seed * 100_000
    ).with_row_index("i")
    frame = frame.with_columns(
        pl.when(pl.col("i") % 2 == 0)
        .then(pl.lit("NFIB52C"))
        .otherwise("fraud_type")
        .alias("fraud_type"),
        pl.when(pl.col("i") % 3 == 0)
        .then(pl.lit("Victim support only"))
        .otherwise(pl.lit(""))
        .alias("referral_type"),
    ).drop("i")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routed.csv"
        frame.write_csv(path)
        import_nfib_package(path, user=None)


@pytest.mark.parametrize(
    "url",
    [
        "/streams/cyber/",
        "/streams/cyber/?state=all&sort=received&order=desc&page=2",
        "/streams/cyber/?export=csv",
        "/streams/victim-support/",
        "/streams/victim-support/?state=contacted",
        "/deadlines/?scope=team&kind=cyber-contacts",
        "/deadlines/?scope=team&kind=victim-support-contacts",
    ],
)
def test_the_page_is_bounded(client, supervisor, url):
    more_routed(60, seed=1)
    client.force_login(supervisor)
    assert_bounded(client, url, lambda: more_routed(300, seed=2))
