"""Exhibits with continuity: the reference (the officer's initials and a number, unique on the
case), the seizure, every movement as an unbroken chain, digital exhibits with their SHA-256,
property returned or destroyed with the authority, and the exhibit list exported (issue 15,
item 4)."""

import hashlib
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import InvalidInput
from fraudcase.investigation import exhibits, services
from fraudcase.investigation.models import Exhibit, Movement
from fraudcase.reports.models import Report

from .conftest import file_url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _exhibit(file, *, seized_at=None, upload=None, initials="VI", description=""):
    return exhibits.record_exhibit(
        file,
        exhibits.ExhibitInput(
            initials=initials,
            description=description or "Mobile phone, black, cracked screen",
            seized_from="Courier (arrested)",
            seized_where="12 High Street, Leicester",
            seized_at=seized_at or timezone.now() - timedelta(days=2),
            seal_number="LP123456",
            storage_location="Property store, Euston Street",
            upload=upload,
        ),
    )


@pytest.fixture
def file(case, vft_investigator):
    return services.open_file(vft_investigator, case.local_reference)


def test_references_run_on_per_officers_initials(file):
    refs = [
        _exhibit(file).reference,
        _exhibit(file).reference,
        _exhibit(file, initials="ab").reference,
    ]
    assert refs == ["VI/1", "VI/2", "AB/1"]
    assert Movement.objects.filter(exhibit__reference="VI/1", end__isnull=True).count() == 1


def test_an_exhibit_is_recorded_on_the_page(client, case, vft_investigator):
    client.force_login(vft_investigator)
    seized = timezone.localtime() - timedelta(hours=3)
    form = {
        "initials": "VI",
        "description": "Bank statements",
        "seized_from": "Victim",
        "seized_where": "Victim's home",
        "seized_at": seized.strftime("%Y-%m-%dT%H:%M"),
        "seal_number": "",
        "storage_location": "Office safe",
    }
    answer = client.post(file_url(case, "exhibits/new/"), form)
    assert answer.status_code == 302, answer.context["form"].errors
    exhibit = Exhibit.objects.get()
    page = client.get(answer["Location"]).content.decode()
    assert "Exhibit VI/1" in page and "unbroken" in page
    listing = client.get(file_url(case, "exhibits/")).content.decode()
    assert "Bank statements" in listing
    assert exhibit.movements.get().held_by == str(vft_investigator)


def test_a_chain_of_movements_has_no_gap_and_no_overlap(file):
    exhibit = _exhibit(file, seized_at=timezone.now() - timedelta(days=2))
    lab = timezone.now() - timedelta(days=1)
    exhibits.move_exhibit(
        file, exhibit.pk, held_by="Forensic laboratory", at=lab, reason="Download"
    )
    back = timezone.now() - timedelta(hours=2)
    moved = exhibits.move_exhibit(
        file, exhibit.pk, held_by="Property store", at=back, reason="Returned from lab"
    )
    chain = [(m.held_by, m.start, m.end) for m in moved.movements.all()]
    assert [c[0] for c in chain] == [str(file.user), "Forensic laboratory", "Property store"]
    assert chain[0][2] == chain[1][1] and chain[1][2] == chain[2][1] and chain[2][2] is None
    assert exhibits.chain_problems(moved) == []
    # Before the current holder took it: the two would overlap. Nothing is saved.
    with pytest.raises(InvalidInput) as refused:
        exhibits.move_exhibit(
            file, exhibit.pk, held_by="Court", at=back - timedelta(minutes=1), reason="x"
        )
    assert "at" in refused.value.problems
    with pytest.raises(InvalidInput):
        exhibits.move_exhibit(
            file, exhibit.pk, held_by="Court", at=timezone.now() + timedelta(hours=1), reason="x"
        )
    assert Movement.objects.filter(exhibit=exhibit).count() == 3


def test_property_returned_with_authority_moves_no_more(file, client, vft_investigator):
    exhibit = _exhibit(file)
    at = timezone.now() - timedelta(hours=1)
    done = exhibits.dispose_exhibit(
        file, exhibit.pk, disposal="returned", authority="CPS: no further use", at=at
    )
    assert (done.disposal, done.disposal_authority, done.disposed_at) == (
        "returned",
        "CPS: no further use",
        at,
    )
    assert done.movements.get().end == at
    assert exhibits.chain_problems(done) == []
    with pytest.raises(InvalidInput):
        exhibits.move_exhibit(file, exhibit.pk, held_by="Court", at=timezone.now(), reason="x")
    client.force_login(vft_investigator)
    page = client.get(file_url(file.report, f"exhibits/{exhibit.pk}/")).content.decode()
    assert "Returned to the owner" in page and "Record a movement" not in page


def test_a_digital_exhibit_keeps_its_file_and_sha256(file, client, vft_investigator):
    upload = SimpleUploadedFile("statement.pdf", PDF, content_type="application/pdf")
    exhibit = _exhibit(file, upload=upload)
    assert exhibit.sha256 == hashlib.sha256(PDF).hexdigest()
    client.force_login(vft_investigator)
    answer = client.get(file_url(file.report, f"exhibits/{exhibit.pk}/file/"))
    assert b"".join(answer.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        action="disclosure", summary="Downloaded a digital exhibit"
    ).exists()


def test_a_file_that_is_not_what_it_says_is_refused(file):
    upload = SimpleUploadedFile("statement.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(InvalidInput) as refused:
        _exhibit(file, upload=upload)
    assert "upload" in refused.value.problems
    assert not Exhibit.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exhibit_list_exports_with_its_continuity(file, client, vft_investigator, fmt):
    exhibit = _exhibit(file, description='=HYPERLINK("x")')
    exhibits.move_exhibit(
        file,
        exhibit.pk,
        held_by="Forensic laboratory",
        at=timezone.now() - timedelta(hours=1),
        reason="Lab",
    )
    client.force_login(vft_investigator)
    answer = client.get(file_url(file.report, f"exhibits/?export={fmt}"))
    assert answer.status_code == 200
    if fmt == "csv":
        text = answer.content.decode()
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "VI/1" in text and "Continuity" in text and "Lab" in text
    assert "'=HYPERLINK" in text  # a formula neutralised
    assert AuditEvent.objects.filter(
        action="disclosure", summary="Exported the exhibit list"
    ).exists()


def test_an_exhibit_is_reached_only_through_its_own_case(
    file, client, case, ecu_investigator, supervisor
):
    exhibit = _exhibit(file)
    other = Report.objects.exclude(pk=case.pk).first()
    client.force_login(supervisor)
    assert client.get(file_url(other, f"exhibits/{exhibit.pk}/")).status_code == 404
    Report.objects.filter(pk=case.pk).update(restricted_to_team=file.case.team)
    client.force_login(ecu_investigator)
    for part in (
        "exhibits/",
        f"exhibits/{exhibit.pk}/",
        f"exhibits/{exhibit.pk}/file/",
        "exhibits/?export=csv",
    ):
        assert client.get(file_url(case, part)).status_code == 404
