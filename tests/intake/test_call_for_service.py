"""§5.1: calls for service are accepted only on the criteria; every one is double-keyed to NFIB."""

import pytest

from fraudcase.intake import rules
from fraudcase.intake.models import CallForService

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("criteria", "other", "accepted", "problem"),
    [
        ([], "", False, None),
        (["offender_arrested"], "", True, None),
        (["in_progress"], "", True, None),
        (["suspect_known_local"], "", True, None),
        (["victim_vulnerable"], "", True, None),
        (["recovery_prospect"], "", True, None),
        (["property_at_risk"], "", True, None),
        (["other_reason"], "Referred by the chief officer's office", True, None),
        (["other_reason"], "   ", False, "other_reason"),
        (["made_up"], "", False, "criteria"),
    ],
)
def test_call_for_service_criteria(criteria, other, accepted, problem):
    outcome = rules.call_for_service_decision(criteria, other)
    assert outcome.accepted is accepted
    assert (problem in outcome.problems) if problem else not outcome.problems


def test_a_vulnerable_victim_is_always_a_call_for_service():
    assert rules.call_for_service_decision([], "", victim_vulnerable=True).accepted


def test_no_criterion_means_action_fraud_advice_is_recorded(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/calls-for-service/new/",
        {"caller_forename": "Chloe", "caller_surname": "Nowak", "summary": "Tickets never came"},
    )
    assert page.status_code == 200
    assert "Action Fraud" in page.content.decode()
    call = CallForService.objects.get()
    assert call.decision == "advised_action_fraud"
    assert call.report is None
    assert "Action Fraud" in call.advice_given


def test_an_accepted_call_becomes_a_report_waiting_to_be_double_keyed(assessor, client):
    client.force_login(assessor)
    response = client.post(
        "/calls-for-service/new/",
        {
            "caller_forename": "Joan",
            "caller_surname": "Patel",
            "summary": "Courier took cash",
            "criteria": ["victim_vulnerable"],
        },
    )
    call = CallForService.objects.get()
    assert response.status_code == 302 and call.report is not None
    waiting = client.get("/calls-for-service/double-key/").content.decode()
    assert call.report.local_reference in waiting
    client.post(f"/calls-for-service/{call.pk}/sent/", {"nfib_reference": "nfrc261100000001"})
    call.refresh_from_db()
    assert call.nfib_sent_at is not None and call.nfib_reference == "NFRC261100000001"
    assert (
        "Nothing is waiting to be sent"
        in client.get("/calls-for-service/double-key/").content.decode()
    )


def test_other_reason_needs_a_written_reason_on_the_form(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/calls-for-service/new/",
        {
            "caller_forename": "A",
            "caller_surname": "B",
            "summary": "x",
            "criteria": ["other_reason"],
        },
    )
    assert "Enter the reason" in page.content.decode()
    assert not CallForService.objects.exists()


def test_the_api_applies_the_same_rules(assessor, client):
    client.force_login(assessor)
    body = {"caller_forename": "A", "caller_surname": "B", "summary": "x"}
    advised = client.post("/api/v1/calls-for-service", body, content_type="application/json")
    assert advised.status_code == 201 and advised.json()["local_reference"] is None
    accepted = client.post(
        "/api/v1/calls-for-service",
        {**body, "criteria": ["in_progress"]},
        content_type="application/json",
    )
    assert accepted.json()["decision"] == "accepted"
    listed = client.get("/api/v1/calls-for-service/double-key").json()
    assert [c["local_reference"] for c in listed] == [accepted.json()["local_reference"]]
    bad = client.post(
        "/api/v1/calls-for-service",
        {**body, "criteria": ["other_reason"]},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "other_reason" in bad.json()["problems"]


def test_a_postcode_that_is_not_one_is_refused_not_stored(client, assessor):
    # Upper-casing and spacing it could make it longer than the record keeps (a database
    # error on PostgreSQL before this check).
    client.force_login(assessor)
    answer = client.post(
        "/api/v1/calls-for-service",
        {
            "caller_forename": "Ann",
            "caller_surname": "Lee",
            "caller_postcode": "ABCDEFGHIJ",
            "summary": "Courier fraud",
            "criteria": ["in_progress"],
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "caller_postcode" in answer.json()["problems"]
    assert not CallForService.objects.exists()


def test_the_call_for_service_form_offers_the_nfib_fraud_types(assessor, client):
    client.force_login(assessor)
    page = client.get("/calls-for-service/new/").content.decode()
    select = page.split('id="id_fraud_type"', 1)[1].split("</select>", 1)[0]
    assert '<option value="NFIB3A">NFIB3A: online shopping and auctions</option>' in select
    assert '<option value="NFIB90">' in select and '<option value="" selected>' in select


def test_an_unknown_fraud_type_code_is_refused(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/calls-for-service/new/",
        {
            "caller_forename": "Joan",
            "caller_surname": "Patel",
            "summary": "Courier took cash",
            "criteria": ["victim_vulnerable"],
            "fraud_type": "NFIB99Z",
        },
    ).content.decode()
    assert '<a href="#id_fraud_type">Select the fraud type from the list</a>' in page
    assert not CallForService.objects.exists()


def test_the_fraud_type_chosen_is_kept_on_the_report(assessor, client):
    client.force_login(assessor)
    client.post(
        "/calls-for-service/new/",
        {
            "caller_forename": "Joan",
            "caller_surname": "Patel",
            "summary": "Courier took cash",
            "criteria": ["victim_vulnerable"],
            "fraud_type": "NFIB1D",
        },
    )
    assert CallForService.objects.get().report.fraud_type == "NFIB1D"
