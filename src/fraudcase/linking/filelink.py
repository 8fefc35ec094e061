"""Link a package file without recording it (issue 13, `fraudcase link FILE --out OUT.csv`).

An analyst, another force or a region can link a file in the NFIB package columns (or an
import profile's) and get, for each row, the person its victim is and the series its suspect
identifiers put it in, with nothing written to the database. The file is checked by the
import's own rules first: a bad file is rejected whole with every (row, column, problem).

The series are decided by the same rule as the reports held (`rules.link`: a normalised suspect
identifier shared by two victims or more joins them; the administrator's stop list and the
correlation cap apply, as read from this installation). Persons: victims of the file with the
same normalised name and date of birth (an individual without one: the same name and the same
e-mail or telephone; an organisation: the same normalised name) are one person.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from fraudcase.intake.importing import check_package, suspect_identifiers
from fraudcase.reports import rules as report_rules

from . import rules
from .linkrun import _judging

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


def _mapped(frame: pl.DataFrame, column: str, fn: Callable[[str], str | None]) -> pl.Expr:
    """`fn` applied once per distinct value of `column` (these are Python normalisers)."""
    mapping = {v: fn(v) or "" for v in frame[column].unique().to_list() if v}
    return pl.col(column).replace_strict(mapping, default="", return_dtype=pl.String)


def person_keys(victims: pl.DataFrame) -> pl.DataFrame:
    """(victim, person): victims with the same key are one person, numbered from 1 in the
    order the file first names them. Keys: an individual's normalised name with the date of
    birth, or without one the name with the e-mail or telephone; an organisation's normalised
    name; a victim with none of these is a person of their own."""
    named = victims.with_columns(
        pl.concat_str("forename", pl.lit(" "), "surname").str.strip_chars().alias("_name")
    )
    keyed = named.with_columns(
        _mapped(named, "_name", report_rules.normalise_name).alias("n"),
        _mapped(named, "business_name", report_rules.normalise_name).alias("b"),
        _mapped(named, "phone", report_rules.normalise_phone).alias("p"),
        pl.col("email").str.strip_chars().str.to_lowercase().alias("e"),
    )
    key = (
        pl.when(pl.col("victim_type_value") != "individual")
        .then(pl.when(pl.col("b") != "").then(pl.format("o:{}", "b")))
        .when(pl.col("n") == "")
        .then(None)
        .when(pl.col("dob") != "")
        .then(pl.format("i:{}|{}", "n", "dob"))
        .when(pl.col("e") != "")
        .then(pl.format("e:{}|{}", "n", "e"))
        .when(pl.col("p") != "")
        .then(pl.format("p:{}|{}", "n", "p"))
    )
    keyed = keyed.with_columns(pl.coalesce(key, pl.format("v:{}", "victim")).alias("key"))
    return (
        keyed.select("victim", pl.col("victim").min().over("key").alias("first"))
        .with_columns(pl.col("first").rank("dense").cast(pl.Int64).alias("person"))
        .select("victim", "person")
    )


def link_file(
    path: Path,
    out: Path,
    *,
    profile_name: str = "default",
    original_name: str = "",
    progress: Callable[[str, int], None] = _quiet,
) -> FileLinked:
    """Check `path` as an import would (FileRejected if bad: `out` is then not written), link
    its victims into persons and series, and write `out` (csv: nfrc, person_id, series_id for
    every row of the file in its order; series_id empty for a row in no series)."""
    started = time.perf_counter()
    checked = check_package(
        path, profile_name=profile_name, original_name=original_name, progress=progress
    )
    progress("Linking the victims into persons", 50)
    persons = person_keys(checked.victims)
    progress("Linking the suspect identifiers into series", 70)
    identifiers = suspect_identifiers(checked.rows, ["victim"]).select(
        pl.col("victim").alias("report_id"), "kind", pl.col("normalised").alias("value")
    )
    linked = rules.link(identifiers, **_judging())  # type: ignore[arg-type]
    series = linked.members.select(
        pl.col("report_id").alias("victim"),
        pl.col("anchor").rank("dense").cast(pl.Int64).alias("series"),
    )
    progress("Writing the file", 90)
    table = (
        checked.rows.select("row", "victim", pl.col("nfrc_list").list.join(";").alias("nfrc"))
        .join(persons, on="victim", how="left")
        .join(series, on="victim", how="left")
        .sort("row")
        .select("nfrc", pl.col("person").alias("person_id"), pl.col("series").alias("series_id"))
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    table.write_csv(out)
    return FileLinked(
        rows=table.height,
        persons=persons["person"].n_unique(),
        series=series["series"].n_unique(),
        seconds=round(time.perf_counter() - started, 3),
    )
