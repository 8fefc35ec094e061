"""An ILOR or EIO is recorded as demand with its requesting country and authority, and its
response due date: the date the authority gave, else 120 days for an EIO (Directive
2014/41/EU art. 12) and the force's target for an ILOR (docs/rules.md)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.streams import rules
from fraudcase.streams.models import InternationalRequest
from tests.streams.conftest import a_request

pytestmark = pytest.mark.django_db


def test_an_investigator_records_an_eio_on_the_page(client, ecu_investigator, ecu):
    client.force_login(ecu_investigator)
    assert client.get("/streams/ilor/new/").status_code == 200
    received = timezone.localdate() - timedelta(days=3)
    answer = client.post(
        "/streams/ilor/new/",
        {
            "kind": "eio",
            "country": "DE",
            "authority": "Staatsanwaltschaft Köln",
            "their_reference": "StA-K 12/26",
            "received_on": received.isoformat(),
            "asked_for": "banking",
            "asked_for_detail": "Statements",
            "officer": ecu_investigator.pk,
            "team": ecu.pk,
            "handling_marking": "OFFICIAL",
        },
    )
    request = InternationalRequest.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/streams/ilor/{request.pk}/"
    assert request.state == rules.RequestState.RECEIVED
    assert request.due_on == received + timedelta(days=120)
    assert request.response_due == request.due_on and not request.due_given
    assert AuditEvent.objects.filter(object_ref=request.reference, action="collection").exists()
    page = client.get(f"/streams/ilor/{request.pk}/").content.decode()
    assert "Germany" in page and "Staatsanwaltschaft Köln" in page


def test_an_ilor_is_due_after_the_forces_target(settings, finint, ecu):
    settings.FRAUDCASE_ILOR_RESPONSE_DAYS = 60
    received = date(2026, 9, 1)
    request = a_request(finint, ecu, kind="ilor", country="US", received_on=received)
    assert request.due_on == date(2026, 10, 31)


def test_the_date_the_requesting_authority_gives_is_kept(finint, ecu):
    request = a_request(finint, ecu, response_due=timezone.localdate() + timedelta(days=10))
    assert request.due_on == timezone.localdate() + timedelta(days=10) and request.due_given


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"country": "GB"}, "country"),
        ({"received_on": date(2099, 1, 1)}, "received_on"),
        ({"response_due": date(2000, 1, 1)}, "response_due"),
        ({"handling_marking": "OFFICIAL-SENSITIVE"}, "handling_marking"),
    ],
)
def test_a_request_that_breaks_a_rule_is_refused_naming_the_field(
    analyst, ecu_investigator, ecu, overrides, field
):
    # The investigator is cleared to OFFICIAL-SENSITIVE: a marking above clearance is tried
    # by an officer cleared to OFFICIAL below.
    user = ecu_investigator
    if field == "handling_marking":
        user.clearance = "OFFICIAL"
        user.save()
    with pytest.raises(InvalidInput) as refused:
        a_request(user, ecu, **overrides)
    assert field in refused.value.problems


def test_roles_that_do_not_work_requests_cannot_record_them(client, assessor, analyst, ecu):
    with pytest.raises(NotPermitted):
        a_request(assessor, ecu)
    client.force_login(assessor)
    assert client.get("/streams/ilor/").status_code == 404
    client.force_login(analyst)
    assert client.get("/streams/ilor/").status_code == 200
    assert client.get("/streams/ilor/new/").status_code == 404


def test_the_api_records_and_lists_requests(client, finint, ecu):
    client.force_login(finint)
    answer = client.post(
        "/api/v1/ilor-requests",
        {
            "kind": "ilor",
            "country": "us",
            "authority": "US DoJ OIA",
            "their_reference": "OIA-1",
            "received_on": timezone.localdate().isoformat(),
            "team": ecu.name,
            "officer": finint.username,
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert made["state"] == "received" and made["country"] == "US" and made["officer"] == "finint"
    listed = client.get("/api/v1/ilor-requests?kind=ilor&country=US")
    assert [r["id"] for r in listed.json()] == [made["id"]]
    assert listed["X-Total-Count"] == "1"
    assert client.get("/api/v1/ilor-requests?kind=eio").json() == []
    wrong = client.post(
        "/api/v1/ilor-requests",
        {
            "kind": "ilor",
            "country": "ZZ",
            "authority": "x",
            "their_reference": "y",
            "received_on": timezone.localdate().isoformat(),
            "team": ecu.name,
        },
        content_type="application/json",
    )
    assert wrong.status_code == 422 and "country" in wrong.json()["problems"]


def test_the_list_filters_and_exports(client, finint, ecu):
    a_request(finint, ecu)
    a_request(finint, ecu, kind="ilor", country="US", their_reference="OIA-2")
    client.force_login(finint)
    page = client.get("/streams/ilor/?kind=ilor").content.decode()
    assert "OIA-2" in page and "PDP-2026-114" not in page
    export = client.get("/streams/ilor/?country=FR&export=csv")
    assert export.status_code == 200
    body = export.content.decode()
    assert "PDP-2026-114" in body and "OIA-2" not in body
    assert AuditEvent.objects.filter(action="disclosure", object_ref="ilor-eio-requests").exists()
