"""django-ninja routes for the signed-in user's own API tokens."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from fraudcase.core.api_schemas import Invalid, one_of

from . import services
from .models import ApiToken
from .rules import TokenState

router = Router(tags=["accounts"])


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    revoked_at: datetime | None
    state: one_of(TokenState)


class TokenIn(Schema):
    name: str
    days: int | None = None


class NewTokenOut(Schema):
    token: TokenOut
    secret: str


@router.get("/tokens", response=list[TokenOut])
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    """Your own API tokens, newest first: state is active, expired or revoked."""
    return services.tokens_of(services.api_user(request))


@router.post("/tokens", response={201: NewTokenOut, 422: Invalid}, auth=django_auth)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[object]:
    """Issue yourself a token (signed in to the pages only: a token cannot make another token,
    which would outlive its expiry). The secret is in this answer and nowhere else."""
    if not payload.name.strip():
        return Status(422, {"detail": "Invalid token", "problems": {"name": "Enter a name."}})
    try:
        token, secret = services.new_token(
            services.api_user(request), payload.name.strip()[:100], days=payload.days
        )
    except ValueError as refused:
        return Status(422, {"detail": "Invalid token", "problems": {"days": str(refused)}})
    return Status(201, {"token": token, "secret": secret})


@router.delete("/tokens/{token_id}", response={204: None})
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    """Revoke one of your tokens: it answers 401 from now on. Another user's token is 404."""
    if services.revoke_token(services.api_user(request), token_id) is None:
        raise Http404
    return Status(204, None)
