"""A person run: every victim held linked to a person (linking.persons decides), written in
bulk; over every victim (the run on demand, after the series), or incrementally over the
victims of new reports (after an import), or over the persons an officer's decision touches.

The trained model is kept (PersonModel) and reused: a run trains only when none is held or
when asked to (`retrain`). Officers' decisions (PersonDecision) are applied on every run.
"""

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk
from fraudcase.reports.models import Victim
from fraudcase.reports.services import ERASED

from . import groups, persons
from .linkrun import CHUNK, Progress, _quiet
from .models import Person, PersonDecision, PersonDecisionKind, PersonMember, PersonModel

logger = logging.getLogger(__name__)
VICTIM_COLUMNS = ("id", "victim_type", "forename", "surname", "business_name", "dob")
CONTACT_COLUMNS = ("postcode", "phone", "email")
HELD_SCHEMA = {
    "victim_id": pl.Int64,
    "anchor": pl.Int64,
    "probability": pl.Float64,
    "agreed": pl.Utf8,
}
# The normalised fields kept on each person member (PersonMember.<field>_key).
KEYS = tuple(persons.FIELDS)
# Key values per statement in the incremental read (two per value for a two-field rule).
KEY_CHUNK = 1000


@dataclass
class PersonRunResult:
    scope: str  # "all", "new" or "decision"
    victims_read: int = 0
    # Of them, victims held read by an incremental run: those sharing a blocking key with a
    # new victim, and the rest of their persons.
    held_read: int = 0
    persons: int = 0
    repeat_persons: int = 0
    trained: bool = False
    seconds: float = 0.0

    @property
    def message(self) -> str:
        return (
            f"{self.victims_read:,} victims read: {self.persons:,} persons, "
            f"{self.repeat_persons:,} of them on more than one report"
            + (" (the model was trained)" if self.trained else "")
            + "."
        )

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "message": self.message}


def _victims(ids: Sequence[int] | None = None) -> pl.DataFrame:
    """The victims (all, or these ids) as persons.normalise reads them; an organisation's name
    stands as its surname."""
    columns = (*VICTIM_COLUMNS, *CONTACT_COLUMNS)
    if ids is None:
        rows: list[tuple[Any, ...]] = list(
            Victim.objects.order_by().values_list(*columns).iterator(chunk_size=CHUNK)
        )
    else:
        rows = []
        for chunk in _id_chunks(sorted(ids)):
            rows += Victim.objects.filter(id__in=chunk).order_by().values_list(*columns)
    frame = pl.DataFrame(
        rows,
        schema={
            "victim_id": pl.Int64,
            "victim_type": pl.Utf8,
            "forename": pl.Utf8,
            "surname": pl.Utf8,
            "business_name": pl.Utf8,
            "dob": pl.Date,
            "postcode": pl.Utf8,
            "phone": pl.Utf8,
            "email": pl.Utf8,
        },
        orient="row",
    )
    individual = pl.col("victim_type") == "individual"
    # Erased personal data links no one (reports.services.erase_personal_data).
    frame = frame.with_columns(
        pl.when(pl.col(c) != ERASED).then(pl.col(c)).alias(c)
        for c in ("forename", "surname", "business_name", *CONTACT_COLUMNS)
    )
    return frame.select(
        "victim_id",
        pl.when(individual).then(pl.col("forename")).alias("forename"),
        pl.when(individual)
        .then(pl.col("surname"))
        .otherwise(pl.col("business_name"))
        .alias("surname"),
        "dob",
        *CONTACT_COLUMNS,
    )


def _decisions() -> persons.Decisions:
    joined: list[tuple[int, int]] = []
    apart: list[tuple[int, int]] = []
    for a, b, decision in PersonDecision.objects.values_list("victim_a", "victim_b", "decision"):
        (joined if decision == PersonDecisionKind.CONFIRM else apart).append((a, b))
    return persons.Decisions(joined, apart)


def kept_model() -> dict[str, Any] | None:
    held = PersonModel.objects.order_by("-trained_at", "-id").first()
    return held.parameters if held else None


def link_persons(
    *,
    user: User | None = None,
    progress: Progress = _quiet,
    retrain: bool = False,
    engine: persons.Engine = persons.Engine.DUCKDB,
) -> PersonRunResult:
    """Link every victim held to a person (the run on demand); the pairs scored on `engine`."""
    started = timezone.now()
    progress("Reading every victim", 10)
    victims = _victims()
    model = None if retrain else kept_model()
    trains = model is None and victims.height >= persons.MIN_TRAINING
    result = PersonRunResult("all", victims_read=victims.height, trained=trains)
    progress(
        f"Linking {victims.height:,} victims into persons"
        + (" (training the model)" if trains else ""),
        40,
    )
    found, model = persons.link(victims, model=model, decisions=_decisions(), engine=engine)
    progress("Writing the persons (all or nothing)", 80)
    with transaction.atomic():
        if trains:
            PersonModel.objects.create(parameters=model, victims=victims.height)
        _write(found, None, result, victims)
        audit.record(
            user,
            AuditAction.COMBINATION,
            "linking-persons",
            "all",
            f"Linked every victim held into persons: {result.message}",
        )
    result.seconds = (timezone.now() - started).total_seconds()
    return result


def link_new_victims(
    victim_ids: Sequence[int], *, user: User | None = None, progress: Progress = _quiet
) -> PersonRunResult:
    """Link new victims against the persons held, with the model held (no retraining); only the
    persons they join are rewritten. Only the victims held that share a blocking key with a new
    one are read (set-based, through PersonMember's key indexes), with the rest of their
    persons. Without a model held, or with persons written before their keys were kept, every
    victim is linked."""
    model = kept_model()
    if model is None and Victim.objects.count() >= persons.MIN_TRAINING:
        return link_persons(user=user, progress=progress)
    if PersonMember.objects.filter(keyed=False).exists():
        return link_persons(user=user, progress=progress)
    model = model or persons.starter_model()
    started = timezone.now()
    new = sorted(set(victim_ids))
    fresh = _victims(new)
    fresh_keys = persons.normalise(fresh)
    near = _sharing_a_key(fresh_keys) - set(new)
    # With the rest of their persons (and of the new victims' own, if linked before).
    mates = sorted(_person_mates(near | set(new)) - set(new))
    victims = pl.concat([fresh, _victims(mates)])
    held = _held([*mates, *new])
    found = persons.link_new(
        victims,
        new,
        held,
        model=model,
        decisions=_decisions(),
        surname_tf=_surname_frequencies(fresh_keys, persons.normalise(victims)),
    )
    touched = found.filter(pl.col("victim_id").is_in(new))["anchor"].unique()
    scope = found.filter(pl.col("anchor").is_in(touched.implode()))
    # Only the memberships that change are written: the new victims', and those of victims
    # held whose person (or link) a new victim changed; the rest stay as they are.
    changed = _changed(scope, held)
    result = PersonRunResult("new", victims_read=victims.height, held_read=len(mates))
    with transaction.atomic():
        _write(changed, changed["victim_id"].to_list(), result, victims)
        sizes = scope.group_by("anchor").len()
        result.persons = sizes.height
        result.repeat_persons = sizes.filter(pl.col("len") > 1).height
        if result.repeat_persons:
            audit.record(
                user,
                AuditAction.COMBINATION,
                "linking-persons",
                "new",
                f"Linked {len(new):,} new victims into persons: {result.message}",
            )
    result.seconds = (timezone.now() - started).total_seconds()
    return result


def relink(victim_ids: Iterable[int]) -> PersonRunResult:
    """Link again the persons of these victims (after an officer's decision on them), with the
    model held and every decision: a broken link splits a person, a confirmed one joins two.
    Only pairs within those persons are scored."""
    scope = sorted(_person_mates(victim_ids))
    result = PersonRunResult("decision", victims_read=len(scope))
    victims = _victims(scope)
    model = kept_model() or persons.starter_model()
    found, _ = persons.link(victims, model=model, decisions=_decisions())
    _write(found, scope, result, victims)
    return result


def unlink_erased(report_id: int) -> None:
    """The report's victim is erased: it is a person alone, and the rest of its person is
    linked again (registered with reports.services.on_erasure; inside its transaction)."""
    victim = Victim.objects.filter(report_id=report_id).values_list("id", flat=True).first()
    if victim is not None:
        relink([victim])


def link_after_import(local_references: list[str], user: User | None, progress: Progress) -> None:
    """Registered with intake: after every NFIB package import, its new victims join persons.
    The import has been committed by then: a failure here is logged, and the next run on
    demand puts the persons right."""
    try:
        progress("Linking the new victims to the persons held", 97)
        ids: list[int] = []
        for chunk in bulk.chunked(local_references):
            ids += Victim.objects.filter(report__local_reference__in=chunk).values_list(
                "id", flat=True
            )
        if ids:
            link_new_victims(ids, user=user)
    except Exception:  # the import stands; the persons wait for the next run
        logger.exception("Linking victims to persons after the import failed; run `fraudcase link`")


def _id_chunks(ids: Sequence[int]) -> Iterator[Sequence[int] | RawSQL]:
    """The ids a few thousand at a time, for `__in`: on PostgreSQL 50,000 at a time as one
    array parameter (unnested), not thousands of parameters bound one by one."""
    if connection.vendor != "postgresql":
        yield from bulk.chunked(ids)
        return
    for start in range(0, len(ids), 50_000):
        yield RawSQL("SELECT unnest(%s::bigint[])", (list(ids[start : start + 50_000]),))


def _held(ids: Sequence[int]) -> pl.DataFrame:
    """(victim_id, anchor, probability, agreed) of these victims held."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _id_chunks(ids):
        rows += PersonMember.objects.filter(victim_id__in=chunk).values_list(
            "victim_id", "person__anchor", "probability", "agreed"
        )
    return pl.DataFrame(rows, schema=HELD_SCHEMA, orient="row")


def _changed(found: pl.DataFrame, held: pl.DataFrame) -> pl.DataFrame:
    """The rows of `found` (victim_id, anchor, probability, agreed) that are not as `held`."""
    before = held.select(
        "victim_id",
        pl.col("anchor").alias("was_anchor"),
        pl.col("probability").alias("was_probability"),
        pl.col("agreed").fill_null("").alias("was_agreed"),
    )
    same = (
        (pl.col("anchor") == pl.col("was_anchor"))
        & pl.col("probability").eq_missing(pl.col("was_probability"))
        & (pl.col("agreed").fill_null("") == pl.col("was_agreed"))
    )
    return (
        found.join(before, on="victim_id", how="left")
        .filter(~same.fill_null(False))
        .select(found.columns)
    )


def _sharing_a_key(keys: pl.DataFrame) -> set[int]:
    """The victims held that share a blocking key (persons.BLOCKING: every candidate pair of
    the probabilistic step, and so every exact pre-clustering key, which are narrower) with one
    of these normalised victims. Set-based: per rule, `IN` over the keys' values (PostgreSQL:
    unnested arrays, 10 x KEY_CHUNK at a time; SQLite: a VALUES list, KEY_CHUNK at a time),
    each value looked up in the rule's index."""
    table = connection.ops.quote_name(PersonMember._meta.db_table)
    postgres = connection.vendor == "postgresql"
    found: set[int] = set()
    with connection.cursor() as cursor:
        for rule in persons.BLOCKING:
            columns = ", ".join(connection.ops.quote_name(f"{field}_key") for field in rule)
            values = keys.select(rule).drop_nulls().unique().sort(list(rule))
            if postgres:
                # One array a field (a few parameters, not thousands to bind), unnested into
                # rows that probe the rule's index.
                arrays = ", ".join(["%s::text[]"] * len(rule))
                for start in range(0, values.height, KEY_CHUNK * 10):
                    part = values.slice(start, KEY_CHUNK * 10)
                    cursor.execute(
                        f"SELECT victim_id FROM {table} WHERE ({columns}) IN "
                        f"(SELECT * FROM unnest({arrays}))",
                        [part[field].to_list() for field in rule],
                    )
                    found.update(victim for (victim,) in cursor.fetchall())
                continue
            row = "(" + ", ".join(["%s"] * len(rule)) + ")"
            for chunk in bulk.chunked(values.rows(), KEY_CHUNK):
                cursor.execute(
                    f"SELECT victim_id FROM {table} WHERE ({columns}) IN "
                    f"(VALUES {', '.join([row] * len(chunk))})",
                    [value for values_row in chunk for value in values_row],
                )
                found.update(victim for (victim,) in cursor.fetchall())
    return found


def _surname_frequencies(new: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """(surname, tf_surname) for the surnames of `frame`: how often each is among every victim
    held and the `new` ones (Splink's term frequency, which the probabilistic step would count
    over every victim), counted through the surname index."""
    ids = new["victim_id"].to_list()
    names = frame["surname"].drop_nulls().unique().sort().to_list()
    counts: dict[str, int] = {}
    held = PersonMember.objects.filter(surname_key__isnull=False)
    for chunk in bulk.chunked(names):
        for name, n in (
            held.filter(surname_key__in=chunk)
            .order_by()
            .values_list("surname_key")
            .annotate(n=Count("*"))
        ):
            counts[name] = n
    total = held.count()
    # New victims already held (linked again) are counted once, as new.
    for chunk in bulk.chunked(ids):
        for again in held.filter(victim_id__in=chunk).values_list("surname_key", flat=True):
            if again is not None:
                counts[again] = counts.get(again, 0) - 1
            total -= 1
    for name, n in new.group_by("surname").len().drop_nulls("surname").iter_rows():
        counts[name] = counts.get(name, 0) + n
        total += n
    return pl.DataFrame(
        {"surname": names, "tf_surname": [counts.get(n, 0) / max(total, 1) for n in names]},
        schema={"surname": pl.Utf8, "tf_surname": pl.Float64},
    )


def _person_mates(victim_ids: Iterable[int]) -> set[int]:
    ids = sorted(set(victim_ids))
    mates: set[int] = set(ids)
    for chunk in _id_chunks(ids):
        held = PersonMember.objects.filter(victim_id__in=chunk).values("person_id")
        mates.update(
            PersonMember.objects.filter(person_id__in=held).values_list("victim_id", flat=True)
        )
    return mates


PERSONS = groups.Grouping(
    Person,
    PersonMember,
    "victim_id",
    "person_id",
    (
        "victim",
        "person",
        "probability",
        "agreed",
        *(f"{field}_key" for field in KEYS),
        "keyed",
    ),
)


def _write(
    found: pl.DataFrame, scope: list[int] | None, result: PersonRunResult, victims: pl.DataFrame
) -> None:
    """Rewrite the persons of the victims in `scope` (None: every victim) from `found`
    (victim_id, anchor, probability, agreed), with each victim's normalised keys (from
    `victims`, as read), in bulk; a person keeps its id while its anchor (lowest victim id)
    stays."""
    keys = persons.normalise(victims).select(
        "victim_id", *(pl.col(field).alias(f"{field}_key") for field in KEYS)
    )
    members = groups.rewrite(
        PERSONS,
        found.with_columns(pl.col("agreed").fill_null(""))
        .join(keys, on="victim_id", how="left")
        .with_columns(pl.lit(True).alias("keyed")),
        scope,
    ).members
    sizes = members.group_by("person_id").len()
    result.persons = sizes.height
    result.repeat_persons = sizes.filter(pl.col("len") > 1).height
