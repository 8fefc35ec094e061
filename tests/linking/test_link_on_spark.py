"""Issue 13 item 7: `--engine spark` runs the same person linkage on Splink's Spark backend, and
on the same victims Spark and DuckDB agree (pairwise F1 of one against the other at least
0.999; here they are equal). One Spark session (local mode) serves the module and is stopped at
its end; Java must be installed (scripts/test installs it): nothing here is skipped."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from fraudcase.linking import persons, spark
from fraudcase.linking.persons import Engine
from tests.conftest import victim_row
from tests.linking.person_truth import pair_scores, victims

# Every test here on one xdist worker (scripts/test runs --dist loadgroup): one Spark start.
pytestmark = pytest.mark.xdist_group("spark")
ROWS = 3000


@pytest.fixture(scope="module", autouse=True)
def one_session():
    yield
    spark.stop()


@pytest.fixture(scope="module")
def truth():
    return victims(ROWS, seed=7)


@pytest.fixture(scope="module")
def linked(truth):
    """{engine: (pairs scored, persons found)} for the truth set with the starter model: the
    steps of persons.link (which `test_link_a_file_on_spark` runs whole)."""
    frame = persons.normalise(truth.drop("truth"))
    exact = persons.exact_edges(frame)
    reps = persons.representatives(frame, exact)
    ids = frame["victim_id"].to_list()
    found = {}
    for engine in Engine:
        scored = persons.score(reps, persons.starter_model(), engine=engine)
        found[engine] = scored, persons.cluster(ids, exact, scored, persons.Decisions([], []))
    return found


def test_spark_and_duckdb_find_the_same_persons(truth, linked):
    on_duckdb, on_spark = linked[Engine.DUCKDB][1], linked[Engine.SPARK][1]
    as_truth = on_duckdb.select("victim_id", truth="anchor")
    agreement = pair_scores(as_truth, on_spark)
    assert agreement["true_pairs"] > 500
    assert agreement["f1"] >= 0.999, agreement
    assert pair_scores(on_spark.select("victim_id", truth="anchor"), on_duckdb)["f1"] >= 0.999
    # And as well as each other against the truth.
    assert pair_scores(truth, on_spark)["f1"] == pytest.approx(pair_scores(truth, on_duckdb)["f1"])
    # Each victim's person, link probability and fields agreed: the same.
    assert on_spark.sort("victim_id").equals(on_duckdb.sort("victim_id"))


def test_the_pairs_scored_and_their_probabilities_agree(linked):
    """The kept model is one JSON for both engines: the same pairs score the same."""
    on_duckdb, on_spark = linked[Engine.DUCKDB][0], linked[Engine.SPARK][0]
    both = on_duckdb.join(on_spark, on=["victim_l", "victim_r"], how="full", coalesce=True)
    assert on_duckdb.height > 20
    assert both.height == on_duckdb.height == on_spark.height
    assert (both["probability"] - both["probability_right"]).abs().max() < 1e-9
    assert (both["agreed"] == both["agreed_right"]).all()


def test_a_model_for_other_comparisons_is_refused():
    model = persons.starter_model()
    model["comparisons"] = model["comparisons"][:-1]
    with pytest.raises(ValueError, match="other fields"):
        persons.in_dialect(model, "spark")


@pytest.mark.django_db
def test_link_a_file_on_spark(write_package, tmp_path):
    people = victims(200, seed=11)
    rows = [
        victim_row(
            n,
            package_ref=f"NFIB-SPARK-{n}",
            forename=p["forename"],
            surname=p["surname"],
            dob=p["dob"] or "",
            postcode=p["postcode"],
            phone=p["phone"],
            email=p["email"],
            suspect_phone=f"07700 900{n % 40:03d}",
        )
        for n, p in enumerate(people.iter_rows(named=True), start=1)
    ]
    path = write_package(rows)
    out = {}
    for engine in Engine:
        printed = StringIO()
        call_command(
            "link",
            str(path),
            "--out",
            str(tmp_path / f"{engine}.csv"),
            "--engine",
            engine.value,
            "--json",
            stdout=printed,
        )
        summary = json.loads(printed.getvalue())
        out[engine] = (summary["persons"], summary["series"], summary["rows"])
        assert (tmp_path / f"{engine}.csv").read_text().startswith("nfrc,person_id,series_id")
    assert out[Engine.SPARK] == out[Engine.DUCKDB]
    assert out[Engine.SPARK][2] == 200 and out[Engine.SPARK][0] < 200
    assert (tmp_path / "spark.csv").read_text() == (tmp_path / "duckdb.csv").read_text()


@pytest.mark.django_db
def test_link_the_reports_held_on_spark(import_rows):
    """`fraudcase link --engine spark`: the reports held, their persons as DuckDB found them
    after each import (the incremental runs stay on DuckDB)."""
    from fraudcase.linking.models import PersonMember

    margaret = {
        "forename": "Margaret",
        "surname": "Thompson",
        "dob": "1942-03-04",
        "postcode": "LE2 7QT",
        "phone": "07700900111",
        "email": "m.thompson@example.com",
    }
    other = {"forename": "Declan", "surname": "Szymanski", "dob": "1971-02-03"}
    import_rows(
        (1, margaret),
        (2, {**margaret, "surname": "Thomspon", "phone": "+44 7700 900111", "email": ""}),
        (3, other),
    )
    import_rows(
        (4, {**margaret, "forename": "MARGARET", "surname": "THOMPSON", "postcode": "le27qt"}),
        (5, {**margaret, "dob": "", "email": "M.Thompson@Example.COM", "phone": ""}),
    )

    def persons_held():
        rows = PersonMember.objects.values_list("person__anchor", "victim_id", "agreed")
        return sorted(rows)

    after_imports = persons_held()
    printed = StringIO()
    call_command("link", "--engine", "spark", "--json", stdout=printed)
    assert json.loads(printed.getvalue())["persons"]["persons"] == 2
    assert persons_held() == after_imports
    assert any(agreed.startswith("forename") for _, _, agreed in after_imports), (
        "the typo's link was scored, not exact"
    )
