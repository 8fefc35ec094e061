"""After an import, the new victims are linked against the persons held reading only the victims
held that share a blocking key with one of them (and the rest of their persons), not every
victim held (issue 13, "at national scale"): the persons found are the same as reading
everything."""

from datetime import timedelta

import polars as pl
import pytest
from django.utils import timezone

from fraudcase.linking import personrun, persons
from fraudcase.linking.models import PersonMember
from fraudcase.reports.enums import Source, VictimType
from fraudcase.reports.models import Report, Victim

from .person_truth import pair_scores, victims

pytestmark = pytest.mark.django_db

HELD, NEW = 1400, 200


def hold(rows: pl.DataFrame) -> dict[int, int]:
    """Reports with these victims, in bulk; {truth-set victim_id: Victim id}."""
    now = timezone.now()
    reports = Report.objects.bulk_create(
        Report(
            local_reference=f"LINKTEST{n:06d}",
            source=Source.NFIB_DISSEMINATION,
            received_at=now - timedelta(days=1),
            recording_deadline=now,
        )
        for n in rows["victim_id"]
    )
    made = Victim.objects.bulk_create(
        Victim(
            report=report,
            victim_type=VictimType.INDIVIDUAL,
            forename=row["forename"] or "",
            surname=row["surname"] or "",
            dob=row["dob"],
            postcode=row["postcode"] or "",
            phone=row["phone"] or "",
            email=row["email"] or "",
        )
        for report, row in zip(reports, rows.iter_rows(named=True), strict=True)
    )
    return dict(zip(rows["victim_id"], (v.id for v in made), strict=True))


def groups() -> list[list[int]]:
    found: dict[int, list[int]] = {}
    for person, victim in PersonMember.objects.values_list("person_id", "victim_id"):
        found.setdefault(person, []).append(victim)
    return sorted(sorted(g) for g in found.values() if len(g) > 1)


@pytest.fixture
def truth():
    return victims(HELD + NEW, seed=11)


@pytest.fixture
def linked(truth):
    """The first HELD victims linked (a run over everything), then the last NEW imported and
    linked incrementally."""
    ids = hold(truth.filter(pl.col("victim_id") <= HELD))
    personrun.link_persons()
    ids |= hold(truth.filter(pl.col("victim_id") > HELD))
    new = [ids[n] for n in range(HELD + 1, HELD + NEW + 1)]
    result = personrun.link_new_victims(new)
    return ids, new, result


def test_only_the_victims_held_sharing_a_key_are_read(linked, truth):
    ids, new, result = linked
    assert result.held_read < HELD // 2, result
    assert result.victims_read == NEW + result.held_read
    # Exactly the victims held that share a blocking key with a new one are looked up (a victim
    # held sharing none is not read, unless it is in the person of one that does).
    keys = persons.normalise(truth)
    fresh = keys.filter(pl.col("victim_id") > HELD)
    sharing: set[int] = set()
    for rule in persons.BLOCKING:
        values = fresh.select(rule).drop_nulls().unique()
        sharing |= set(keys.join(values, on=list(rule))["victim_id"])
    expected = {ids[n] for n in sharing if n <= HELD}
    looked_up = personrun._sharing_a_key(persons.normalise(personrun._victims(new)))
    assert looked_up - set(new) == expected
    assert 0 < len(expected) <= result.held_read


def as_groups(found: pl.DataFrame) -> list[list[int]]:
    by_anchor: dict[int, list[int]] = {}
    for victim, anchor in found.select("victim_id", "anchor").iter_rows():
        by_anchor.setdefault(anchor, []).append(victim)
    return sorted(sorted(g) for g in by_anchor.values() if len(g) > 1)


def test_the_persons_are_those_of_a_read_of_every_victim(linked, truth):
    ids, new, _ = linked
    incremental = groups()
    # The same step reading every victim held (as before the read was restricted), from the
    # persons the first run found.
    everything = personrun._victims()
    model = persons.starter_model()
    held, _ = persons.link(everything.filter(~pl.col("victim_id").is_in(new)), model=model)
    unrestricted = persons.link_new(everything, new, held, model=model)
    assert incremental == as_groups(unrestricted)
    # And a run over everything (the run on demand) finds the same persons.
    personrun.link_persons()
    assert incremental == groups()
    back = {v: k for k, v in ids.items()}
    found = pl.DataFrame(
        [(back[v], a) for v, a in PersonMember.objects.values_list("victim_id", "person_id")],
        schema={"victim_id": pl.Int64, "anchor": pl.Int64},
        orient="row",
    )
    assert pair_scores(truth, found)["f1"] >= 0.97


def test_persons_written_before_keys_were_kept_are_linked_again_in_full(linked):
    _, new, _ = linked
    PersonMember.objects.update(keyed=False, surname_key=None)
    result = personrun.link_new_victims(new[:5])
    assert result.scope == "all"
    assert not PersonMember.objects.filter(keyed=False).exists()
    assert PersonMember.objects.filter(surname_key__isnull=False).count() == HELD + NEW
