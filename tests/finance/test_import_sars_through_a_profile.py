"""Issue 14 item 1: "import profiles as for packages". A UKFIU file with other headings or
another date format is read through an import profile of kind "UKFIU SAR file", on the page, the
API and the command line alike; a profile that does not exist refuses the file and writes
nothing."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from fraudcase.core.errors import FileRejected
from fraudcase.finance import importing
from fraudcase.finance.models import Sar
from fraudcase.intake.models import ImportKind, ImportProfile

pytestmark = pytest.mark.django_db

THEIR_FILE = (
    "FIU Ref,Date Disclosed,Reporter,Subjects,Grounds,Consent Sought\n"
    "2026-0000101,02/11/2026,Castle Bank plc,Marcus Hale,Rapid movement of funds,Y\n"
    "2026-0000102,06/11/2026,Wharf Building Society,Hale Trading Ltd,Cash deposits,N\n"
)


@pytest.fixture
def their_profile(db):
    return ImportProfile.objects.create(
        name="ukfiu-2027",
        kind=ImportKind.SAR,
        column_map={
            "ukfiu_reference": "FIU Ref",
            "disclosed_on": "Date Disclosed",
            "reporting_institution": "Reporter",
            "subjects": "Subjects",
            "reason": "Grounds",
            "daml": "Consent Sought",
        },
        date_format="%d/%m/%Y",
    )


@pytest.fixture
def their_file(tmp_path):
    path = tmp_path / "ukfiu-november.csv"
    path.write_text(THEIR_FILE)
    return path


def test_a_file_with_other_headings_is_read_through_its_profile(finint, their_profile, their_file):
    done = importing.import_sars(their_file, user=finint, profile_name="ukfiu-2027")
    assert (done.added, done.already) == (2, 0)
    consent = Sar.objects.get(ukfiu_reference="2026-0000101")
    assert consent.disclosed_on == date(2026, 11, 2)
    assert consent.daml and consent.notice_ends is not None
    assert Sar.objects.get(ukfiu_reference="2026-0000102").reporting_institution == (
        "Wharf Building Society"
    )


def test_without_its_profile_the_file_is_refused_whole(finint, their_profile, their_file):
    with pytest.raises(FileRejected) as rejected:
        importing.import_sars(their_file, user=finint)
    assert "Missing required heading 'ukfiu_reference'" in rejected.value.problems[0].problem
    with pytest.raises(FileRejected) as rejected:
        importing.import_sars(their_file, user=finint, profile_name="no-such-profile")
    assert "No import profile 'no-such-profile'" in rejected.value.problems[0].problem
    assert Sar.objects.count() == 0


def test_a_package_profile_is_not_a_sar_profile(finint, their_profile, their_file):
    their_profile.kind = ImportKind.NFIB_PACKAGE
    their_profile.save()
    with pytest.raises(FileRejected):
        importing.import_sars(their_file, user=finint, profile_name="ukfiu-2027")
    assert Sar.objects.count() == 0


def test_the_command_takes_the_profile(finint, their_profile, their_file):
    out = StringIO()
    call_command(
        "sars_import",
        str(their_file),
        "--user",
        "finint",
        "--profile",
        "ukfiu-2027",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == {"added": 2, "already": 0}
    with pytest.raises(CommandError):
        call_command("sars_import", str(their_file), "--user", "finint", stdout=StringIO())


def test_the_import_page_takes_the_profile(client, finint, their_profile):
    client.force_login(finint)
    upload = SimpleUploadedFile("ukfiu.csv", THEIR_FILE.encode(), content_type="text/csv")
    answer = client.post(reverse("sar-import"), {"file": upload, "profile": "ukfiu-2027"})
    assert answer.status_code == 302
    assert Sar.objects.count() == 2


def test_the_api_takes_the_profile(client, finint, their_profile):
    from fraudcase.accounts.services import issue_token

    token = issue_token(finint, "test")
    upload = SimpleUploadedFile("ukfiu.csv", THEIR_FILE.encode(), content_type="text/csv")
    answer = client.post(
        "/api/v1/sars/import",
        {"file": upload, "profile": "ukfiu-2027"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json() == {"added": 2, "already": 0}
