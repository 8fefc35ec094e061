"""NFRC numbers of a package that the force already holds (§5.1: one NFRC, one victim).

An NFRC already held for the same victim is "already recorded" (a package imported again, a
call for service that NFIB disseminated back). Held for a different victim (another name or
date of birth, another victim type or business name) it is a conflict: the file is rejected.
Names are compared as `core.names.name_key` does; a date of birth missing on either side is not
a difference; a report whose personal data was erased is not compared. Set-based: one query per
chunk of numbers and one polars join, whatever the size of the file.

The report holding the number may be one the importer may not see (restricted to a team, or
above their clearance): then the problem names the row and the NFRC and says it is held for a
different victim, without the report's reference or how the victims differ
(docs/decisions.md, "An NFRC held for another victim").
"""

from typing import Any, NotRequired, TypedDict

import polars as pl

from fraudcase.accounts.models import User
from fraudcase.core import bulk
from fraudcase.core.errors import Problem
from fraudcase.core.names import NAME_IGNORED
from fraudcase.reports import services as report_services
from fraudcase.reports.models import NFRCNumber

HELD_COLUMNS = {
    "number": pl.String,
    "report_id": pl.Int64,
    "reference": pl.String,
    "held_type": pl.String,
    "held_fore": pl.String,
    "held_sur": pl.String,
    "held_bus": pl.String,
    "held_dob": pl.Date,
}


class Existing(TypedDict):
    known: dict[str, int]  # NFRC number -> report id
    _problems: NotRequired[list[Problem]]


def _key(column: str) -> pl.Expr:
    return pl.col(column).fill_null("").str.to_lowercase().str.replace_all(NAME_IGNORED, "")


def existing_reports(victims: pl.DataFrame, user: User | None) -> Existing:
    """NFRC number -> report id for numbers already recorded, and the problems: a victim whose
    numbers belong to two reports, or a number held for a different victim."""
    numbers = victims["nfrc_list"].explode().drop_nulls().unique().to_list()
    rows: list[tuple[Any, ...]] = []
    for chunk in bulk.chunked(numbers):
        rows += NFRCNumber.objects.filter(number__in=chunk).values_list(
            "number",
            "report_id",
            "report__local_reference",
            "report__victim__victim_type",
            "report__victim__forename",
            "report__victim__surname",
            "report__victim__business_name",
            "report__victim__dob",
        )
    known = {number: report_id for number, report_id, *_ in rows}
    problems = []
    if known:
        for row, nfrcs in victims.select("row", "nfrc_list").iter_rows():
            reports = {known[n] for n in nfrcs if n in known}
            if len(reports) > 1:
                problems.append(
                    Problem(row, "nfrc", "These NFRC numbers already belong to different victims")
                )
        problems += _other_victims(
            victims, pl.DataFrame(rows, schema=HELD_COLUMNS, orient="row"), user
        )
    return {"known": known, "_problems": problems}


def _other_victims(victims: pl.DataFrame, held: pl.DataFrame, user: User | None) -> list[Problem]:
    """A problem for each row whose NFRC is held for a different victim."""
    joined = (
        victims.select(
            "row", "nfrc_list", "victim_type_value", "forename", "surname", "business_name", "dob"
        )
        .explode("nfrc_list")
        .rename({"nfrc_list": "number"})
        .join(held, on="number", how="inner")
    )
    individual = pl.col("victim_type_value") == "individual"
    other_type = pl.col("victim_type_value") != pl.col("held_type")
    other_name = individual & (
        (_key("forename") != _key("held_fore")) | (_key("surname") != _key("held_sur"))
    )
    other_dob = (
        individual
        & (pl.col("dob") != "")
        & pl.col("held_dob").is_not_null()
        & (pl.col("dob") != pl.col("held_dob").cast(pl.String))
    )
    other_business = ~individual & (_key("business_name") != _key("held_bus"))
    erased = pl.col("held_bus") == report_services.ERASED
    differ = (
        joined.with_columns(
            pl.when(other_type)
            .then(pl.lit("another victim type"))
            .when(other_name)
            .then(pl.lit("another name"))
            .when(other_dob)
            .then(pl.lit("another date of birth"))
            .when(other_business)
            .then(pl.lit("another business name"))
            .alias("why")
        )
        .filter(pl.col("why").is_not_null() & pl.col("held_type").is_not_null() & ~erased)
        .sort("row", "number")
    )
    if differ.height == 0:
        return []
    seen = _visible(user, differ["report_id"].unique().to_list())
    problems = []
    for row, number, report_id, reference, why in differ.select(
        "row", "number", "report_id", "reference", "why"
    ).iter_rows():
        if report_id in seen:
            text = (
                f"{number} is already held for a different victim ({why}) on report "
                f"{reference}: check which victim it belongs to"
            )
        else:
            text = (
                f"{number} is already held for a different victim, on a report you cannot "
                "see: ask a supervisor to check which victim it belongs to"
            )
        problems.append(Problem(row, "nfrc", text))
    return problems


def _visible(user: User | None, report_ids: list[int]) -> set[int]:
    """Which of these reports the importer may see (none for the command line without --user)."""
    if user is None or not user.is_authenticated:
        return set()
    seen: set[int] = set()
    for chunk in bulk.chunked(report_ids):
        seen.update(
            report_services.visible_reports(user).filter(pk__in=chunk).values_list("pk", flat=True)
        )
    return seen
