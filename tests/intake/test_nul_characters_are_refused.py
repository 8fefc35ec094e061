"""Issue 9: a NUL character (\\x00) in anything typed or sent is refused with a clear 400.

PostgreSQL cannot store one (it answered 500) and SQLite stored it; both databases now give
the same answer, and nothing is saved."""

import json

import pytest

from fraudcase.accounts.services import issue_token
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.models import CallForService, Referral
from fraudcase.reports.models import EnquiryLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(assessor):
    return {"Authorization": f"Bearer {issue_token(assessor, 'test')}"}


@pytest.fixture
def recorded(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    return EnquiryLogEntry.objects.first().report


def test_the_search_box_answers_400_naming_the_field(assessor, client):
    client.force_login(assessor)
    response = client.get("/reports/", {"q": "Smith\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The field &#x27;q&#x27; contains a NUL character" in page


def test_the_api_search_answers_400_json(client, auth):
    response = client.get("/api/v1/reports?q=NFRC%00", headers=auth)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The field 'q' contains a NUL character (\\x00), which is not text: "
        "remove it and try again"
    }


def test_an_address_with_a_nul_answers_400(client, auth):
    response = client.get("/api/v1/reports/FC%00/000001/26", headers=auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The address contains a NUL")


def test_an_enquiry_log_entry_with_a_nul_is_not_saved(assessor, client, auth, recorded):
    before = EnquiryLogEntry.objects.count()
    url = f"/api/v1/reports/{recorded.local_reference}/log"
    response = client.post(
        url,
        json.dumps({"text": "rang\u0000 back"}),
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 400
    assert "The field 'text'" in response.json()["detail"]
    client.force_login(assessor)
    page = client.post(f"/reports/{recorded.local_reference}/", {"text": "rang\x00 back"})
    assert page.status_code == 400
    assert EnquiryLogEntry.objects.count() == before


def test_a_json_string_that_only_looks_like_an_escape_is_kept(client, auth, recorded):
    url = f"/api/v1/reports/{recorded.local_reference}/log"
    response = client.post(
        url,
        json.dumps({"text": "typed \\u0000 literally"}),
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201
    assert response.json()["text"] == "typed \\u0000 literally"


def test_a_call_for_service_with_a_nul_is_refused(assessor, client, auth):
    payload = {"caller_forename": "Ann", "caller_surname": "Lee\x00", "summary": "Rang"}
    response = client.post(
        "/api/v1/calls-for-service",
        json.dumps(payload),
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 400
    assert "caller_surname" in response.json()["detail"]
    client.force_login(assessor)
    page = client.post("/calls-for-service/new/", {**payload, "criteria": ["vulnerable"]})
    assert page.status_code == 400
    assert CallForService.objects.count() == 0


def test_a_referral_form_with_a_nul_is_refused(client, auth):
    response = client.post(
        "/api/v1/referrals",
        {
            "referrer_type": "bank",
            "referrer_name": "Bank\x00",
            "received_on": "2026-10-05",
            "victim_type": "individual",
            "surname": "Lee",
            "summary": "Alleged",
        },
        headers=auth,
    )
    assert response.status_code == 400
    assert "referrer_name" in response.json()["detail"]
    assert Referral.objects.count() == 0


def test_a_double_key_reference_with_a_nul_is_refused(assessor, client):
    client.force_login(assessor)
    response = client.post("/calls-for-service/1/sent/", {"nfib_reference": "NFIB\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream", ""])
@pytest.mark.parametrize(
    "body",
    [
        '{"text": "rang\\u0000 back"}',
        '{"text": "rang\\U0000 back"}',
        '{"text": "rang\\\\\\u0000 back"}',
        '{"text": "rang\x00 back"}',
    ],
)
def test_a_json_body_with_a_nul_is_refused_whatever_its_content_type(
    client, auth, recorded, content_type, body
):
    """django-ninja reads any body that is not a form as JSON, so the content type says nothing."""
    before = EnquiryLogEntry.objects.count()
    url = f"/api/v1/reports/{recorded.local_reference}/log"
    response = client.post(url, body, content_type=content_type, headers=auth)
    assert response.status_code == 400
    assert "contains a NUL character" in response.json()["detail"]
    assert EnquiryLogEntry.objects.count() == before


def test_an_escaped_backslash_before_u0000_in_a_text_plain_body_is_kept(client, auth, recorded):
    url = f"/api/v1/reports/{recorded.local_reference}/log"
    body = json.dumps({"text": "typed \\u0000 and \\\\u0000"})
    response = client.post(url, body, content_type="text/plain", headers=auth)
    assert response.status_code == 201
    assert response.json()["text"] == "typed \\u0000 and \\\\u0000"
