r"""NUL characters (\x00) are refused at the door: no page, API call or form may carry one.

PostgreSQL cannot store a NUL in text (it answered 500) and SQLite stored it silently, so
whatever a user sends - a query string (the search box, the API's ?q=), a path, form fields,
a JSON body - is looked at once here, before any view, and refused with a 400 that says which
field held it. Django's own form fields refuse NUL as well; cells in imported files are named
by the import's checks (`fraudcase.core.tables.nul_problems`).
"""

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL = "\x00"
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
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            if NUL in key or any(NUL in v for v in values):
                return _field(key)
        return None
    if content_type.endswith("json"):
        body = request.body
        if b"\x00" in body:
            return "The request body"
        # A NUL can only reach a JSON string written as \u0000: parse only if it might be there.
        if b"\\u0000" in body:
            try:
                return _json_nul(json.loads(body), "")
            except ValueError:
                return None  # not JSON: the API says so itself
    return None


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
