"""The file for the CPS over the API: documents, schedules (items added and withdrawn, with
the same numbering rules) and the charging record, with the pages' permissions."""

import pytest
from django.utils import timezone

from fraudcase.casefile import services

from .conftest import statement

pytestmark = pytest.mark.django_db


def _api(case, part):
    return f"/api/v1/reports/{case.local_reference}/{part}"


def test_a_schedule_is_kept_over_the_api(client, case, file, vft_investigator):
    client.force_login(vft_investigator)
    statement(file)
    for text in ("CCTV", "Notebook"):
        answer = client.post(
            _api(case, "disclosure/mg6c/items"),
            {"description": text, "location": "Store", "decision": "CND"},
            content_type="application/json",
        )
        assert answer.status_code == 201
    answer = client.post(
        _api(case, "disclosure/mg6c/items/1/withdrawal"),
        {"reason": "Duplicate"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["withdrawn"] is True
    refused = client.post(
        _api(case, "disclosure/mg6c/items"),
        {"description": "", "location": "Store", "decision": "CND"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "description" in refused.json()["problems"]
    body = client.get(_api(case, "disclosure/mg6c")).json()
    assert [(i["number"], i["withdrawn"]) for i in body["items"]] == [(1, True), (2, False)]
    assert body["to_review"] == ["S1 Statement of the victim"]
    documents = client.get(_api(case, "documents")).json()
    assert documents[0]["reference"] == "S1" and len(documents[0]["versions"][0]["sha256"]) == 64
    assert client.get(_api(case, "disclosure/nope")).status_code == 404


def test_the_charging_record_over_the_api(client, case, file, suspect, vft_investigator):
    today = timezone.localdate()
    request = services.request_charging(
        file, suspect=suspect.pk, decision_maker="police", requested_on=today
    )
    services.record_charging_decision(
        file, request.pk, decision="community_resolution", decided_on=today
    )
    client.force_login(vft_investigator)
    body = client.get(_api(case, "charging")).json()
    assert body["suggested_outcome"] == 8
    assert body["charging_decisions"][0]["decision"] == "community_resolution"


def test_a_role_that_does_not_work_cases_cannot_add_items(client, case, assessor):
    client.force_login(assessor)
    answer = client.post(
        _api(case, "disclosure/mg6c/items"),
        {"description": "x", "location": "y", "decision": "CND"},
        content_type="application/json",
    )
    assert answer.status_code == 404
