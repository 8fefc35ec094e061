"""The OCG API: the same services and access as the pages."""

import pytest
from django.utils import timezone

from fraudcase.ocg.models import OrganisedCrimeGroup

pytestmark = pytest.mark.django_db


def test_an_analyst_works_an_ocg_over_the_api(client, analyst, chain, ecu_investigator):
    series, _refs = chain
    client.force_login(analyst)
    made = client.post(
        "/api/v1/ocgs",
        {"name": "Courier gang", "series": series.reference, "lead_officer": "ecu_investigator"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    ref = made.json()["reference"]
    assert made.json()["rollup"]["reports"] == 3 and made.json()["series"] == [series.reference]
    assert made.json()["lead_officer"] == "ecu_investigator"
    nominal = client.post(
        f"/api/v1/ocgs/{ref}/nominals",
        {"name": "Alex Ledger", "role": "professional_enabler"},
        content_type="application/json",
    )
    assert nominal.status_code == 422 and "profession" in nominal.json()["problems"]
    today = timezone.localdate().isoformat()
    entry = client.post(
        f"/api/v1/ocgs/{ref}/entries",
        {"kind": "meeting_decision", "on": today, "text": "Seek takedowns"},
        content_type="application/json",
    )
    assert entry.status_code == 201 and entry.json()["author"] == "analyst"
    moved = client.post(
        f"/api/v1/ocgs/{ref}/status",
        {"status": "dismantled", "reason": "skip"},
        content_type="application/json",
    )
    assert moved.status_code == 422
    moved = client.post(
        f"/api/v1/ocgs/{ref}/status",
        {"status": "mapped", "reason": "Mapped at the OCG meeting"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "mapped"
    listed = client.get("/api/v1/ocgs", {"status": "mapped"})
    assert [g["reference"] for g in listed.json()] == [ref]
    assert client.get("/api/v1/ocgs", {"status": "archived"}).json() == []
    entries = client.get(f"/api/v1/ocgs/{ref}/entries").json()
    assert [e["kind"] for e in entries] == ["meeting_decision", "status_change"] or [
        e["kind"] for e in entries
    ] == ["status_change", "meeting_decision"]

    # The lead officer (an investigator) may add to it; an assessor finds nothing.
    client.force_login(ecu_investigator)
    assert (
        client.post(
            f"/api/v1/ocgs/{ref}/nominals",
            {"name": "Sam Runner", "role": "member"},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert OrganisedCrimeGroup.objects.get().nominals.count() == 1


def test_a_role_that_does_not_work_ocgs_finds_none(client, analyst, assessor, chain):
    client.force_login(analyst)
    ref = client.post(
        "/api/v1/ocgs", {"name": "Courier gang"}, content_type="application/json"
    ).json()["reference"]
    client.force_login(assessor)
    assert client.get("/api/v1/ocgs").json() == []
    assert client.get(f"/api/v1/ocgs/{ref}").status_code == 404
    made = client.post("/api/v1/ocgs", {"name": "x"}, content_type="application/json")
    assert made.status_code == 404
