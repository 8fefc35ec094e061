import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from .services import request_scope

# /api/ authenticates itself (its docs included: fraudcase.api); /oidc/ is single sign-on's
# callback, routed only when sign-on is on.
OPEN_PREFIXES = ("/accounts/login/", "/static/", "/assets/", "/api/", "/healthz", "/oidc/")


# When the idle clock of a session was last moved forward (seconds since the epoch).
SEEN_KEY = "_fraudcase_seen"


def _now() -> float:
    return time.time()


def refresh_seconds() -> int:
    """How stale a session's idle clock may be before a request moves it: a minute, or a tenth
    of the idle time if that is shorter (ADR-0176)."""
    return max(1, min(60, settings.SESSION_COOKIE_AGE // 10))


class SessionIdleMiddleware:
    """Sessions end after SESSION_COOKIE_AGE idle seconds without a write on every request.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) made every page a write
    and a commit, serialised on the session's row. Here a signed-in request moves the expiry
    forward only when it was last moved more than `refresh_seconds()` ago, so the idle limit
    holds to within that much (ADR-0176). Sits inside SessionMiddleware, which does the save.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A session this request never read (static files, a token's API call) is left alone:
        # reading it only to move its clock would cost the query this saves.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(_now())
        if session.modified or now - session.get(SEEN_KEY, 0) >= refresh_seconds():
            session[SEEN_KEY] = now
        return response


class RequestScopeMiddleware:
    """What a request reads more than once is read once (accounts.services.request_scope: the
    user's teams, which every need-to-know check asks for)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)


class LoginRequiredMiddleware:
    """Every page needs a signed-in user; the API authenticates itself (session or token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The open paths first: they need no session (nor a database) to be answered.
        if not request.path.startswith(OPEN_PREFIXES) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a strict CSP and no caching of police data."""

    CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The API docs get the same policy: django-ninja's Swagger UI runs from its own static
        # files with no inline script (tests/accounts/test_api_docs.py).
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if not request.path.startswith(("/static/", "/assets/")):
            response.setdefault("Cache-Control", "no-store")
        return response
