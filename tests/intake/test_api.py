"""The JSON API: OpenAPI document, token authentication, package import."""

import pytest
from django.core.management import call_command

from fraudcase.accounts.services import issue_token
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


def test_openapi_document_is_published(assessor, client):
    client.force_login(assessor)  # the schema is for signed-in users (tests/accounts)
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/reports" in spec["paths"]
    assert "/api/v1/imports/nfib-package" in spec["paths"]


def test_bearer_tokens_authenticate(assessor, client):
    token = issue_token(assessor, "test")
    response = client.get(
        "/api/v1/reports", {"q": "x"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert (
        client.get(
            "/api/v1/reports", {"q": "x"}, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )


def test_import_a_package_through_the_api(assessor, client, example_package):
    token = issue_token(assessor, "test")
    auth = {"Authorization": f"Bearer {token}"}
    with example_package.open("rb") as handle:
        first = client.post("/api/v1/imports/nfib-package", {"file": handle}, headers=auth)
    assert first.status_code == 200 and first.json()["created"] == 4
    found = client.get("/api/v1/reports", {"q": "NFRC261010000002"}, headers=auth).json()
    assert [r["victim_name"] for r in found] == ["Dev Mistry"]


def test_a_bad_package_through_the_api_is_422_with_problems(assessor, client, write_package):
    from tests.conftest import victim_row

    client.force_login(assessor)
    path = write_package([victim_row(1, victim_type="Martian")])
    with path.open("rb") as handle:
        response = client.post("/api/v1/imports/nfib-package", {"file": handle})
    assert response.status_code == 422
    assert response.json()["problems"][0]["column"] == "victim_type"
    assert not Report.objects.exists()


def test_issue_a_token_from_the_command_line(assessor, capsys):
    call_command("accounts_token", "assessor", "scripts")
    secret = capsys.readouterr().out.strip().split()[-1]
    assert len(secret) > 30


def test_api_docs_load_no_outside_assets(assessor, client):
    # Police networks often have no internet: Swagger UI comes from our own static files.
    client.force_login(assessor)
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui" in page
    assert "cdn.jsdelivr.net" not in page


def test_add_to_the_enquiry_log_through_the_api(assessor, client, example_package):
    from fraudcase.intake.importing import import_nfib_package

    import_nfib_package(example_package, user=assessor)
    report = Report.objects.get(nfrc_numbers__number="NFRC261010000001")
    client.force_login(assessor)
    response = client.post(
        f"/api/v1/reports/{report.local_reference}/log",
        {"text": "Victim called back"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert report.log_entries.first().text == "Victim called back"
