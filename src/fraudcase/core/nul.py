r"""NUL characters (\x00) are refused at the door: no page, API call or form may carry one.

PostgreSQL cannot store a NUL in text (it answered 500) and SQLite stored it silently, so
whatever a user sends - a query string (the search box, the API's ?q=), a path, form fields,
a JSON body - is looked at once here, before any view, and refused with a 400 that says which
field held it. Django's own form fields refuse NUL as well; cells in imported files are named
by the import's checks (`fraudcase.core.tables.nul_problems`).
"""

import json
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# \u0000 after an even number of backslashes (none included): a JSON escape for NUL.
JSON_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
MESSAGE = "contains a NUL character (\\x00), which is not text: remove it and try again"


def _field(name: str) -> str:
    name = name.replace(NUL, "")
    return f"The field '{name}'" if name else "A field name"


def nul_field(request: HttpRequest) -> str | None:
    """Where the request holds a NUL ("The field 'q'", "The address"...), or None."""
    if NUL in request.path:
        return "The address"
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return _field(key)
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        for key, values in request.POST.lists():
            if NUL in key or any(NUL in v for v in values):
                return _field(key)
        return None
    return body_nul(request.body)


def body_nul(body: bytes) -> str | None:
    """Where a body that is not a form holds a NUL, or None. django-ninja parses any such body
    as JSON whatever its content type says (text/plain included), so every one is looked at:
    a raw NUL byte, or the JSON escape for NUL (backslash, u, 0000), but not an escaped
    backslash followed by u0000, which is the six characters typed."""
    if b"\x00" in body:
        return "The request body"
    if not JSON_NUL_ESCAPE.search(body):
        return None
    try:
        found = _json_nul(json.loads(body), "")
    except ValueError:
        found = None  # not JSON: the escape is refused all the same
    return found or "The request body"


# A parsed JSON body: any of str, int, float, bool, None, list, dict.
def _json_nul(value: object, where: str) -> str | None:
    if isinstance(value, str):
        return (_field(where) if where else "The request body") if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                return "A field name"
            if found := _json_nul(item, key):
                return found
    if isinstance(value, list):
        for item in value:
            if found := _json_nul(item, where):
                return found
    return None


class RejectNulMiddleware:
    """Answers 400 to any request carrying a NUL: JSON under /api/, a page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = nul_field(request)
        if field is None:
            return self.get_response(request)
        detail = f"{field} {MESSAGE}"
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=400)
        return render(request, "nul_refused.html", {"detail": detail}, status=400)
