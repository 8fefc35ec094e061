"""The JSON API: /api/openapi.json and /api/docs. Session (with CSRF) or bearer-token auth."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from fraudcase.accounts.api import router as accounts_router
from fraudcase.accounts.rules import TokenState
from fraudcase.accounts.services import TokenRefused, user_for_token
from fraudcase.cases.api import router as cases_router
from fraudcase.core.errors import (
    AttachmentRejected,
    Conflict,
    FileRejected,
    InvalidInput,
    JustificationRequired,
    NotPermitted,
)
from fraudcase.intake.api import router as intake_router
from fraudcase.reports.api import router as reports_router
from fraudcase.triage.api import router as triage_router
from fraudcase.victims.api import router as victims_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        """The token's user; None for an unknown token. Raises TokenRefused (401) for an
        expired or revoked one."""
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def _docs_reader(request) -> bool:
    """Whether this request may read the API's documentation and schema."""
    if settings.FRAUDCASE_PUBLIC_API_DOCS or request.user.is_authenticated:
        return True
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret:
        return False
    try:
        return user_for_token(secret.strip()) is not None
    except TokenRefused:
        return False


def docs_for_signed_in_users(view):
    """/api/docs and /api/openapi.json: signed-in users (or a bearer token) only, unless
    FRAUDCASE_PUBLIC_API_DOCS is on. The page sends others to sign in; the schema says 401."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if _docs_reader(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Sign in, or send a bearer token."}, status=401)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    return guarded


api = NinjaAPI(
    title="fraudcase API",
    version="1",
    description="Fraud reports for police economic crime units. The same access rules as the "
    "pages: a record you may not see answers 404. Restricted records need an "
    "`X-Justification` header, which is kept in the audit log.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    docs_decorator=docs_for_signed_in_users,
)
# Routers with /reports/{ref}/... routes come before reports' own /reports/{ref}.
api.add_router("/v1", triage_router)
api.add_router("/v1", cases_router)
api.add_router("/v1", intake_router)
api.add_router("/v1", reports_router)
api.add_router("/v1", victims_router)
api.add_router("/v1", accounts_router)


@api.exception_handler(TokenRefused)
def token_refused(request, exc):
    if exc.state is TokenState.EXPIRED:
        detail = (
            f"This token expired at {exc.since.isoformat(timespec='minutes')}: issue a new one."
        )
    else:
        detail = "This token has been revoked: issue a new one."
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(JustificationRequired)
def justification_required(request, exc):
    answer: dict = {"detail": exc.explanation()}
    if exc.for_list:
        answer |= {"restricted": exc.restricted, "total": exc.total}
    return api.create_response(request, answer, status=428)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


# Errors a service raises on purpose (core/errors.py) have one answer each, wherever they come
# from; a route may still answer them itself with more detail.
@api.exception_handler(InvalidInput)
def invalid_input(request, exc):
    return api.create_response(
        request, {"detail": "Not saved", "problems": exc.problems}, status=422
    )


@api.exception_handler(Conflict)
def conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(NotPermitted)
def not_permitted(request, exc):
    # As for a record the user may not see: the step does not exist for them.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(FileRejected)
def file_rejected(request, exc):
    return api.create_response(request, exc.as_api(), status=422)


@api.exception_handler(AttachmentRejected)
def attachment_rejected(request, exc):
    return api.create_response(
        request, {"detail": "Attachment refused", "problems": {"files": str(exc)}}, status=422
    )
