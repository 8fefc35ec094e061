"""A request moves received -> accepted or declined (with a reason) -> evidence requests sent
-> completed, as the table in streams.rules.LIFECYCLE says, and no other way; two racing
moves cannot both win (a conditional UPDATE on the state seen)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.core.errors import Conflict, InvalidInput
from fraudcase.streams import rules, services
from fraudcase.streams.models import InternationalRequest
from tests.streams.conftest import a_request

pytestmark = pytest.mark.django_db

CASES = [
    (transition, state, state in starts)
    for transition, (starts, _) in rules.LIFECYCLE.items()
    for state in rules.RequestState
]


@pytest.mark.parametrize(("transition", "state", "allowed"), CASES)
def test_each_move_is_allowed_only_from_the_states_the_table_gives(
    ecu_investigator, ecu, transition, state, allowed
):
    request = a_request(ecu_investigator, ecu)
    InternationalRequest.objects.filter(pk=request.pk).update(state=state)
    move = lambda: services.move_request(  # noqa: E731
        ecu_investigator, request.pk, transition, reason="Not an offence here"
    )
    if not allowed:
        with pytest.raises(Conflict):
            move()
        assert InternationalRequest.objects.get(pk=request.pk).state == state
        return
    moved = move()
    assert moved.state == rules.LIFECYCLE[transition][1]
    assert getattr(moved, rules.STAMPED[transition]) == timezone.localdate()
    # The clock runs while a response is owed, and stops once one is returned or refused.
    assert (moved.response_due is None) == (moved.state not in rules.OPEN_STATES)


@pytest.mark.parametrize("role_user", ["assessor", "analyst"])
def test_a_role_that_does_not_work_requests_cannot_move_them(
    request, ecu_investigator, ecu, role_user
):
    user = request.getfixturevalue(role_user)
    made = a_request(ecu_investigator, ecu)
    with pytest.raises(Exception) as refused:
        services.move_request(user, made.pk, "accept")
    assert refused.type.__name__ == "Http404"
    assert rules.transition_problem("accept", user.role, "received") == "Your role may not do this"


def test_a_decline_needs_its_reason_and_a_date_not_before_receipt(ecu_investigator, ecu):
    made = a_request(ecu_investigator, ecu)
    with pytest.raises(InvalidInput) as refused:
        services.move_request(ecu_investigator, made.pk, "decline")
    assert "reason" in refused.value.problems
    with pytest.raises(InvalidInput) as refused:
        services.move_request(
            ecu_investigator, made.pk, "accept", on=made.received_on - timedelta(days=1)
        )
    assert "on" in refused.value.problems


def test_the_second_of_two_racing_moves_is_refused(ecu_investigator, finint, ecu):
    made = a_request(ecu_investigator, ecu)
    services.move_request(ecu_investigator, made.pk, "accept")
    with pytest.raises(Conflict):
        services.move_request(finint, made.pk, "decline", reason="Too late")
    assert InternationalRequest.objects.get(pk=made.pk).state == "accepted"


def test_the_detail_page_moves_a_request_through_its_life(client, ecu_investigator, ecu):
    made = a_request(ecu_investigator, ecu)
    client.force_login(ecu_investigator)
    url = f"/streams/ilor/{made.pk}/"
    assert "Accept the request" in client.get(url).content.decode()
    assert client.post(url, {"move": "accept"}).status_code == 302
    refused = client.post(url, {"move": "decline", "decline-reason": "x"})
    assert refused.status_code == 302  # moved on: told so, nothing changed
    assert InternationalRequest.objects.get(pk=made.pk).state == "accepted"
    client.post(url, {"move": "send", "send-detail": "Production order on Castle Bank"})
    client.post(url, {"move": "complete"})
    done = InternationalRequest.objects.get(pk=made.pk)
    assert done.state == "completed" and done.sent_detail == "Production order on Castle Bank"
    assert done.response_due is None
    assert "Response returned" in client.get(url).content.decode()


def test_a_decline_without_a_reason_is_shown_again_with_the_error(client, ecu_investigator, ecu):
    made = a_request(ecu_investigator, ecu)
    client.force_login(ecu_investigator)
    answer = client.post(f"/streams/ilor/{made.pk}/", {"move": "decline"})
    assert answer.status_code == 200
    assert "Enter why the request is declined" in answer.content.decode()


def test_the_api_moves_a_request_and_says_when_it_has_moved_on(client, finint, ecu):
    made = a_request(finint, ecu)
    client.force_login(finint)
    url = f"/api/v1/ilor-requests/{made.pk}"
    answer = client.post(f"{url}/accept", {}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["state"] == "accepted"
    again = client.post(f"{url}/accept", {}, content_type="application/json")
    assert again.status_code == 409
    assert client.post(f"{url}/fly", {}, content_type="application/json").status_code == 422
