"""§5.2: evidence not in within 28 days files the report pending information; it reopens."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.reports.models import StatusChange
from fraudcase.triage import services

pytestmark = pytest.mark.django_db
ASKED = date(2026, 11, 2)


def test_evidence_not_in_after_28_days_files_the_report_and_it_reopens_when_it_arrives(
    assessed, assessor
):
    asked = services.request_evidence(
        assessor, assessed, asked_of="victim", what="Bank statements for October", today=ASKED
    )
    assert asked.due_on == ASKED + timedelta(days=28)
    assert services.file_overdue_evidence(asked.due_on) == []  # on day 28 it is not yet late
    assert services.file_overdue_evidence(asked.due_on + timedelta(days=1)) == [
        assessed.local_reference
    ]
    assessed.refresh_from_db()
    assert assessed.status == "filed_pending"
    filed = StatusChange.objects.get(to_status="filed_pending")
    assert (filed.from_status, filed.by, filed.transition) == ("assessed", None, "file_pending")
    assert "not received within 28 days" in filed.reason
    # Running the daily job again changes nothing.
    assert services.file_overdue_evidence(asked.due_on + timedelta(days=2)) == []

    status = services.evidence_received(assessor, asked, today=ASKED + timedelta(days=40))
    assert status == "assessed"  # back where it was
    assessed.refresh_from_db()
    assert assessed.status == "assessed"
    assert AuditEvent.objects.filter(summary="reopen: filed_pending -> assessed").exists()


def test_evidence_in_on_time_files_nothing(assessed, assessor):
    asked = services.request_evidence(
        assessor, assessed, asked_of="third_party", what="Bank's fraud report", today=ASKED
    )
    services.evidence_received(assessor, asked, today=ASKED + timedelta(days=3))
    assert services.file_overdue_evidence(ASKED + timedelta(days=60)) == []
    assessed.refresh_from_db()
    assert assessed.status == "assessed"


def test_the_daily_command_files_overdue_reports(assessed, assessor, capsys):
    from django.core.management import call_command

    services.request_evidence(
        assessor,
        assessed,
        asked_of="victim",
        what="Receipts",
        today=timezone.localdate() - timedelta(days=30),
    )
    call_command("evidence_file_overdue")
    assert assessed.local_reference in capsys.readouterr().out
    assessed.refresh_from_db()
    assert assessed.status == "filed_pending"


def test_evidence_is_requested_and_received_from_the_report_page(assessed, assessor, client):
    client.force_login(assessor)
    ref = assessed.local_reference
    client.post(
        f"/reports/{ref}/evidence/",
        {"evidence-asked_of": "victim", "evidence-what": "Screenshots of the chat"},
    )
    page = client.get(f"/reports/{ref}/").content.decode()
    assert "Screenshots of the chat" in page
    request = assessed.evidence_requests.get()
    client.post(f"/reports/{ref}/evidence/{request.pk}/received/")
    request.refresh_from_db()
    assert request.received_by == assessor


def test_an_fvo_cannot_ask_for_evidence(assessed, fvo):
    with pytest.raises(Exception) as refused:
        services.request_evidence(fvo, assessed, asked_of="victim", what="x", today=ASKED)
    assert refused.typename == "Http404"


def test_evidence_asked_for_through_the_api_without_saying_what_is_422(assessed, assessor, client):
    client.force_login(assessor)
    answer = client.post(
        f"/api/v1/reports/{assessed.local_reference}/evidence-requests",
        {"asked_of": "victim", "what": ""},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "what" in answer.json()["problems"]
    assert not assessed.evidence_requests.exists()
