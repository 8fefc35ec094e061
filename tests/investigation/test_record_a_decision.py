"""The officer in the case and the supervisor record decisions in the decision log: what, why,
the options considered, who; signed, timestamped, numbered, a later one superseding an
earlier one (issue 15, item 3)."""

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.investigation import services
from fraudcase.investigation.models import Decision
from fraudcase.reports.models import Report

from .conftest import file_url

pytestmark = pytest.mark.django_db

A_DECISION = {
    "decision": "Arrest the courier at his home address",
    "reasons": "Identified from CCTV at the victim's address; likely to dispose of the cash",
    "options": "Voluntary interview (rejected: he would be warned); file pending trace",
    "signed": "on",
}


def test_the_officer_in_the_case_records_a_signed_decision(client, case, vft_investigator):
    client.force_login(vft_investigator)
    assert "Record a decision" in client.get(file_url(case, "decisions/")).content.decode()
    answer = client.post(file_url(case, "decisions/new/"), A_DECISION)
    assert answer.status_code == 302
    entry = Decision.objects.get(report=case)
    assert (entry.number, entry.decided_by, entry.capacity) == (
        1,
        vft_investigator,
        "officer_in_case",
    )
    assert entry.options.startswith("Voluntary interview")
    assert len(entry.signature) == 64
    page = client.get(file_url(case, "decisions/")).content.decode()
    assert "Arrest the courier" in page and "Officer in the case" in page
    assert "Every decision&#x27;s signature matches" in page or "signature matches" in page
    assert AuditEvent.objects.filter(
        object_type="investigation", summary="Decision D1 recorded"
    ).exists()
    assert case.log_entries.filter(text__startswith="Decision D1: Arrest").exists()


def test_the_supervisor_signs_as_supervisor_and_supersedes_an_earlier_decision(
    client, case, vft_investigator, supervisor
):
    client.force_login(vft_investigator)
    client.post(file_url(case, "decisions/new/"), A_DECISION)
    client.force_login(supervisor)
    later = A_DECISION | {"decision": "Invite to a voluntary interview instead", "supersedes": "1"}
    assert client.post(file_url(case, "decisions/new/"), later).status_code == 302
    first, second = Decision.objects.filter(report=case).order_by("number")
    assert second.capacity == "supervisor" and second.supersedes == first
    page = client.get(file_url(case, "decisions/")).content.decode()
    assert "Superseded by D2" in page
    # A superseded decision cannot be superseded again: supersede the later one.
    again = client.post(file_url(case, "decisions/new/"), later)
    assert again.status_code == 200
    assert Decision.objects.filter(report=case).count() == 2


def test_every_part_of_a_decision_and_the_signature_are_needed(client, case, vft_investigator):
    client.force_login(vft_investigator)
    answer = client.post(file_url(case, "decisions/new/"), {"decision": " "})
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert set(errors) == {"decision", "reasons", "options", "signed"}
    assert not Decision.objects.exists()


def test_numbers_run_on_in_order(case, vft_investigator):
    file = services.open_file(vft_investigator, case.local_reference)
    for n in range(3):
        services.record_decision(file, decision=f"Step {n}", reasons="r", options="o")
    assert list(Decision.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert services.broken_signatures(file, list(services.decisions(file))) == []


def test_another_investigator_reads_the_log_but_may_not_record(
    client, case, other_investigator, assessor
):
    for user in (other_investigator, assessor):
        client.force_login(user)
        page = client.get(file_url(case, "decisions/"))
        assert page.status_code == 200
        assert "Record a decision" not in page.content.decode()
        assert client.get(file_url(case, "decisions/new/")).status_code == 404
        assert client.post(file_url(case, "decisions/new/"), A_DECISION).status_code == 404
    assert not Decision.objects.exists()


def test_a_user_who_may_not_see_the_report_finds_nothing(client, case, ecu, ecu_investigator):
    Report.objects.filter(pk=case.pk).update(restricted_to_team=case.case.team)
    client.force_login(ecu_investigator)
    for part in ("decisions/", "decisions/new/", "decisions/print/"):
        assert client.get(file_url(case, part)).status_code == 404
    assert client.get(f"/api/v1/reports/{case.local_reference}/decisions").status_code == 404


def test_a_report_that_is_not_a_case_has_no_investigation_file(client, supervisor, case):
    other = Report.objects.exclude(pk=case.pk).first()
    client.force_login(supervisor)
    assert client.get(file_url(other, "decisions/")).status_code == 404
    assert (
        "Investigation file"
        not in client.get(f"/reports/{other.local_reference}/").content.decode()
    )
    assert "Decision log" in client.get(f"/reports/{case.local_reference}/").content.decode()


def test_the_printable_log_holds_every_decision(client, case, vft_investigator):
    client.force_login(vft_investigator)
    client.post(file_url(case, "decisions/new/"), A_DECISION)
    page = client.get(file_url(case, "decisions/print/")).content.decode()
    assert "Decision D1" in page and "Arrest the courier" in page and "Printed" in page
    assert AuditEvent.objects.filter(summary="Printed the decision log").exists()
