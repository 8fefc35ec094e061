"""The registers, accreditations and assessments through /api/v1/recovery/..., with the same
rules as the pages: the accreditation a power needs, the thresholds, and 404 for an entry the
user may not see."""

import json

from django.utils import timezone

from .conftest import accredit


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_record_a_cash_seizure_and_add_an_extension(client, finint, fi, reports):
    client.force_login(finint)
    today = timezone.localdate().isoformat()
    body = {
        "report": reports[0],
        "subject": "Sam Runner",
        "officer": "fi",
        "status": "detained",
        "seized_on": today,
        "amount_gbp": "1500.00",
    }
    refused = _post(client, "/api/v1/recovery/registers/cash", body)
    assert refused.status_code == 422 and "officer" in refused.json()["problems"]
    accredit(finint, fi, "cash_seizure")
    made = _post(client, "/api/v1/recovery/registers/cash", body)
    assert made.status_code == 201, made.content
    entry = made.json()
    assert entry["kind"] == "cash" and entry["next_deadline"]
    step = _post(
        client,
        f"/api/v1/recovery/entries/{entry['id']}/steps",
        {"kind": "extension", "on": today, "until": today, "court": "Leicester"},
    )
    assert step.status_code == 422 and "until" in step.json()["problems"]
    listed = client.get("/api/v1/recovery/registers/cash").json()
    assert [e["id"] for e in listed] == [entry["id"]]


def test_an_officer_outside_the_registers_gets_404(client, finint, fi, reports, assessor):
    accredit(finint, fi, "cash_seizure")
    client.force_login(finint)
    made = _post(
        client,
        "/api/v1/recovery/registers/cash",
        {
            "report": reports[0],
            "subject": "Sam Runner",
            "officer": "fi",
            "status": "detained",
            "seized_on": timezone.localdate().isoformat(),
            "amount_gbp": "1500.00",
        },
    ).json()
    client.force_login(assessor)
    assert client.get(f"/api/v1/recovery/entries/{made['id']}").status_code == 404
    assert client.get("/api/v1/recovery/registers/cash").status_code == 404
    assert _post(
        client,
        "/api/v1/recovery/registers/cash",
        {"report": reports[0], "subject": "x", "status": "detained"},
    ).status_code in (404, 422)
    assert client.get("/api/v1/recovery/figures?start=2026-01-01&end=2026-12-31").status_code == 404


def test_accreditations_and_the_figures(client, manager, fi, finint, reports):
    client.force_login(manager)
    made = _post(
        client,
        "/api/v1/recovery/accreditations",
        {"officer": "fi", "kind": "fi", "awarded_on": "2024-01-01", "expires_on": "2099-01-01"},
    )
    assert made.status_code == 201
    assert client.get("/api/v1/recovery/accreditations").json()[0]["kind"] == "fi"
    figures = client.get("/api/v1/recovery/figures?start=2026-01-01&end=2026-12-31").json()
    assert figures["restraint_orders"] == 0
