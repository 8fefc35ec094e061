"""A session ends after the idle time (30 minutes by default) and stays open while it is used,
without a write on every request: the idle clock is moved at most once a refresh interval
(ADR-0176), so reading pages does not queue every user behind a session write."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.accounts import middleware

pytestmark = pytest.mark.django_db


def session_writes(captured) -> int:
    writes = ("UPDATE", "INSERT")
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(writes)
    )


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(middleware, "_now", lambda: now["t"])
    return now


def test_pages_read_in_quick_succession_do_not_write_the_session(assessor, client, clock):
    client.force_login(assessor)
    client.get("/")  # the first page stamps the idle clock
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            clock["t"] += 5
            assert client.get("/").status_code == 200
    assert session_writes(captured) == 0


def test_a_session_in_use_is_kept_open_past_the_idle_time(assessor, client, clock, settings):
    client.force_login(assessor)
    client.get("/")
    key = client.session.session_key
    first_expiry = Session.objects.get(session_key=key).expire_date
    clock["t"] += middleware.refresh_seconds() + 1
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert session_writes(captured) == 1
    assert Session.objects.get(session_key=key).expire_date > first_expiry


def test_an_idle_session_ends(assessor, client, clock):
    client.force_login(assessor)
    client.get("/")
    # The database backend refuses a session whose expiry has passed: sign in again.
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_idle_limit_holds_to_within_a_minute(settings):
    settings.SESSION_COOKIE_AGE = 1800
    assert middleware.refresh_seconds() == 60
    settings.SESSION_COOKIE_AGE = 300
    assert middleware.refresh_seconds() == 30
