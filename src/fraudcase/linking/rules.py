"""Pure rules of linking: which suspect identifiers are one, and which reports form a series.
Plain values in, a decision out. No ORM, no I/O (DOMAIN.md "Linking")."""

from dataclasses import dataclass

import polars as pl

from fraudcase.accounts.enums import Role
from fraudcase.reports import rules as report_rules

from . import persons

# The normalisation is the report's own (reports.rules), applied when an identifier is
# recorded: one rule, so that search and series agree on what "the same number" is.
# DOMAIN.md "Linking": UK telephone numbers to E.164, sort code and account number to six and
# eight digits, e-mail lower-cased, a website to its registered domain.
normalise_phone = report_rules.normalise_phone
normalise_email = report_rules.normalise_email
normalise_website = report_rules.normalise_website
normalise_uk_account = report_rules.normalise_uk_account


def normalise(kind: str, text: str) -> str | None:
    """One identifier of a kind (IdentifierKind value) as series compare it; None when it is
    not one of that kind (DOMAIN.md "Linking")."""
    return report_rules.normalise_identifier(kind, text)


# Who may start a linking run over everything (the supervisor who runs the unit's intake and
# the analyst who builds the intelligence picture, seed 001 §7.1); administrators too.
RUNNING_ROLES = frozenset({Role.VFT_SUPERVISOR, Role.ANALYST, Role.ADMINISTRATOR})


def may_run(role: str) -> bool:
    """Whether this role may start a linking run (a job over every report held)."""
    return role in RUNNING_ROLES


# ---------------------------------------------------------------- series (DOMAIN.md "Linking")

# Series reference: "S-000042".
REFERENCE_PREFIX = "S-"


def series_reference(series_id: int) -> str:
    return f"{REFERENCE_PREFIX}{series_id:06d}"


def series_id_of(reference: str) -> int | None:
    """The series id a reference names ("S-000042" -> 42, "s-42" too); None for no reference."""
    text = (reference or "").strip().upper()
    if not text.startswith(REFERENCE_PREFIX) or not text[2:].isdigit() or len(text) > 20:
        return None
    return int(text[2:])


@dataclass(frozen=True)
class Linked:
    """What a linking run decided: `members` (report_id, anchor): each report in a series and
    the series it is in, named by its anchor (the series' lowest report id, so a series keeps
    its name as it grows); `over_connected` (kind, value, reports): identifiers that would
    join more than the cap and were not used."""

    members: pl.DataFrame
    over_connected: pl.DataFrame


def usable_identifiers(
    identifiers: pl.DataFrame,
    *,
    stopped: pl.DataFrame,
    allowed: pl.DataFrame,
    cap: int,
    counts: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Which identifier rows (report_id, kind, value) may join reports, and which values are
    over-connected. A stop-listed (kind, value) never joins; one on more than `cap` reports
    (counted in `counts` (kind, value, reports) when given, else in `identifiers`) joins only
    if an administrator allowed it; either way a value joins only if on two reports or more."""
    key = ["kind", "value"]
    rows = identifiers.select(
        pl.col("report_id").cast(pl.Int64), pl.col("kind").cast(pl.Utf8), pl.col("value")
    ).unique()
    rows = rows.join(stopped.select(key), on=key, how="anti")
    if counts is None:
        counts = rows.group_by(key).agg(pl.col("report_id").n_unique().alias("reports"))
    counts = counts.select(*key, pl.col("reports").cast(pl.Int64))
    allowed_keys = allowed.select(key).with_columns(pl.lit(True).alias("allowed"))
    judged = counts.join(stopped.select(key), on=key, how="anti").join(
        allowed_keys, on=key, how="left"
    )
    over = judged.filter((pl.col("reports") > cap) & pl.col("allowed").is_null()).select(
        *key, "reports"
    )
    joining = judged.filter(pl.col("reports") >= 2).join(over.select(key), on=key, how="anti")
    return rows.join(joining.select(key), on=key, how="semi"), over.sort(
        ["reports", "kind", "value"], descending=[True, False, False]
    )


def components(edges: pl.DataFrame) -> pl.DataFrame:
    """Connected components of reports joined by shared values: (report_id, kind, value) in,
    (report_id, anchor) out for every report in a component of two or more, `anchor` the
    component's lowest report id. Set-based: labels spread through the values until none
    changes (one round per step of the longest path)."""
    edges = edges.select(
        pl.col("report_id").cast(pl.Int64), (pl.col("kind") + ":" + pl.col("value")).alias("key")
    ).unique()
    labels = edges.select("report_id").unique().with_columns(pl.col("report_id").alias("anchor"))
    while True:
        by_key = edges.join(labels, on="report_id").group_by("key").agg(pl.col("anchor").min())
        spread = (
            edges.join(by_key, on="key")
            .group_by("report_id")
            .agg(pl.col("anchor").min().alias("spread"))
        )
        moved = labels.join(spread, on="report_id").with_columns(
            pl.min_horizontal("anchor", "spread").alias("next")
        )
        if moved.filter(pl.col("next") != pl.col("anchor")).height == 0:
            break
        labels = moved.select("report_id", pl.col("next").alias("anchor"))
    sizes = labels.group_by("anchor").agg(pl.len().alias("size"))
    series = labels.join(sizes.filter(pl.col("size") >= 2), on="anchor", how="semi")
    return series.sort("anchor", "report_id")


def link(
    identifiers: pl.DataFrame,
    *,
    stopped: pl.DataFrame,
    allowed: pl.DataFrame,
    cap: int,
    counts: pl.DataFrame | None = None,
) -> Linked:
    """Series from suspect identifiers (DOMAIN.md "Linking"): reports sharing a usable
    normalised identifier are one series; names alone never join (they are not identifiers)."""
    usable, over = usable_identifiers(
        identifiers, stopped=stopped, allowed=allowed, cap=cap, counts=counts
    )
    return Linked(components(usable), over)


def median(values: list[float]) -> float | None:
    """The median of the values (the middle one, or the mean of the middle two); None if none."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def postcode_district(postcode: str) -> str:
    """The district (outward code) of a postcode as stored ("LE2 7QT" -> "LE2"); "" if none."""
    text = (postcode or "").strip().upper()
    return text.split(" ")[0] if " " in text else ""


# ---------------------------------------------------------------- persons (repeat victims)

# Who may confirm or break a link between two victims: the officers who read a victim's
# history to assess, investigate or safeguard, and the analyst (seed 001 §5.2, §6.6 step 5).
PERSON_DECIDING_ROLES = frozenset(
    {
        Role.ASSESSOR,
        Role.VFT_SUPERVISOR,
        Role.INVESTIGATOR,
        Role.FVO,
        Role.SAFEGUARDING,
        Role.ANALYST,
        Role.ADMINISTRATOR,
    }
)


def may_decide_person(role: str) -> bool:
    """Whether this role may confirm or break a link between two victims."""
    return role in PERSON_DECIDING_ROLES


# How a victim was joined to its person (PersonMember.agreed), as linking.persons writes it.
EXACTLY, CONFIRMED = persons.EXACTLY, persons.CONFIRMED


def person_link_kind(agreed: str) -> str:
    """How the link was made: "officer" (confirmed), "exact" (equal on a pre-clustering key),
    "probability" (scored at or above the threshold) or "" (a victim alone)."""
    if agreed == CONFIRMED:
        return "officer"
    if agreed.startswith(EXACTLY):
        return "exact"
    return "probability" if agreed else ""


def fields_agreed(agreed: str) -> list[str]:
    """The fields that agreed on the link, in the report page's words ("surname", "date of
    birth"...); none for an officer's confirmation."""
    if agreed == CONFIRMED:
        return []
    return [field for field in agreed.removeprefix(EXACTLY).split(", ") if field]
