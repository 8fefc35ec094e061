"""Issue 13 item 6: `fraudcase link FILE --out OUT.csv` links a package file without touching
the reports held: one output row per input row (nfrc, person_id, series_id), the same series
rule as the reports held (stop list and cap included), and a bad file rejected whole."""

import json

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.linking.models import StopListEntry
from fraudcase.reports.models import Report
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


def link(path, out, *args):
    from io import StringIO

    printed = StringIO()
    call_command("link", str(path), "--out", str(out), "--json", *args, stdout=printed)
    return json.loads(printed.getvalue()), pl.read_csv(out, infer_schema=False)


def test_each_row_gets_its_person_and_series_and_nothing_is_recorded(write_package, tmp_path):
    people = [
        ("Margaret", "Osei", "1948-03-12"),
        ("Dev", "Mistry", "1979-11-30"),
        ("Albert", "Finch", "1937-06-02"),
        ("Harriet", "Bell", "1954-01-30"),
        ("Callum", "Price", "2001-02-14"),
    ]

    def row(n, person, **extra):
        forename, surname, dob = people[person]
        return victim_row(n, forename=forename, surname=surname, dob=dob, **extra)

    path = write_package(
        [
            row(1, 0, suspect_phone="07700 900123"),
            row(2, 1, suspect_phone="+44 7700 900123", package_ref="NFIB-PKG-2"),
            # The same person as row 1 in a later package, her name typed in capitals.
            victim_row(
                3, forename="MARGARET", surname="OSEI", dob="1948-03-12", package_ref="NFIB-PKG-3"
            ),
            row(4, 2, suspect_sort_code="40-11-22", suspect_account_number="87654321"),
            row(5, 3, suspect_sort_code="401122", suspect_account_number="8765 4321"),
            row(6, 4),
        ]
    )
    summary, out = link(path, tmp_path / "links.csv")

    assert out.columns == ["nfrc", "person_id", "series_id"]
    assert out["nfrc"].to_list() == [victim_row(n)["nfrc"] for n in range(1, 7)]
    persons = out["person_id"].to_list()
    assert persons[0] == persons[2], "the same name and date of birth is one person"
    assert len(set(persons)) == 5
    series = out["series_id"].to_list()
    assert series[0] == series[1] is not None, "a phone in two formats joins two victims"
    assert series[3] == series[4] is not None, "a sort code and account in two formats"
    assert series[0] != series[3]
    assert series[2] is None and series[5] is None
    assert summary["rows"] == 6 and summary["persons"] == 5 and summary["series"] == 2
    assert summary["seconds"] >= 0
    assert Report.objects.count() == 0


def test_two_people_with_one_name_and_different_birthdays_stay_apart(write_package, tmp_path):
    path = write_package(
        [
            victim_row(1, forename="Anna", surname="Nowak", dob="1950-01-01"),
            victim_row(
                2, forename="Anna", surname="Nowak", dob="1962-05-17", package_ref="NFIB-PKG-2"
            ),
            # No date of birth: the same name and e-mail make her the first Nowak.
            victim_row(3, forename="Anna", surname="Nowak", dob="", email="a.nowak@mail.example"),
            victim_row(
                4, forename="Anna", surname="Nowak", dob="1950-01-01", email="A.Nowak@Mail.example "
            ),
            # A typo in the surname and the same date of birth: the same person still.
            victim_row(5, forename="Anna", surname="Nowack", dob="1950-01-01", postcode="LE1 1AA"),
        ]
    )
    _, out = link(path, tmp_path / "links.csv")
    people = out["person_id"].to_list()
    assert people[0] == people[3] == people[2]
    assert people[0] != people[1]
    assert people[4] == people[0], "a misspelt surname is found by the person linkage"


def test_a_stop_listed_identifier_joins_nothing(write_package, tmp_path):
    StopListEntry.objects.create(kind="website", value="marketplace.example", reason="platform")
    path = write_package(
        [
            victim_row(1, suspect_website="https://www.marketplace.example/item/1"),
            victim_row(2, suspect_website="marketplace.example/item/2"),
        ]
    )
    summary, out = link(path, tmp_path / "links.csv")
    assert out["series_id"].null_count() == 2
    assert summary["series"] == 0


def test_a_bad_file_is_rejected_whole_and_no_links_are_written(write_package, tmp_path):
    path = write_package(
        [victim_row(1), victim_row(2, nfrc="12345", dob="1950-02-30"), victim_row(3, nfrc="")]
    )
    out = tmp_path / "links.csv"
    with pytest.raises(CommandError, match="Nothing was linked") as rejected:
        call_command("link", str(path), "--out", str(out))
    message = str(rejected.value)
    assert "'12345' is not an NFRC number" in message
    assert "'1950-02-30' is not a real date" in message
    assert "NFRC number is missing" in message
    assert not out.exists()


def test_out_is_needed_with_a_file_and_only_with_one(write_package, tmp_path):
    path = write_package([victim_row(1)])
    with pytest.raises(CommandError, match="--out"):
        call_command("link", str(path))
    with pytest.raises(CommandError, match="--out is for linking a FILE"):
        call_command("link", "--out", str(tmp_path / "x.csv"))
