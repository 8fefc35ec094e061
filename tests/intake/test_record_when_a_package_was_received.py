"""§5.1.1: the 24 hours to record a dissemination run from when the force received it.

The import time by default; an earlier time given with its reason (page, API, command line);
never in the future nor before the dissemination date.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from fraudcase.accounts.services import issue_token
from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import LONDON, import_nfib_package
from fraudcase.reports.models import DisseminationPackage, EntryKind, Report
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db

REASON = "Arrived on the NFIB portal on Saturday while the unit was closed"


def yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def test_the_24_hours_run_from_the_import_not_from_midnight_of_the_dissemination_date(
    assessor, write_package
):
    before = timezone.now()
    import_nfib_package(write_package([victim_row(1, disseminated_on="2026-10-05")]), user=assessor)
    report = Report.objects.get()
    assert before <= report.received_at <= timezone.now()
    assert report.recording_deadline == report.received_at + timedelta(hours=24)
    assert report.recorded_at <= report.recording_deadline
    package = DisseminationPackage.objects.get()
    assert package.received_at == report.received_at
    assert package.received_reason == ""


def test_a_package_imported_the_morning_after_dissemination_is_not_counted_late(
    assessor, write_package, client
):
    import_nfib_package(write_package([victim_row(1, disseminated_on=yesterday())]), user=assessor)
    client.force_login(assessor)
    assert client.get("/").context["recorded_late"] == 0
    report = Report.objects.get()
    page = client.get(f"/reports/{report.local_reference}/").content.decode()
    assert "Within 24 hours" in page


def test_an_earlier_receipt_with_its_reason_starts_the_clock_and_is_on_the_timeline(
    assessor, write_package, client
):
    received = timezone.now() - timedelta(hours=30)
    import_nfib_package(
        write_package([victim_row(1, disseminated_on="2026-10-05")]),
        user=assessor,
        received_at=received,
        received_reason=REASON,
    )
    report = Report.objects.get()
    assert report.received_at == received
    assert report.recording_deadline == received + timedelta(hours=24)
    package = DisseminationPackage.objects.get()
    assert (package.received_at, package.received_reason) == (received, REASON)
    recorded = report.log_entries.get(kind=EntryKind.RECORDED)
    assert REASON in recorded.text
    assert timezone.localtime(received, LONDON).strftime("%H:%M") in recorded.text
    collection = AuditEvent.objects.get(object_ref=report.local_reference, action="collection")
    assert REASON in collection.summary
    client.force_login(assessor)
    assert client.get("/").context["recorded_late"] == 1  # 30 hours: after the deadline


def test_an_earlier_receipt_without_a_reason_is_refused(assessor, write_package):
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(
            write_package([victim_row(1)]),
            user=assessor,
            received_at=timezone.now() - timedelta(hours=3),
        )
    assert [p.column for p in rejected.value.problems] == ["received_reason"]
    assert not Report.objects.exists() and not DisseminationPackage.objects.exists()


def test_a_receipt_in_the_future_is_refused(assessor, write_package):
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(
            write_package([victim_row(1)]),
            user=assessor,
            received_at=timezone.now() + timedelta(hours=1),
            received_reason=REASON,
        )
    assert [p.column for p in rejected.value.problems] == ["received_at"]
    assert "future" in rejected.value.problems[0].problem
    assert not Report.objects.exists()


def test_a_receipt_before_the_dissemination_date_is_refused_naming_the_package(
    assessor, write_package
):
    rows = [
        victim_row(1, disseminated_on="2026-10-05"),
        victim_row(2, package_ref="NFIB-PKG-2", disseminated_on="2026-10-01"),
    ]
    received = timezone.make_aware(timezone.datetime(2026, 10, 4, 23, 30), LONDON)
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(
            write_package(rows), user=assessor, received_at=received, received_reason=REASON
        )
    [problem] = rejected.value.problems
    assert (problem.row, problem.column) == (2, "disseminated_on")
    assert "NFIB-PKG-1" in problem.problem and "04 October 2026 at 23:30" in problem.problem
    assert not Report.objects.exists()


def test_reimporting_with_another_receipt_creates_nothing_and_keeps_the_first(
    assessor, write_package
):
    path = write_package([victim_row(1)])
    import_nfib_package(path, user=assessor)
    first = DisseminationPackage.objects.get().received_at
    again = import_nfib_package(
        path, user=assessor, received_reason=REASON, received_at=timezone.now() - timedelta(hours=2)
    )
    assert again.created == 0 and again.already_recorded == 1
    assert DisseminationPackage.objects.get().received_at == first
    assert Report.objects.get().received_at == first


def test_import_page_takes_an_earlier_receipt_with_its_reason(assessor, client, write_package):
    client.force_login(assessor)
    path = write_package([victim_row(1)])
    received = (timezone.localtime() - timedelta(hours=5)).replace(second=0, microsecond=0)
    typed = received.strftime("%Y-%m-%dT%H:%M")  # what a datetime-local input sends
    with path.open("rb") as handle:
        response = client.post(
            "/imports/nfib-package/",
            {"file": handle, "profile": "default", "received_at": typed, "received_reason": REASON},
        )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.received_at == received
    assert REASON in report.log_entries.get(kind=EntryKind.RECORDED).text


def test_import_page_uses_the_upload_time_when_no_time_is_given(assessor, client, write_package):
    client.force_login(assessor)
    before = timezone.now()
    with write_package([victim_row(1)]).open("rb") as handle:
        client.post("/imports/nfib-package/", {"file": handle, "profile": "default"})
    report = Report.objects.get()
    assert before <= report.received_at <= report.recorded_at
    assert DisseminationPackage.objects.get().received_reason == ""


def test_import_page_refuses_an_earlier_time_without_a_reason(assessor, client, write_package):
    client.force_login(assessor)
    received = timezone.localtime() - timedelta(hours=5)
    with write_package([victim_row(1)]).open("rb") as handle:
        response = client.post(
            "/imports/nfib-package/",
            {
                "file": handle,
                "profile": "default",
                "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            },
        )
    assert response.status_code == 200
    assert "Say why the package was received earlier" in response.content.decode()
    assert not Report.objects.exists()


def test_api_import_takes_an_earlier_receipt_and_refuses_one_without_a_reason(
    assessor, client, write_package
):
    auth = {"Authorization": f"Bearer {issue_token(assessor, 'test')}"}
    path = write_package([victim_row(1)])
    received = (timezone.localtime() - timedelta(hours=5)).replace(microsecond=0)
    naive = received.replace(tzinfo=None).isoformat()  # UK time, as a CRM would send it
    with path.open("rb") as handle:
        refused = client.post(
            "/api/v1/imports/nfib-package", {"file": handle, "received_at": naive}, headers=auth
        )
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["column"] == "received_reason"
    with path.open("rb") as handle:
        done = client.post(
            "/api/v1/imports/nfib-package",
            {"file": handle, "received_at": naive, "received_reason": REASON},
            headers=auth,
        )
    assert done.status_code == 200 and done.json()["created"] == 1
    assert Report.objects.get().received_at == received


def test_command_line_takes_received_at_with_a_reason(assessor, write_package):
    path = write_package([victim_row(1)])
    received = (timezone.localtime() - timedelta(hours=5)).replace(second=0, microsecond=0)
    typed = received.strftime("%Y-%m-%d %H:%M")
    with pytest.raises(CommandError, match="Say why"):
        call_command("import_nfib_package", str(path), "--received-at", typed)
    with pytest.raises(CommandError, match="not a date and time"):
        call_command(
            "import_nfib_package",
            str(path),
            "--received-at",
            "Saturday",
            "--received-reason",
            REASON,
        )
    call_command(
        "import_nfib_package", str(path), "--received-at", typed, "--received-reason", REASON
    )
    assert Report.objects.get().received_at == received
