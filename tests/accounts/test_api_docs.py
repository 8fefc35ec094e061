"""The API's documentation and schema need a signed-in user, and get the usual headers."""

import pytest

from fraudcase.accounts.services import issue_token

pytestmark = pytest.mark.django_db


def test_the_docs_send_a_visitor_to_sign_in(client):
    answer = client.get("/api/docs")
    assert answer.status_code == 302 and "/accounts/login/" in answer.url


def test_the_schema_answers_401_to_a_visitor(client):
    answer = client.get("/api/openapi.json")
    assert answer.status_code == 401 and "detail" in answer.json()


def test_a_signed_in_user_reads_the_docs_and_schema(assessor, client):
    client.force_login(assessor)
    assert client.get("/api/docs").status_code == 200
    assert "/api/v1/tokens" in client.get("/api/openapi.json").json()["paths"]


def test_a_bearer_token_reads_the_schema(assessor, client):
    secret = issue_token(assessor, "fuzzer")
    answer = client.get("/api/openapi.json", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200


def test_an_administrator_can_publish_the_docs(client, settings):
    settings.FRAUDCASE_PUBLIC_API_DOCS = True
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200


def test_the_docs_have_the_same_security_headers_as_other_pages(assessor, client):
    client.force_login(assessor)
    docs = client.get("/api/docs")
    page = client.get("/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control"):
        assert docs[header] == page[header]
    assert "cdn" not in docs.content.decode()
