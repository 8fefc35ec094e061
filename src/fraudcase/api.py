"""The JSON API: /api/openapi.json and /api/docs. Session (with CSRF) or bearer-token auth."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, django_auth

from fraudcase.accounts.api import router as accounts_router
from fraudcase.accounts.models import User
from fraudcase.accounts.rules import TokenState
from fraudcase.accounts.services import TokenRefused, user_for_token
from fraudcase.casefile.api import router as casefile_router
from fraudcase.cases.api import router as cases_router
from fraudcase.core import health
from fraudcase.core.api_schemas import Detail, Invalid, Rejected
from fraudcase.core.errors import (
    AttachmentRejected,
    Conflict,
    FileRejected,
    InvalidInput,
    JustificationRequired,
    NotPermitted,
)
from fraudcase.finance.api import router as finance_router
from fraudcase.intake.api import router as intake_router
from fraudcase.investigation.api import router as investigation_router
from fraudcase.linking.api import router as linking_router
from fraudcase.ocg.api import router as ocg_router
from fraudcase.performance.api import router as performance_router
from fraudcase.recovery.api import router as recovery_router
from fraudcase.reports.api import router as reports_router
from fraudcase.returns.api import router as returns_router
from fraudcase.streams.api import router as streams_router
from fraudcase.triage.api import router as triage_router
from fraudcase.victims.api import router as victims_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """The token's user; None for an unknown token. Raises TokenRefused (401) for an
        expired or revoked one."""
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def _docs_reader(request: HttpRequest) -> bool:
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


View = Callable[..., HttpResponse]


def docs_for_signed_in_users(view: View) -> View:
    """/api/docs and /api/openapi.json: signed-in users (or a bearer token) only, unless
    FRAUDCASE_PUBLIC_API_DOCS is on. The page sends others to sign in; the schema says 401."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _docs_reader(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Sign in, or send a bearer token."}, status=401)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    return guarded


# Every error answer a route can give, documented on every route it can come from (the
# handlers below and core/nul.py give them, wherever the error is raised): status ->
# (when, body schema, which routes).
ERRORS = {
    "400": (
        "A NUL character (\\u0000) in the address, a query parameter, a form field or "
        "the body: nothing was read",
        "Detail",
        "all",
    ),
    "401": ("No credentials, an unknown token, or an expired or revoked one", "Detail", "auth"),
    "403": (
        "Signed in to the pages, without the CSRF token (X-CSRFToken header)",
        "Detail",
        "unsafe",
    ),
    "404": (
        "No such record, a record you may not see, or a step your role may not take",
        "Detail",
        "all",
    ),
    "409": (
        "The record was changed first by someone else, or is not where this step starts: "
        "nothing was saved",
        "Detail",
        "unsafe",
    ),
    "422": (
        "A field breaks a rule: `problems` names each field and what is wrong",
        "Invalid",
        "all",
    ),
    "428": (
        "A restricted record: give your reason in an X-Justification header",
        "Detail",
        "record",
    ),
    "503": ("The database cannot be reached: try again shortly", "Detail", "all"),
}
UNSAFE = {"post", "put", "patch", "delete"}
SchemaT = TypeVar("SchemaT", bound=dict[str, Any])
JUSTIFICATION = {
    "in": "header",
    "name": "X-Justification",
    "required": False,
    "description": "Why you consult a restricted record (kept in the audit log); without it a "
    "restricted record answers 428.",
    "schema": {"type": "string", "maxLength": 500},
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def document_errors(schema: SchemaT) -> SchemaT:
    """Add every error answer of ERRORS, with its body schema, to each operation it applies to;
    an answer a route declares itself is kept (a 422 that may also be a rejected file says
    either)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (Detail, Invalid, Rejected):
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(found.pop("$defs", {}))
        components[model.__name__] = found
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            applies = {"all"}
            if "{ref}" in path:
                applies.add("record")
            if method in UNSAFE:
                applies.add("unsafe")
            if operation.get("security"):
                applies.add("auth")
            if "{ref}" in path:
                operation.setdefault("parameters", []).append(JUSTIFICATION)
            answers = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = answers
            for status, (when, body, scope) in ERRORS.items():
                if scope not in applies:
                    continue
                declared = answers.get(status)
                content = {"application/json": {"schema": _ref(body)}}
                if declared is None:
                    answers[status] = {"description": when, "content": content}
                elif status == "422" and "Rejected" in str(declared):
                    declared["content"] = {
                        "application/json": {
                            "schema": {"anyOf": [_ref("Invalid"), _ref("Rejected")]}
                        }
                    }
                    declared["description"] = when + "; or the file was refused whole"
    return schema


class FraudcaseAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        return document_errors(super().get_openapi_schema(**kwargs))


api = FraudcaseAPI(
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
# Before reports_router: its /reports/{ref} would otherwise take /reports/{ref}/decisions.
api.add_router("/v1", investigation_router)
api.add_router("/v1", casefile_router)
api.add_router("/v1", intake_router)
# Before reports_router too: /reports/{ref}/person.
api.add_router("/v1", linking_router)
api.add_router("/v1", reports_router)
api.add_router("/v1", victims_router)
api.add_router("/v1", accounts_router)
api.add_router("/v1", returns_router)
api.add_router("/v1", streams_router)
api.add_router("/v1", performance_router)
api.add_router("/v1", finance_router)
api.add_router("/v1", ocg_router)
api.add_router("/v1", recovery_router)


@csrf_exempt  # it changes nothing: a POST to no route is a JSON 404, not the CSRF HTML page
def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any /api/ address no route answers: JSON, as every other API answer."""
    return JsonResponse({"detail": "Not found"}, status=404)


@api.exception_handler(TokenRefused)
def token_refused(request: HttpRequest, exc: TokenRefused) -> HttpResponse:
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
def justification_required(request: HttpRequest, exc: JustificationRequired) -> HttpResponse:
    answer: dict[str, object] = {"detail": exc.explanation()}
    if exc.for_list:
        answer |= {"restricted": exc.restricted, "total": exc.total}
    return api.create_response(request, answer, status=428)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A request that does not fit the schema: one answer shape for every 422, field -> what is
    wrong (`cease_and_desist.suspect_under_18`, `q`, `file`...)."""
    problems: dict[str, str] = {}
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ())]
        if len(where) > 1:
            where = where[2:] if where[:2] == ["body", "payload"] else where[1:]
        field = ".".join(where) or "body"
        message = str(error.get("msg", "Invalid"))
        problems[field] = f"{problems[field]}; {message}" if field in problems else message
    return api.create_response(
        request, {"detail": "Not saved: the request is invalid", "problems": problems}, status=422
    )


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unreachable(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
    """The database is down or refused the connection: a JSON 503, not Django's HTML 500."""
    response = api.create_response(request, {"detail": health.DOWN}, status=503)
    for header, value in health.RETRY.items():
        response[header] = value
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


# Errors a service raises on purpose (core/errors.py) have one answer each, wherever they come
# from; a route may still answer them itself with more detail.
@api.exception_handler(InvalidInput)
def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Not saved", "problems": exc.problems}, status=422
    )


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(NotPermitted)
def not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
    # As for a record the user may not see: the step does not exist for them.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(FileRejected)
def file_rejected(request: HttpRequest, exc: FileRejected) -> HttpResponse:
    return api.create_response(request, exc.as_api(), status=422)


@api.exception_handler(AttachmentRejected)
def attachment_rejected(request: HttpRequest, exc: AttachmentRejected) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Attachment refused", "problems": {"files": str(exc)}}, status=422
    )
