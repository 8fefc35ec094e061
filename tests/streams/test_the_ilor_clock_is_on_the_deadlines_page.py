"""An ILOR/EIO response due today or overdue is on the Deadlines page and in
/api/v1/deadlines for the officer it is with and their team, and leaves once the response is
returned (or the request declined)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.streams import services
from tests.streams.conftest import a_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(ecu_investigator, ecu):
    today = timezone.localdate()
    return a_request(
        ecu_investigator,
        ecu,
        received_on=today - timedelta(days=40),
        response_due=today - timedelta(days=2),
        their_reference="OVERDUE-1",
    )


@pytest.fixture
def due_today(finint, ecu):
    today = timezone.localdate()
    return a_request(
        finint,
        ecu,
        received_on=today - timedelta(days=5),
        response_due=today,
        their_reference="TODAY-1",
    )


@pytest.fixture
def not_yet(ecu_investigator, ecu):
    return a_request(ecu_investigator, ecu, their_reference="LATER-1")


def test_due_and_overdue_responses_are_on_the_deadlines_page(
    client, ecu_investigator, overdue, due_today, not_yet
):
    client.force_login(ecu_investigator)
    mine = client.get("/deadlines/").content.decode()
    assert "ILOR/EIO responses" in mine
    assert overdue.reference in mine and due_today.reference not in mine  # not mine
    team = client.get("/deadlines/?scope=team").content.decode()
    assert overdue.reference in team and due_today.reference in team
    assert not_yet.reference not in team
    api = client.get("/api/v1/deadlines?scope=team").json()
    shown = {i["local_reference"]: i for i in api}  # the request's reference there
    assert set(shown) >= {overdue.reference, due_today.reference}
    assert shown[overdue.reference]["state"] == "overdue"
    assert shown[due_today.reference]["state"] == "due_today"
    assert not_yet.reference not in shown


def test_a_response_returned_leaves_the_deadlines(client, ecu_investigator, overdue):
    for move in ("accept", "send", "complete"):
        services.move_request(ecu_investigator, overdue.pk, move)
    client.force_login(ecu_investigator)
    assert overdue.reference not in client.get("/deadlines/?scope=team").content.decode()


def test_a_declined_request_leaves_the_deadlines(client, ecu_investigator, overdue):
    services.move_request(ecu_investigator, overdue.pk, "decline", reason="Not an offence here")
    client.force_login(ecu_investigator)
    assert overdue.reference not in client.get("/deadlines/?scope=team").content.decode()


def test_roles_that_do_not_work_requests_do_not_see_their_clock(client, supervisor, overdue):
    # The VFT supervisor works requests, but not of the ECU's team nor its officers.
    client.force_login(supervisor)
    assert overdue.reference not in client.get("/deadlines/?scope=team").content.decode()
