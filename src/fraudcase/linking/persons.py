"""Repeat victims by probabilistic person linkage: which victims held are one person (issue 13
item 1; DOMAIN.md "Linking"). Pure: frames in, frames out; no ORM. `personrun` reads the
victims and writes the persons.

Three steps:
1. Normalise: names folded as core.names compares them (case, spaces, hyphens, apostrophes),
   postcode without spaces, telephone to its UK national digits, e-mail lower case.
2. Pre-cluster exact matches deterministically (same normalised name and date of birth, or the
   same surname with the same e-mail or the same telephone): cheap, certain, and it leaves the
   probabilistic step one record per group.
3. Splink (Fellegi-Sunter, m trained by EM, u by random sampling, term-frequency adjustment on
   the surname) on DuckDB, over tight blocking rules, scores the remaining candidate pairs;
   pairs at or above THRESHOLD join, greedily from the most probable down, never joining two
   victims an officer said are different people (a "break"), and always joining two an
   officer said are the same (a "confirm").

Step 3 runs on DuckDB (in the process) or, with Engine.SPARK, on Spark (linking.spark: local
mode, or a cluster): the same model, its comparisons written in Spark's SQL. Steps 1, 2 and
the clustering are polars on either engine.
"""

import json
import logging
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

# The probability at or above which two victims are one person.
THRESHOLD = 0.9
# The fields compared, in the words the report page uses for "which fields agreed".
FIELDS = {
    "forename": "forename",
    "surname": "surname",
    "dob": "date of birth",
    "postcode": "postcode",
    "phone": "telephone",
    "email": "e-mail",
}
# Pre-clustering keys (step 2): every field of a key must be present and equal.
EXACT_KEYS = (("forename", "surname", "dob"), ("surname", "email"), ("surname", "phone"))
# Candidate pairs for the probabilistic step (step 3): tight, so that the pairs scored are few.
BLOCKING = (
    ("surname", "dob"),
    ("forename", "dob"),
    ("surname", "postcode"),
    ("forename", "postcode"),
    ("phone",),
    ("email",),
    ("dob", "postcode"),
)
# The prior (how likely two victims are one person) is estimated from these.
PRIOR_RULES = (("forename", "surname", "dob"),)
# u (how often two different people agree by chance) from this many random pairs: the most
# costly step of training (string distances), and as good at half a million as at two.
U_PAIRS = 5e5
# EM is trained on these blocks (each leaves the others' fields free to be estimated).
TRAINING_BLOCKS = (("dob",), ("surname", "forename"), ("postcode",))
# Fewer victims than this are too few for EM to learn from: the starter model is used instead
# (trained on the synthetic truth set, tests/linking/person_truth.py; no one's personal data).
MIN_TRAINING = 5000
STARTER_MODEL = Path(__file__).with_name("person_model.json")
FRAME_SCHEMA = {
    "victim_id": pl.Int64,
    "forename": pl.Utf8,
    "surname": pl.Utf8,
    "dob": pl.Utf8,
    "postcode": pl.Utf8,
    "phone": pl.Utf8,
    "email": pl.Utf8,
}

# How a victim was joined to its person, as `cluster` writes it (PersonMember.agreed; read back
# by rules.person_link_kind): an exact key's fields after EXACTLY, or an officer's confirmation.
EXACTLY = "exactly: "
CONFIRMED = "confirmed by an officer"

logging.getLogger("splink").setLevel(logging.WARNING)
logger = logging.getLogger(__name__)


class Engine(StrEnum):
    """Where Splink scores the candidate pairs (step 3)."""

    DUCKDB = "duckdb"  # in the process: the default
    SPARK = "spark"  # on Spark (linking.spark): local mode, or a cluster


def normalise(victims: pl.DataFrame) -> pl.DataFrame:
    """(victim_id, forename, surname, dob, postcode, phone, email) as typed, to the same columns
    as compared: text folded, empty as null, dob as ISO text."""
    col = pl.col

    def name(c: str) -> pl.Expr:
        folded = col(c).fill_null("").str.to_lowercase().str.replace_all(r"[\s'\u2019.\-]", "")
        return pl.when(folded == "").then(None).otherwise(folded).alias(c)

    digits = col("phone").fill_null("").str.replace_all(r"\D", "")
    # "+44 7700 900111", "0044 7700 900111" and "+44 (0)7700 900111" are "07700900111".
    international = (
        pl.when(digits.str.starts_with("0044"))
        .then(digits.str.slice(4))
        .when(digits.str.starts_with("44") & (digits.str.len_chars() >= 12))
        .then(digits.str.slice(2))
    )
    national = (
        pl.when(international.is_not_null())
        .then("0" + international.str.strip_prefix("0"))
        .otherwise(digits)
    )
    postcode = col("postcode").fill_null("").str.to_uppercase().str.replace_all(r"\s", "")
    email = col("email").fill_null("").str.strip_chars().str.to_lowercase()
    dob = col("dob")
    if victims.schema.get("dob") != pl.Utf8:
        dob = dob.cast(pl.Date).dt.strftime("%Y-%m-%d")
    return victims.select(
        col("victim_id").cast(pl.Int64),
        name("forename"),
        name("surname"),
        dob.alias("dob"),
        pl.when(postcode.str.len_chars() >= 5).then(postcode).alias("postcode"),
        pl.when(national.str.len_chars() >= 10).then(national).alias("phone"),
        pl.when(email.str.contains("@")).then(email).alias("email"),
    )


class UnionFind:
    """Groups of victims, joined pair by pair; `apart` pairs are never put in one group."""

    def __init__(self, apart: Iterable[tuple[int, int]] = ()) -> None:
        self.parent: dict[int, int] = {}
        self.apart: dict[int, set[int]] = {}
        for a, b in apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)
        # Who is kept apart, by group root (each member's constraints, gathered at its root).
        self.forbidden: dict[int, set[int]] = {}
        for victim in self.apart:
            self.forbidden[victim] = set(self.apart[victim])

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        """Join a's group and b's; False (nothing joined) if a break keeps them apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        fa, fb = self.forbidden.get(ra), self.forbidden.get(rb)
        if fa or fb:
            roots_a = {self.find(v) for v in fa or ()}
            roots_b = {self.find(v) for v in fb or ()}
            if rb in roots_a or ra in roots_b:
                return False
        if ra > rb:  # the lower id is the root: a person is named by its lowest victim id
            ra, rb = rb, ra
            fa, fb = fb, fa
        self.parent[rb] = ra
        if fb:
            self.forbidden[ra] = (fa or set()) | fb
            self.forbidden.pop(rb, None)
        return True


def exact_edges(frame: pl.DataFrame) -> pl.DataFrame:
    """(victim_l, victim_r, agreed) for victims equal on a pre-clustering key: each victim to
    the lowest victim id with the same key (a star per key, enough to join them)."""
    parts = []
    for key in EXACT_KEYS:
        present = frame.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in key))
        parts.append(
            present.select(
                pl.col("victim_id").min().over(list(key)).alias("victim_l"),
                pl.col("victim_id").alias("victim_r"),
                pl.lit(EXACTLY + ", ".join(FIELDS[c] for c in key)).alias("agreed"),
            ).filter(pl.col("victim_l") != pl.col("victim_r"))
        )
    return pl.concat(parts).unique(["victim_l", "victim_r"], keep="first", maintain_order=True)


def settings(model: dict[str, Any] | None = None) -> Any:
    """The Splink settings: comparisons, blocking rules and (when a trained model is given, as
    saved by `save_model_to_json`) its parameters."""
    if model is not None:
        return model
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="victim_id",
        comparisons=[
            cl.JaroWinklerAtThresholds("forename", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.DamerauLevenshteinAtThresholds("dob", [1, 2]),
            cl.LevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("phone"),
            cl.ExactMatch("email"),
        ],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in BLOCKING],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


@cache
def _starter() -> str:
    return STARTER_MODEL.read_text()


def starter_model() -> dict[str, Any]:
    """The model used until enough victims are held to train one (MIN_TRAINING)."""
    model: dict[str, Any] = json.loads(_starter())
    return model


def in_dialect(model: dict[str, Any], dialect: str) -> dict[str, Any]:
    """The model (as saved) in another engine's SQL ("spark", "duckdb"): the same parameters,
    each comparison level's condition as the comparison library writes it there (Splink's own
    string distance functions on Spark, identifiers quoted its way). Blocking rules keep the
    dialect they name: Splink translates them. A model whose comparisons are not those of
    `settings()` raises ValueError."""
    rendered = settings().create_settings_dict(dialect)["comparisons"]
    out = deepcopy(model)
    out["sql_dialect"] = dialect
    held = out["comparisons"]
    if [c["output_column_name"] for c in held] != [c["output_column_name"] for c in rendered]:
        raise ValueError("The model compares other fields than linking.persons.settings()")
    for comparison, ours in zip(held, rendered, strict=True):
        levels, conditions = comparison["comparison_levels"], ours["comparison_levels"]
        if len(levels) != len(conditions):
            raise ValueError(f"The model's {comparison['output_column_name']} has other levels")
        for level, condition in zip(levels, conditions, strict=True):
            level["sql_condition"] = condition["sql_condition"]
    return out


def _linker(
    frame: pl.DataFrame,
    model: dict[str, Any] | None,
    engine: Engine,
    surname_tf: pl.DataFrame | None = None,
) -> Any:
    from splink import DuckDBAPI, Linker

    if engine is Engine.SPARK:
        if surname_tf is not None:
            raise ValueError("Surname frequencies are given to DuckDB runs only (incremental)")
        from . import spark

        api = spark.api()
        if model is not None:
            model = in_dialect(model, "spark")
        # A name of Splink's choosing: the session outlives the run, and the view is replaced.
        table = api.register(frame.to_arrow())
        return Linker(table, settings(model), log_level=None)
    duckdb = DuckDBAPI()
    table = duckdb.register(frame.to_arrow(), dataset_display_name="victims")
    linker = Linker(table, settings(model), log_level=None)
    if surname_tf is not None:
        # How common each surname is among every victim held, not only those read (an
        # incremental run reads a few): (surname, tf_surname), as Splink computes it.
        lookup = duckdb.register(surname_tf.to_arrow(), dataset_display_name="surname_tf")
        linker.table_management.register_term_frequency_lookup(lookup, "surname")
    return linker


def train(frame: pl.DataFrame, *, seed: int = 13) -> dict[str, Any]:
    """Train a model on these (normalised) victims: the prior from the exact
    keys, u by random sampling, m by EM over TRAINING_BLOCKS. Returns the model as JSON. On
    DuckDB whichever engine scores (the victims are in the process already, and the work is
    bounded: U_PAIRS, the training blocks), so that one model, trained one way, serves both."""
    from splink import block_on

    linker = _linker(frame, None, Engine.DUCKDB)
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*rule) for rule in PRIOR_RULES], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=seed)
    try:
        for block in TRAINING_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*block), estimate_without_term_frequencies=True
            )
    except ValueError as problem:
        # EM can drive a level never seen inside a training block to m = 0, which Splink
        # refuses ("below the minimum allowed value"): a set too uniform to learn from. The
        # starter model links it instead (it was trained on the varied truth set), rather than
        # the run failing.
        logger.warning("Person model not trained (%s): the starter model is used", problem)
        return starter_model()
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return model


def _gammas(pairs: pl.DataFrame) -> pl.Expr:
    """Which fields agreed on each scored pair, in words ("surname, date of birth"): those whose
    match weight counted for the match."""
    return pl.concat_str(
        [
            pl.when(pl.col(f"mw_{field}") > 0).then(pl.lit(words))
            for field, words in FIELDS.items()
            if f"mw_{field}" in pairs.columns
        ],
        separator=", ",
        ignore_nulls=True,
    ).alias("agreed")


def score(
    frame: pl.DataFrame,
    model: dict[str, Any],
    *,
    new: Sequence[int] | None = None,
    engine: Engine = Engine.DUCKDB,
    surname_tf: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Scored candidate pairs (victim_l, victim_r, probability, agreed) at or above THRESHOLD,
    on `engine`. With `new`, only pairs with at least one new victim are scored (an
    incremental run: the rest were scored before). `surname_tf` (surname, tf_surname): how
    common each surname is, when `frame` is not every victim (DuckDB only)."""
    if frame.height < 2:
        return pl.DataFrame(
            schema={
                "victim_l": pl.Int64,
                "victim_r": pl.Int64,
                "probability": pl.Float64,
                "agreed": pl.Utf8,
            }
        )
    if new is not None:
        fresh = set(new)
        frame = frame.with_columns(pl.col("victim_id").is_in(list(fresh)).alias("is_new"))
        rules = [
            " and ".join(f"l.{c} = r.{c}" for c in rule) + " and (l.is_new or r.is_new)"
            for rule in BLOCKING
        ]
        model = {
            **model,
            "blocking_rules_to_generate_predictions": [
                {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in rules
            ],
        }
    linker = _linker(frame, model, engine, surname_tf)
    predicted = linker.inference.predict(threshold_match_probability=THRESHOLD)
    found: pl.DataFrame
    if engine is Engine.SPARK:
        found = pl.DataFrame(pl.from_arrow(predicted.as_pyarrow_table()))
        # The session outlives the run: its tables (the victims too) are dropped now.
        linker.table_management.delete_tables_created_by_splink_from_db()
        for table in linker._input_tables_dict.values():
            table.drop_table_from_database_and_remove_from_cache()
    else:
        found = predicted.as_duckdbpyrelation().pl()
    return found.select(
        pl.col("victim_id_l").cast(pl.Int64).alias("victim_l"),
        pl.col("victim_id_r").cast(pl.Int64).alias("victim_r"),
        pl.col("match_probability").cast(pl.Float64).alias("probability"),
        _gammas(found),
    )


@dataclass(frozen=True)
class Decisions:
    """Officers' decisions on pairs of victims: `joined` are one person, `apart` are not."""

    joined: list[tuple[int, int]]
    apart: list[tuple[int, int]]


def cluster(
    victim_ids: Sequence[int],
    exact: pl.DataFrame,
    scored: pl.DataFrame,
    decisions: Decisions,
    *,
    held: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """(victim_id, anchor, probability, agreed) for every victim: `anchor` the lowest victim id
    of its person; `probability` and `agreed` of the link that joined it (1.0 and "confirmed
    by an officer" or "exactly: forename, surname, date of birth" for a decided or exact link;
    null for a victim alone). Joins in order: officers' confirmations, the persons already
    `held` (victim_id, anchor, probability, agreed) for an incremental run, exact matches,
    then scored pairs from the most probable; none that an officer's break forbids."""
    groups = UnionFind(decisions.apart)
    how: dict[int, tuple[float, str]] = {}

    def join(a: int, b: int, probability: float, agreed: str) -> None:
        if groups.union(a, b):
            for victim in (a, b):
                if victim not in how or how[victim][0] < probability:
                    how[victim] = (probability, agreed)

    for a, b in decisions.joined:
        join(a, b, 1.0, CONFIRMED)
    if held is not None:
        for victim, anchor, probability, agreed in held.select(
            "victim_id", "anchor", "probability", "agreed"
        ).iter_rows():
            if victim != anchor:
                groups.union(victim, anchor)
            if probability is not None:
                how[victim] = (probability, agreed or "")
    for a, b, agreed in exact.select("victim_l", "victim_r", "agreed").iter_rows():
        join(a, b, 1.0, agreed)
    ordered = scored.sort("probability", "victim_l", "victim_r", descending=[True, False, False])
    for a, b, probability, agreed in ordered.select(
        "victim_l", "victim_r", "probability", "agreed"
    ).iter_rows():
        join(a, b, probability, agreed)
    ids = list(victim_ids)
    return pl.DataFrame(
        {
            "victim_id": ids,
            "anchor": [groups.find(v) for v in ids],
            "probability": [how.get(v, (None, None))[0] for v in ids],
            "agreed": [how.get(v, (None, None))[1] for v in ids],
        },
        schema={
            "victim_id": pl.Int64,
            "anchor": pl.Int64,
            "probability": pl.Float64,
            "agreed": pl.Utf8,
        },
    )


def representatives(frame: pl.DataFrame, exact: pl.DataFrame) -> pl.DataFrame:
    """One victim per pre-cluster (its lowest id), with each field filled from any member that
    has it: the probabilistic step compares groups, not every copy."""
    groups = UnionFind()
    for a, b in exact.select("victim_l", "victim_r").iter_rows():
        groups.union(a, b)
    roots = pl.DataFrame(
        {"victim_id": list(groups.parent), "root": [groups.find(v) for v in groups.parent]},
        schema={"victim_id": pl.Int64, "root": pl.Int64},
    )
    return (
        frame.join(roots, on="victim_id", how="left")
        .with_columns(pl.col("root").fill_null(pl.col("victim_id")))
        .sort("victim_id")
        .group_by("root", maintain_order=True)
        .agg(pl.all().exclude("victim_id", "root").drop_nulls().first())
        .rename({"root": "victim_id"})
        .select(list(FRAME_SCHEMA))
    )


def link(
    victims: pl.DataFrame,
    *,
    model: dict[str, Any] | None = None,
    decisions: Decisions | None = None,
    engine: Engine = Engine.DUCKDB,
) -> tuple[pl.DataFrame, dict[str, Any]]:
    """Every victim to a person: (victim_id, anchor, probability, agreed), and the model used
    (trained here, on DuckDB, when none is given); the pairs scored on `engine`."""
    decisions = decisions or Decisions([], [])
    frame = normalise(victims)
    exact = exact_edges(frame)
    reps = representatives(frame, exact)
    if model is None:
        # Trained on every victim: the exact matches show EM what agreement looks like.
        model = train(frame) if frame.height >= MIN_TRAINING else starter_model()
    scored = score(reps, model, engine=engine)
    return cluster(frame["victim_id"].to_list(), exact, scored, decisions), model


def link_new(
    victims: pl.DataFrame,
    new: Sequence[int],
    held: pl.DataFrame,
    *,
    model: dict[str, Any],
    decisions: Decisions | None = None,
    surname_tf: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """New victims against those held (`held`: victim_id, anchor, probability, agreed of every
    victim already in a person): only pairs with a new victim are scored, and the persons held
    stay as they are but for the new victims joining them (and the persons a new victim joins
    together). `victims` may be only the new ones and those held that share a BLOCKING key
    with one of them (with the rest of their persons, in `held` too): the pairs scored are the
    same, given `surname_tf` over every victim (see `score`)."""
    decisions = decisions or Decisions([], [])
    frame = normalise(victims)
    fresh = pl.Series(list(new), dtype=pl.Int64)
    exact = exact_edges(frame).filter(
        pl.col("victim_l").is_in(fresh.implode()) | pl.col("victim_r").is_in(fresh.implode())
    )
    scored = score(frame, model, new=new, surname_tf=surname_tf)
    return cluster(frame["victim_id"].to_list(), exact, scored, decisions, held=held)
