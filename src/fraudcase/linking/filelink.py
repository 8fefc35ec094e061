"""Link a package file without recording it (issue 13, `fraudcase link FILE --out OUT.csv`).

An analyst, another force or a region can link a file in the NFIB package columns (or an
import profile's) and get, for each row, the person its victim is and the series its suspect
identifiers put it in, with nothing written to the database. The file is checked by the
import's own rules first: a bad file is rejected whole with every (row, column, problem).

The series are decided by the same rule as the reports held (`rules.link`: a normalised suspect
identifier shared by two victims or more joins them; the administrator's stop list and the
correlation cap apply, as read from this installation). Persons: the individual victims of the
file are linked by the same person linkage as the victims held (`persons.link`: exact matches,
then Splink with this installation's kept model, or the starter model where none is kept yet;
it is not trained on the file); organisations with the same normalised name are one. The
person step runs on DuckDB, or on Spark with `--engine spark` (persons.Engine); the series
rule is exact keyed grouping, in polars on either engine.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import polars as pl

from fraudcase.intake.importing import check_package, suspect_identifiers
from fraudcase.reports import rules as report_rules

from . import personrun, persons, rules
from .linkrun import judging

OUT_COLUMNS = ["nfrc", "person_id", "series_id"]


@dataclass
class FileLinked:
    rows: int
    persons: int
    series: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def message(self) -> str:
        return (
            f"{self.rows:,} rows: {self.persons:,} persons, {self.series:,} series "
            f"({self.seconds:.1f} s)"
        )


def _quiet(stage: str, percent: int) -> None:
    return None


def person_keys(
    victims: pl.DataFrame,
    model: dict[str, Any] | None = None,
    engine: persons.Engine = persons.Engine.DUCKDB,
) -> pl.DataFrame:
    """(victim, person): individuals linked by `persons.link` with `model` (the kept model, or
    the starter model) on `engine`, organisations by their normalised name; numbered from 1 in
    the order the file first names them."""
    people = victims.filter(pl.col("victim_type_value") == "individual")
    found, _ = persons.link(
        people.select(
            pl.col("victim").cast(pl.Int64).alias("victim_id"),
            "forename",
            "surname",
            pl.col("dob").cast(pl.Utf8),
            "postcode",
            "phone",
            "email",
        ),
        model=model or persons.starter_model(),
        engine=engine,
    )
    organisations = victims.filter(pl.col("victim_type_value") != "individual")
    named = {
        v: report_rules.normalise_name(v) or ""
        for v in organisations["business_name"].unique().to_list()
    }
    keyed = organisations.select(
        "victim",
        pl.col("business_name")
        .replace_strict(named, default="", return_dtype=pl.String)
        .alias("b"),
    ).with_columns(
        pl.when(pl.col("b") != "")
        .then(pl.col("victim").min().over("b"))
        .otherwise(pl.col("victim"))
        .alias("anchor")
    )
    anchors = pl.concat(
        [
            found.select(
                pl.col("victim_id").cast(pl.UInt32).alias("victim"),
                pl.col("anchor").cast(pl.UInt32),
            ),
            keyed.select(pl.col("victim").cast(pl.UInt32), pl.col("anchor").cast(pl.UInt32)),
        ]
    )
    return anchors.select("victim", pl.col("anchor").rank("dense").cast(pl.Int64).alias("person"))


def link_file(
    path: Path,
    out: Path,
    *,
    profile_name: str = "default",
    original_name: str = "",
    progress: Callable[[str, int], None] = _quiet,
    engine: persons.Engine = persons.Engine.DUCKDB,
) -> FileLinked:
    """Check `path` as an import would (FileRejected if bad: `out` is then not written), link
    its victims into persons and series, and write `out` (csv: nfrc, person_id, series_id for
    every row of the file in its order; series_id empty for a row in no series). The persons
    are scored on `engine`."""
    started = time.perf_counter()
    checked = check_package(
        path, profile_name=profile_name, original_name=original_name, progress=progress
    )
    progress("Linking the victims into persons", 50)
    people = person_keys(checked.victims, personrun.kept_model(), engine)
    progress("Linking the suspect identifiers into series", 70)
    identifiers = suspect_identifiers(checked.rows, ["victim"]).select(
        pl.col("victim").alias("report_id"), "kind", pl.col("normalised").alias("value")
    )
    linked = rules.link(identifiers, **judging())  # type: ignore[arg-type]
    series = linked.members.select(
        pl.col("report_id").alias("victim"),
        pl.col("anchor").rank("dense").cast(pl.Int64).alias("series"),
    )
    progress("Writing the file", 90)
    table = (
        checked.rows.select("row", "victim", pl.col("nfrc_list").list.join(";").alias("nfrc"))
        .join(people, on="victim", how="left")
        .join(series, on="victim", how="left")
        .sort("row")
        .select("nfrc", pl.col("person").alias("person_id"), pl.col("series").alias("series_id"))
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    table.write_csv(out)
    return FileLinked(
        rows=table.height,
        persons=people["person"].n_unique(),
        series=series["series"].n_unique(),
        seconds=round(time.perf_counter() - started, 3),
    )
