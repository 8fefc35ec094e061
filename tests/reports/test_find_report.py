"""A report is found by local reference, any NFRC, victim name, postcode or suspect identifier."""

import pytest
from django.db import IntegrityError, transaction

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from fraudcase.reports.models import NFRCNumber, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(assessor, example_package):
    import_nfib_package(example_package, user=assessor)


def found(user, term):
    return {r.victim.display_name for r in services.search_reports(user, term)}


@pytest.mark.parametrize(
    ("term", "names"),
    [
        ("NFRC261010000004", {"Albert Finch"}),
        ("nfrc261010000004", {"Albert Finch"}),
        ("osei", {"Margaret Osei"}),
        ("Wharf Street", {"Wharf Street Bakery Ltd"}),
        ("le27qt", {"Margaret Osei"}),
        ("LE2 7QT", {"Margaret Osei"}),
        ("+44 7700 900123", {"Margaret Osei", "Dev Mistry"}),
        ("07700900123", {"Margaret Osei", "Dev Mistry"}),
        ("40-11-22 87654321", {"Margaret Osei", "Dev Mistry"}),
        ("https://www.bargain-vans.example/anything", {"Margaret Osei", "Dev Mistry"}),
        ("LEE.BARTON@mail.example", {"Margaret Osei"}),
        ("Barton", {"Margaret Osei", "Dev Mistry"}),
        ("NFRC999999999999", set()),
    ],
)
def test_search_finds_reports_the_way_officers_type_them(imported, assessor, term, names):
    assert found(assessor, term) == names


def test_search_by_local_reference(imported, assessor):
    ref = Report.objects.get(nfrc_numbers__number="NFRC261010000003").local_reference
    assert found(assessor, ref) == {"Wharf Street Bakery Ltd"}
    assert found(assessor, ref.lower()) == {"Wharf Street Bakery Ltd"}


def test_an_nfrc_number_cannot_belong_to_two_victims(imported):
    other = Report.objects.exclude(nfrc_numbers__number="NFRC261010000001").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        NFRCNumber.objects.create(number="NFRC261010000001", report=other)


def test_reports_find_command(imported, assessor, capsys):
    from django.core.management import call_command

    call_command("reports_find", "NFRC261010000002", "--user", "assessor", "--json")
    out = capsys.readouterr().out
    assert '"victim": "Dev Mistry"' in out
    assert '"nfrc_numbers": ["NFRC261010000002"]' in out


def test_report_page_shows_source_victim_suspects_and_timeline(imported, assessor, client):
    client.force_login(assessor)
    ref = Report.objects.get(nfrc_numbers__number="NFRC261010000001").local_reference
    page = client.get(f"/reports/{ref}/")
    assert page.status_code == 200
    html = page.content.decode()
    for expected in (
        "NFRC261010000001",
        "Margaret Osei",
        "NFIB dissemination",
        "Lee Barton",
        "+447700900123",
        "Recorded from NFIB dissemination package NFIB-PKG-10001",
    ):
        assert expected in html


def test_officers_add_to_the_enquiry_log(imported, assessor, client):
    client.force_login(assessor)
    ref = Report.objects.get(nfrc_numbers__number="NFRC261010000001").local_reference
    response = client.post(f"/reports/{ref}/", {"text": "Called victim; statement arranged"})
    assert response.status_code == 302
    entry = Report.objects.get(local_reference=ref).log_entries.first()
    assert (entry.text, entry.author) == ("Called victim; statement arranged", assessor)


def test_search_page_lists_and_exports(imported, assessor, client):
    client.force_login(assessor)
    page = client.get("/reports/", {"q": "07700 900123"})
    assert "2 reports found" in page.content.decode()
    export = client.get("/reports/", {"q": "07700 900123", "export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert b"Margaret" in export.content and b"Mistry" in export.content
