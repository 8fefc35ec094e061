"""DPA 2018 s.62: consultation, disclosure and changes are logged; tampering is detected."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.audit import services as audit
from fraudcase.audit.models import AppendOnlyError, AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    return Report.objects.get(nfrc_numbers__number="NFRC261010000001")


def test_viewing_a_report_is_logged_as_a_consultation(report, assessor, client):
    client.force_login(assessor)
    client.get(f"/reports/{report.local_reference}/")
    event = AuditEvent.objects.last()
    assert (event.action, event.object_ref, event.actor) == (
        "consultation",
        report.local_reference,
        assessor,
    )


def test_exporting_a_search_is_logged_as_a_disclosure(report, assessor, client):
    client.force_login(assessor)
    client.get("/reports/", {"q": "Osei", "export": "xlsx"})
    event = AuditEvent.objects.last()
    assert event.action == "disclosure"
    assert "Osei" in event.summary


def test_an_api_read_is_logged_as_a_disclosure(report, assessor, client):
    client.force_login(assessor)
    client.get(f"/api/v1/reports/{report.local_reference}")
    assert AuditEvent.objects.last().action == "disclosure"


def test_audit_verify_passes_on_an_untouched_log(report, capsys):
    call_command("audit_checkpoint")
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


def test_audit_verify_finds_an_edited_entry(report, assessor, tamper):
    audit.record(assessor, "consultation", "report", report.local_reference, "viewed")
    target = AuditEvent.objects.order_by("id")[1]
    tamper("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["someone-else", target.id])
    with pytest.raises(CommandError, match=f"entry {target.id}: this entry was altered"):
        call_command("audit_verify")


def test_audit_verify_finds_a_removed_entry(report, assessor, tamper):
    audit.record(assessor, "consultation", "report", report.local_reference, "viewed")
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [ids[1]])
    with pytest.raises(CommandError, match=f"entry {ids[2]}: the entry before it"):
        call_command("audit_verify")


def test_audit_verify_finds_the_last_entries_removed(report, assessor, tamper):
    audit.record(assessor, "consultation", "report", report.local_reference, "viewed")
    last = AuditEvent.objects.order_by("id").last()
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [last.id])
    with pytest.raises(CommandError, match="removed"):
        call_command("audit_verify")


def test_entries_cannot_be_changed_or_deleted_through_the_application(report):
    event = AuditEvent.objects.first()
    event.summary = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_administrators_see_a_records_audit_trail(report, administrator, assessor, client):
    client.force_login(assessor)
    assert client.get(f"/reports/{report.local_reference}/audit/").status_code == 302
    client.force_login(administrator)
    page = client.get(f"/reports/{report.local_reference}/audit/")
    assert page.status_code == 200
    assert "Recorded from NFIB package NFIB-PKG-10001" in page.content.decode()
