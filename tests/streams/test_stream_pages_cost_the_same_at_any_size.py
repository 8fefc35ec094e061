"""Issue 16: the streams' lists, pages and API lists, and the Deadlines page with their clock,
take no more queries with many requests and incidents than with a few."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from fraudcase.streams.models import BankingProtocolIncident, InternationalRequest
from tests.scale import assert_bounded
from tests.streams.conftest import a_request, an_incident, in_month

pytestmark = pytest.mark.django_db

batches = count()


@pytest.fixture
def grow(ecu_investigator, ecu):
    """300 more requests (a third overdue) and 300 more incidents, by bulk_create."""

    def more():
        batch = next(batches)
        today = timezone.localdate()
        InternationalRequest.objects.bulk_create(
            InternationalRequest(
                kind=("eio", "ilor")[n % 2],
                country="FR",
                authority="Parquet de Paris",
                their_reference=f"B{batch}-{n}",
                received_on=today - timedelta(days=n % 200),
                asked_for="banking",
                officer=ecu_investigator,
                team=ecu,
                state=("received", "accepted", "sent", "completed")[n % 4],
                due_on=today - timedelta(days=n % 3),
                response_due=None if n % 4 == 3 else today - timedelta(days=n % 3),
                recorded_by=ecu_investigator,
                recorded_at=timezone.now(),
            )
            for n in range(300)
        )
        BankingProtocolIncident.objects.bulk_create(
            BankingProtocolIncident(
                bank_name="Castle Bank",
                branch_name=f"Branch {n}",
                called_at=in_month(2026, 1 + n % 11, 1 + n % 27),
                attended=n % 2 == 0,
                attended_at=in_month(2026, 1 + n % 11, 1 + n % 27, 12) if n % 2 == 0 else None,
                arrest=n % 5 == 0,
                no_offence=n % 5 != 0,
                recorded_by=ecu_investigator,
                recorded_at=timezone.now(),
            )
            for n in range(300)
        )

    return more


@pytest.fixture
def signed_in(client, ecu_investigator, ecu, grow):
    a_request(ecu_investigator, ecu)
    an_incident(ecu_investigator)
    grow()
    client.force_login(ecu_investigator)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/streams/ilor/",
        "/streams/ilor/?state=received&kind=eio&country=FR&sort=due",
        "/streams/ilor/?export=csv",
        "/streams/banking-protocol/",
        "/streams/banking-protocol/?month=2026-03&result=arrest",
        "/streams/banking-protocol/?export=xlsx",
        "/api/v1/ilor-requests",
        "/api/v1/banking-protocol-incidents",
        "/deadlines/?scope=team",
        "/",
    ],
)
def test_the_lists_cost_the_same_with_many_records(signed_in, grow, url):
    assert_bounded(signed_in, url, grow)


def test_the_detail_pages_cost_the_same_with_many_records(signed_in, grow):
    request = InternationalRequest.objects.order_by("pk").first()
    incident = BankingProtocolIncident.objects.order_by("pk").first()
    assert_bounded(signed_in, f"/streams/ilor/{request.pk}/", grow)
    assert_bounded(signed_in, f"/streams/banking-protocol/{incident.pk}/", grow)


def test_a_user_sees_only_the_records_they_may(client, ecu_investigator, analyst, ecu, vft, fvo):
    secret = a_request(
        ecu_investigator, ecu, handling_marking="OFFICIAL-SENSITIVE", their_reference="SECRET-1"
    )
    open_one = a_request(ecu_investigator, ecu, their_reference="OPEN-1")
    ecu_only = an_incident(ecu_investigator, restricted_to_team=ecu, branch_name="ECU only")
    client.force_login(analyst)
    listed = client.get("/streams/ilor/").content.decode()
    assert "OPEN-1" in listed and "SECRET-1" not in listed
    assert client.get(f"/streams/ilor/{secret.pk}/").status_code == 404
    assert client.get(f"/streams/ilor/{open_one.pk}/").status_code == 200
    assert "SECRET-1" not in client.get("/streams/ilor/?export=csv").content.decode()
    assert [r["their_reference"] for r in client.get("/api/v1/ilor-requests").json()] == ["OPEN-1"]
    client.force_login(fvo)  # not in the ECU
    assert "ECU only" not in client.get("/streams/banking-protocol/").content.decode()
    assert client.get(f"/streams/banking-protocol/{ecu_only.pk}/").status_code == 404
    assert client.get("/api/v1/banking-protocol-incidents").json() == []
