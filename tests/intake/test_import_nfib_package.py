"""§5.1: one local reference per victim, every NFRC attached, nothing twice, bad files refused."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.models import ImportProfile
from fraudcase.reports.models import (
    DisseminationPackage,
    Identifier,
    NFRCNumber,
    Report,
    Victim,
)
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


def table_counts():
    return {
        m.__name__: m.objects.count()
        for m in (Report, Victim, NFRCNumber, DisseminationPackage, Identifier, AuditEvent)
    }


def test_each_victim_gets_one_local_reference_carrying_its_nfrc(assessor, example_package):
    result = import_nfib_package(example_package, user=assessor)
    assert result.created == 4
    assert result.packages_created == 2
    margaret = Report.objects.get(nfrc_numbers__number="NFRC261010000001")
    assert margaret.victim.display_name == "Margaret Osei"
    assert margaret.package.package_ref == "NFIB-PKG-10001"
    assert margaret.local_reference.startswith("FC/")
    assert margaret.recorded_by == assessor


def test_recording_deadline_is_24_hours_after_receipt(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    report = Report.objects.get(nfrc_numbers__number="NFRC261010000001")
    assert (report.recording_deadline - report.received_at).total_seconds() == 24 * 3600
    # Received when imported (§5.1.1), not at midnight of the dissemination date: see
    # test_record_when_a_package_was_received.py.
    assert report.received_at == report.package.received_at


def test_reimporting_a_package_creates_nothing_new(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    before = table_counts()
    again = import_nfib_package(example_package, user=assessor)
    assert again.created == 0
    assert again.already_recorded == 4
    assert "Nothing new" in again.message
    after = table_counts()
    assert after == before


def test_a_victim_with_several_nfrc_numbers_is_one_report(assessor, write_package):
    path = write_package(
        [
            victim_row(1, nfrc="NFRC261000000001; NFRC261000000002"),
            victim_row(1, nfrc="NFRC261000000003"),  # same person, same package, another row
            victim_row(2, nfrc="NFRC261000000020"),
        ]
    )
    result = import_nfib_package(path, user=assessor)
    assert result.created == 2
    report = Report.objects.get(nfrc_numbers__number="NFRC261000000003")
    assert sorted(report.nfrc_numbers.values_list("number", flat=True)) == [
        "NFRC261000000001",
        "NFRC261000000002",
        "NFRC261000000003",
    ]


def test_a_new_nfrc_for_a_victim_already_recorded_is_added_to_that_report(assessor, write_package):
    import_nfib_package(write_package([victim_row(1)]), user=assessor)
    result = import_nfib_package(
        write_package([victim_row(1, nfrc="NFRC261000000001 NFRC261000009999")]), user=assessor
    )
    assert (result.created, result.already_recorded, result.nfrc_added) == (0, 1, 1)
    assert Report.objects.get(nfrc_numbers__number="NFRC261000009999").nfrc_numbers.count() == 2


def test_an_invalid_file_is_rejected_whole_with_every_bad_cell(assessor, write_package):
    path = write_package(
        [
            victim_row(1),
            victim_row(2, nfrc=""),
            victim_row(3, disseminated_on="2026-02-31"),
            victim_row(4, loss_gbp="lots"),
            victim_row(5, victim_type="Alien"),
            victim_row(6, dob="31/13/1950"),
            victim_row(7, nfrc="12345"),
        ]
    )
    before = table_counts()
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    found = {(p.row, p.column) for p in rejected.value.problems}
    assert found == {
        (3, "nfrc"),
        (4, "disseminated_on"),
        (5, "loss_gbp"),
        (6, "victim_type"),
        (7, "dob"),
        (8, "nfrc"),
    }
    messages = " ".join(p.problem for p in rejected.value.problems)
    assert "'2026-02-31' is not a real date" in messages
    assert "'lots' is not an amount of money" in messages
    assert table_counts() == before


def test_a_missing_required_heading_is_named_with_the_profile(assessor, write_package):
    path = write_package(
        [victim_row(1)], columns=["package_ref", "disseminated_on", "victim_type", "surname"]
    )
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert [(p.column, p.problem) for p in rejected.value.problems] == [
        ("nfrc", "Missing required heading 'nfrc' (profile 'default')")
    ]


def test_an_nfrc_cannot_belong_to_two_victims_in_one_file(assessor, write_package):
    path = write_package([victim_row(1), victim_row(2, nfrc="NFRC261000000001")])
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(3, "nfrc")]
    assert Report.objects.count() == 0


def test_an_import_profile_maps_other_headings_without_code(assessor, write_package):
    ImportProfile.objects.create(
        name="leics",
        kind="nfib_package",
        date_format="%d/%m/%Y",
        column_map={
            "nfrc": "Crime Ref",
            "package_ref": "Package",
            "surname": "Last Name",
            "disseminated_on": "Date Disseminated",
            "victim_type": "Victim Type",
        },
    )
    path = write_package(
        [
            {
                "Crime Ref": "NFRC261000000042",
                "Package": "P1",
                "Last Name": "Shaw",
                "Date Disseminated": "05/10/2026",
                "Victim Type": "Individual",
            }
        ],
        columns=["Crime Ref", "Package", "Last Name", "Date Disseminated", "Victim Type"],
    )
    result = import_nfib_package(path, user=assessor, profile_name="leics")
    assert result.created == 1
    assert Report.objects.get().package.disseminated_on.isoformat() == "2026-10-05"


def test_xlsx_packages_import_like_csv(assessor, write_package):
    path = write_package([victim_row(1), victim_row(2)], suffix=".xlsx")
    assert import_nfib_package(path, user=assessor).created == 2


def test_suspect_identifiers_are_normalised_so_formats_match(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    phones = set(Identifier.objects.filter(kind="phone").values_list("normalised", flat=True))
    assert phones == {"+447700900123"}
    sites = set(Identifier.objects.filter(kind="website").values_list("normalised", flat=True))
    assert sites == {"bargain-vans.example"}
    accounts = Identifier.objects.filter(kind="uk_bank_account", normalised="401122-87654321")
    assert accounts.count() == 2


def test_command_prints_json_counts(assessor, example_package, capsys):
    call_command("import_nfib_package", str(example_package), "--json", "--user", "assessor")
    first = json.loads(capsys.readouterr().out)
    assert (first["created"], first["already_recorded"]) == (4, 0)
    call_command("import_nfib_package", str(example_package), "--json")
    second = json.loads(capsys.readouterr().out)
    assert (second["created"], second["already_recorded"]) == (0, 4)


def test_command_fails_and_lists_problems_for_a_bad_file(assessor, write_package, capsys):
    path = write_package([victim_row(1, loss_gbp="ten pounds")])
    with pytest.raises(CommandError):
        call_command("import_nfib_package", str(path), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["problems"] == [
        {"row": 2, "column": "loss_gbp", "problem": "'ten pounds' is not an amount of money"}
    ]


def test_import_writes_a_collection_audit_entry_per_report(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    refs = set(Report.objects.values_list("local_reference", flat=True))
    logged = set(
        AuditEvent.objects.filter(action="collection", object_type="report").values_list(
            "object_ref", flat=True
        )
    )
    assert logged == refs
