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


# ---------------------------------------------------------------- everything through the API
# Issue 15 item 10: what the pages record, the API records, with the same permissions.


def test_a_statement_and_its_new_version_are_uploaded_and_downloaded(
    client, case, vft_investigator
):
    from .conftest import PDF, pdf_upload

    client.force_login(vft_investigator)
    answer = client.post(
        _api(case, "documents"),
        {
            "file": pdf_upload(),
            "kind": "mg11",
            "title": "Statement of the bank's fraud officer",
            "author": "Priya Shah",
            "dated": "2026-11-03",
        },
    )
    assert answer.status_code == 201, answer.content
    document = answer.json()
    assert document["reference"] == "S1" and len(document["versions"][0]["sha256"]) == 64
    again = client.post(
        _api(case, f"documents/{document['id']}/versions"),
        {"file": pdf_upload("signed.pdf", PDF + b"%signed\n"), "note": "Signed copy"},
    )
    assert again.status_code == 201 and again.json()["version"] == 2
    download = client.get(_api(case, f"documents/{document['id']}/versions/1"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    refused = client.post(
        _api(case, "documents"),
        {"file": pdf_upload(), "kind": "mg11", "title": " ", "author": "P", "dated": "2026-11-03"},
    )
    assert refused.status_code == 422 and "title" in refused.json()["problems"]
    body = client.get(_api(case, "disclosure/mg6c")).json()
    assert body["to_review"] == [
        "S1 Statement of the bank's fraud officer",
        "S1 Statement of the bank's fraud officer (version 2)",
    ]
    reviewed = client.post(_api(case, "disclosure/mg6c/review"))
    assert reviewed.status_code == 200 and reviewed.json()["to_review"] == []


def test_interview_charging_and_court_are_recorded_over_the_api(
    client, case, suspect, vft_investigator
):
    client.force_login(vft_investigator)
    today = timezone.localdate().isoformat()
    record = client.get(_api(case, "charging")).json()
    assert {"id": suspect.pk, "name": str(suspect)} in record["suspects"]

    def post(part, body):
        return client.post(_api(case, part), body, content_type="application/json")

    assert (
        post(
            "interviews", {"suspect": suspect.pk, "held_on": today, "kind": "voluntary"}
        ).status_code
        == 201
    )
    asked = post(
        "charging", {"suspect": suspect.pk, "decision_maker": "cps", "requested_on": today}
    )
    assert asked.status_code == 201
    decided = post(
        f"charging/{asked.json()['id']}/outcome", {"decision": "charge", "decided_on": today}
    )
    assert decided.status_code == 200 and decided.json()["decision"] == "charge"
    hearing = post(
        "hearings",
        {
            "suspect": suspect.pk,
            "held_on": today,
            "court": "Leicester Crown Court",
            "kind": "trial",
        },
    )
    assert hearing.status_code == 201
    result = post(f"hearings/{hearing.json()['id']}/result", {"result": "convicted"})
    assert result.status_code == 200 and result.json()["result"] == "convicted"
    wrong = post("interviews", {"suspect": 999999, "held_on": today, "kind": "voluntary"})
    assert wrong.status_code == 422 and "suspect" in wrong.json()["problems"]
    body = client.get(_api(case, "charging")).json()
    assert body["suggested_outcome"] == 1
    assert len(body["interviews"]) == 1 and body["hearings"][0]["court"] == "Leicester Crown Court"


def test_the_disclosure_officers_report_and_a_prosecutors_decision_over_the_api(
    client, case, vft_investigator
):
    client.force_login(vft_investigator)

    def post(part, body):
        return client.post(_api(case, part), body, content_type="application/json")

    assert (
        post(
            "disclosure/mg6d/items",
            {
                "description": "Informant's account",
                "location": "Sealed store",
                "sensitivity": "Source",
            },
        ).status_code
        == 201
    )
    decided = post(
        "disclosure/mg6d/items/1/prosecutor-decision", {"prosecutor_decision": "withhold"}
    )
    assert decided.status_code == 200 and decided.json()["prosecutor_decision"] == "withhold"
    certified = post("disclosure-reports", {"attention": "Item 1 of the MG6D"})
    assert certified.status_code == 201
    assert client.get(_api(case, "disclosure-reports")).json()[0]["attention"] == (
        "Item 1 of the MG6D"
    )


def test_roles_that_may_not_work_the_case_cannot_write_its_file_over_the_api(
    client, case, suspect, assessor, fvo
):
    today = timezone.localdate().isoformat()
    for user in (assessor, fvo):
        client.force_login(user)
        for part, body in (
            ("interviews", {"suspect": suspect.pk, "held_on": today, "kind": "voluntary"}),
            ("disclosure-reports", {"attention": ""}),
        ):
            answer = client.post(_api(case, part), body, content_type="application/json")
            assert answer.status_code in (403, 404), (user, part, answer.status_code)
    assert not case.suspect_interviews.exists()
    assert not case.disclosure_reports.exists()
