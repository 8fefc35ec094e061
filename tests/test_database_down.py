"""With the database unreachable, every way in says so in one line instead of a traceback or an
HTML 500: the API answers JSON 503, /healthz answers 503, the command line prints one line."""

import os
import subprocess
import sys
from pathlib import Path
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


def test_healthz_answers_503_when_the_database_is_down(client, database_down):
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.content.decode() == "The database cannot be reached: try again shortly."


def test_healthz_answers_ok_when_the_database_answers(client, db):
    answer = client.get("/healthz")
    assert (answer.status_code, answer.content) == (200, b"ok")


@pytest.mark.parametrize(
    "command",
    [
        ["reports", "find", "smith", "--user", "admin"],
        ["migrate"],
        ["audit", "verify"],
        ["accounts", "token", "admin", "CRM sync"],
        ["import", "nfib-package", "tests/examples/nfib-package-example.csv", "--user", "admin"],
    ],
)
def test_every_command_says_it_cannot_reach_the_database_in_one_line(command, tmp_path):
    environment = {
        **os.environ,
        "FRAUDCASE_DATABASE_URL": "postgres://postgres@127.0.0.1:1/x",
        "FRAUDCASE_DATA_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "fraudcase.cli", *command],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    last = done.stderr.strip().splitlines()[-1]
    assert last == "fraudcase: cannot reach the database at 127.0.0.1:1/x: Connection refused"
