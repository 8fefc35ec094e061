"""The decision log through the API, with the pages' permissions (issue 15 item 10)."""

import pytest

from fraudcase.investigation.models import Decision

pytestmark = pytest.mark.django_db


def test_the_officer_records_and_reads_decisions_over_the_api(
    client, case, vft_investigator, assessor
):
    url = f"/api/v1/reports/{case.local_reference}/decisions"
    client.force_login(vft_investigator)
    body = {"decision": "Arrest", "reasons": "CCTV", "options": "Interview"}
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["reference"] == "D1"
    assert answer.json()["capacity"] == "officer_in_case"
    later = body | {"decision": "Interview", "supersedes": 1}
    assert client.post(url, later, content_type="application/json").status_code == 201
    log = client.get(url).json()
    assert [d["superseded_by"] for d in log["decisions"]] == [2, None]
    assert log["broken_signatures"] == []
    bad = client.post(
        url, body | {"reasons": " ", "supersedes": 9}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert set(bad.json()["problems"]) == {"reasons", "supersedes"}

    client.force_login(assessor)
    assert client.get(url).status_code == 200
    assert client.post(url, body, content_type="application/json").status_code == 404
    assert Decision.objects.count() == 2
