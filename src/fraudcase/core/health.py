"""Whether the service can do its work, and one clear answer when the database is gone.

`/healthz` runs `SELECT 1`: 200 "ok", or 503 with a short text when the database cannot be
reached (for a load balancer or a monitoring probe; unauthenticated and cheap). The API
answers JSON 503 itself (fraudcase.api), the command line one line (fraudcase.cli), and the
pages the GOV.UK "Sorry, there is a problem with the service" page (`server_error`).
"""

import sys
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template import loader

DOWN = "The database cannot be reached: try again shortly."
RETRY = {"Retry-After": "30"}


def where(database: Mapping[str, Any] | None = None) -> str:
    """HOST:PORT/NAME of the database (the file for SQLite), without the password."""
    database = database or settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return str(database["NAME"])
    host = database.get("HOST") or "localhost"
    port = database.get("PORT") or "5432"
    return f"{host}:{port}/{database.get('NAME', '')}"


def reason(error: Exception) -> str:
    """The first line of the driver's message, e.g. 'connection refused'."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text.rsplit("failed: ", 1)[-1] if "failed: " in text else text


def healthz(request: HttpRequest) -> HttpResponse:
    """/healthz: 200 when the database answers, 503 with Retry-After when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(DOWN, status=503, content_type="text/plain", headers=RETRY)
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """The pages' answer to an unexpected error (the project's handler500): the GOV.UK
    "Sorry, there is a problem with the service" page, 503 with Retry-After when the database
    cannot be reached, 500 otherwise. Rendered without the request, so it needs no session,
    no user and no database, and shows no menu."""
    error = sys.exc_info()[1]
    down = isinstance(error, OperationalError | InterfaceError)
    page = loader.get_template("500.html").render({"database_down": down})
    if down:
        return HttpResponse(page, status=503, headers=RETRY)
    return HttpResponse(page, status=500)
