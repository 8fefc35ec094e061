"""Issue 16: the report page takes the same number of queries whatever the report holds:
suspects and their identifiers, enquiry log entries, status changes, material, evaluations,
evidence asked for."""

import pytest
from django.utils import timezone

from fraudcase.reports.enums import EntryKind, IdentifierKind
from fraudcase.reports.models import (
    Attachment,
    EnquiryLogEntry,
    Identifier,
    Report,
    StatusChange,
    Suspect,
)
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(supervisor, example_package):
    from fraudcase.intake.importing import import_nfib_package

    import_nfib_package(example_package, user=supervisor)
    return Report.objects.get(nfrc_numbers__number="NFRC261010000001")


def thirty_of_everything(report, user):
    now = timezone.now()
    for n in range(30):
        suspect = Suspect.objects.create(report=report, name=f"Suspect {n}", name_key=f"s{n}")
        Identifier.objects.create(
            report=report,
            suspect=suspect,
            kind=IdentifierKind.EMAIL,
            raw=f"s{n}@mail.example",
            normalised=f"s{n}@mail.example",
        )
        EnquiryLogEntry.objects.create(
            report=report, kind=EntryKind.NOTE, at=now, author=user, text=f"Note {n}"
        )
        StatusChange.objects.create(
            report=report,
            transition="assess",
            from_status="recorded",
            to_status="recorded",
            at=now,
            by=user,
        )
        Attachment.objects.create(
            report=report,
            filename=f"f{n}.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            storage_name=f"store-{n}",
            uploaded_by=user,
        )


def test_thirty_more_suspects_log_entries_changes_and_files_add_no_query(
    report, supervisor, client
):
    client.force_login(supervisor)
    url = f"/reports/{report.local_reference}/"
    assert_bounded(client, url, lambda: thirty_of_everything(report, supervisor))


def test_the_report_page_costs_the_same_with_a_few_reports_and_with_many(
    report, supervisor, client
):
    client.force_login(supervisor)
    assert_bounded(client, f"/reports/{report.local_reference}/", lambda: more_reports(150))


def test_the_report_answer_of_the_api_does_not_grow_with_the_report(report, supervisor, client):
    client.force_login(supervisor)
    url = f"/api/v1/reports/{report.local_reference}"
    assert_bounded(client, url, lambda: thirty_of_everything(report, supervisor))
