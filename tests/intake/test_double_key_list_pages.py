"""The clerk double-keying calls for service reaches every waiting call a page at a time, and a
refused NFRC is shown on the page the clerk was on."""

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.intake.models import CallForService
from tests.conftest import call_for_service

pytestmark = pytest.mark.django_db


def _calls(user, n):
    for i in range(n):
        call_for_service(user, caller_surname=f"Caller{i:03d}")


def test_every_call_to_double_key_is_on_some_page(assessor, client):
    _calls(assessor, 55)
    client.force_login(assessor)
    first = client.get("/calls-for-service/double-key/").content.decode()
    second = client.get("/calls-for-service/double-key/", {"page": 2}).content.decode()
    assert "Showing 1 to 50 of 55" in first and "Showing 51 to 55 of 55" in second
    names = [f"Caller{i:03d}" for i in range(55)]
    assert all(name in first + second for name in names)
    summary = AuditEvent.objects.filter(object_ref="double-key").latest("id").summary
    assert summary == "Viewed the calls for service to double-key (5 calls)"


def test_a_refused_nfrc_is_shown_on_the_page_it_was_typed_on(assessor, client):
    _calls(assessor, 55)
    client.force_login(assessor)
    last = CallForService.objects.order_by("-taken_at", "-pk").first()
    answer = client.post(
        f"/calls-for-service/{last.pk}/sent/?page=2", {"nfib_reference": "not an NFRC"}
    )
    html = answer.content.decode()
    assert "Showing 51 to 55 of 55" in html
    assert f'id="nfib-{last.pk}-error"' in html
