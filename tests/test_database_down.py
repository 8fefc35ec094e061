"""With the database unreachable, every way in says so in one line instead of a traceback or an
HTML 500: the API answers JSON 503, /healthz answers 503, the command line prints one line."""

from unittest import mock

import pytest
from django.db import OperationalError, connection


@pytest.fixture
def database_down(db):
    """Every new query fails as it does when the server refuses connections (undone before the
    test database is rolled back)."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed: refused')

    with mock.patch.object(connection, "ensure_connection", refuse):
        yield


def test_the_api_answers_json_503(client, database_down):
    answer = client.get("/api/v1/reports?q=smith", HTTP_AUTHORIZATION="Bearer not-checked")
    assert answer.status_code == 503
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert answer.json() == {"detail": "The database cannot be reached: try again shortly."}
