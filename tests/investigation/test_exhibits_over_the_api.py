"""Exhibits through the API, with the pages' permissions (issue 15 items 4 and 10)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.investigation.models import Movement

pytestmark = pytest.mark.django_db


def test_an_exhibit_is_recorded_moved_and_returned_over_the_api(
    client, case, vft_investigator, assessor
):
    url = f"/api/v1/reports/{case.local_reference}/exhibits"
    client.force_login(vft_investigator)
    seized = timezone.now() - timedelta(days=1)
    body = {
        "initials": "VI",
        "description": "Laptop",
        "seized_from": "Suspect",
        "seized_where": "12 High Street",
        "seized_at": seized.isoformat(),
        "storage_location": "Property store",
    }
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    exhibit = made.json()
    assert exhibit["reference"] == "VI/1" and exhibit["chain_problems"] == []
    moves = f"{url}/{exhibit['id']}/movements"
    lab = (seized + timedelta(hours=2)).isoformat()
    moved = client.post(
        moves, {"held_by": "Lab", "at": lab, "reason": "Imaging"}, content_type="application/json"
    )
    assert moved.status_code == 200 and len(moved.json()["movements"]) == 2
    early = (seized - timedelta(hours=1)).isoformat()
    overlap = client.post(
        moves, {"held_by": "Court", "at": early, "reason": "x"}, content_type="application/json"
    )
    assert overlap.status_code == 422 and "at" in overlap.json()["problems"]
    done = client.post(
        f"{url}/{exhibit['id']}/disposal",
        {"disposal": "destroyed", "authority": "Court order", "at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["disposal"] == "destroyed"
    assert done.json()["chain_problems"] == []
    assert client.get(url).json()[0]["movements"][-1]["end"] is not None

    client.force_login(assessor)
    assert client.get(url).status_code == 200
    assert client.post(url, body, content_type="application/json").status_code == 404
    assert Movement.objects.count() == 2
