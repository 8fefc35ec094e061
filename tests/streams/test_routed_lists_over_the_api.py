"""The routed lists and the first contact over the API: the same rules as the pages."""

import pytest

from fraudcase.reports.models import Report
from tests.scale import assert_bounded

from .conftest import bring_in, victim_row
from .test_routed_lists_cost_the_same_whatever_the_data import more_routed

pytestmark = pytest.mark.django_db


def test_the_cyber_team_reads_its_list_and_records_a_contact(write_package, cyber_officer, client):
    hacked, _ = bring_in(write_package, [victim_row(1, fraud_type="NFIB52D"), victim_row(2)])
    client.force_login(cyber_officer)
    answer = client.get("/api/v1/streams/cyber")
    assert answer.status_code == 200
    assert [r["local_reference"] for r in answer.json()] == [hacked.local_reference]
    assert answer.json()[0]["route"] == "cyber" and answer.json()[0]["contact_due"]
    done = client.post(
        f"/api/v1/streams/contacts/{hacked.local_reference}",
        {"method": "phone", "summary": "Advice given"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["contacted_at"]
    again = client.post(
        f"/api/v1/streams/contacts/{hacked.local_reference}",
        {"method": "phone", "summary": "Advice given"},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert client.get("/api/v1/streams/cyber").json() == []
    assert len(client.get("/api/v1/streams/cyber?state=contacted").json()) == 1


def test_a_role_that_does_not_work_the_list_is_not_found(write_package, assessor, client):
    (support,) = bring_in(write_package, [victim_row(1, referral_type="VSO")])
    client.force_login(assessor)
    assert client.get("/api/v1/streams/victim-support").status_code == 404
    answer = client.post(
        f"/api/v1/streams/contacts/{support.local_reference}",
        {"method": "phone", "summary": "x"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert Report.objects.get().route_contacted_at is None


@pytest.mark.parametrize("url", ["/api/v1/streams/cyber", "/api/v1/streams/victim-support"])
def test_the_api_list_is_bounded(client, supervisor, url):
    more_routed(40, seed=3)
    client.force_login(supervisor)
    assert_bounded(client, url, lambda: more_routed(200, seed=4))
