"""Writes for users and teams, and the access-checked visibility every other app relies on."""

import hashlib
import logging
import secrets
from collections.abc import Iterable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from fraudcase.core import scopes

from . import rules
from .models import ApiToken, SignInFailure, User

log = logging.getLogger("fraudcase.accounts")
# A token's last use is written at most this often (docs/api.md).
LAST_USED_STEP = timedelta(minutes=5)


# The teams of each user read during the current request ({user id: [(team id, kind)]}): a
# page that checks need-to-know for ten kinds of record reads them once, not ten times. None
# outside a request (commands, jobs, tests calling services): read each time.
_TEAMS: ContextVar[dict[int, list[tuple[int, str]]] | None] = ContextVar("teams", default=None)


def request_scope() -> AbstractContextManager[None]:
    """While a request is answered, each user's teams are read once (`team_ids`,
    `team_kinds`)."""
    return scopes.fresh(_TEAMS)


def _teams(user: User) -> list[tuple[int, str]]:
    """(id, kind) of each of the user's teams, read once a request (`request_scope`)."""
    known = _TEAMS.get()
    if known is None:
        return list(user.teams.values_list("id", "kind"))
    if user.pk not in known:
        known[user.pk] = list(user.teams.values_list("id", "kind"))
    return known[user.pk]


def team_ids(user: User) -> list[int]:
    """The ids of the user's teams."""
    return [pk for pk, _ in _teams(user)]


def team_kinds(user: User) -> set[str]:
    """The kinds of the user's teams (TeamKind values): which teams' lists are theirs."""
    return {kind for _, kind in _teams(user)}


def visibility_filter(user: User, *, prefix: str = "") -> Q:
    """A filter for any queryset of records carrying `handling_marking` and `restricted_to_team`.

    `prefix` reaches those fields through a relation, e.g. "report__".
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(**{f"{prefix}handling_marking__in": rules.markings_cleared_for(user.clearance)}) & (
        Q(**{f"{prefix}restricted_to_team__isnull": True})
        | Q(**{f"{prefix}restricted_to_team__in": team_ids(user)})
    )


def client_address(request: HttpRequest) -> str:
    """The address a request came from: REMOTE_ADDR, or the trusted proxy's header.

    With FRAUDCASE_CLIENT_ADDRESS_HEADER set (e.g. X-Forwarded-For), the last address in that
    header is used: the one the force's own reverse proxy appended. Set it only behind a proxy
    that adds it, or anyone could choose their own address.
    """
    header = settings.FRAUDCASE_CLIENT_ADDRESS_HEADER
    if header and (last := request.headers.get(header, "").split(",")[-1].strip()):
        return last[:45]
    address: str = request.META.get("REMOTE_ADDR") or "unknown"
    return address[:45]


def api_user(request: HttpRequest) -> User:
    """The user an API request was authenticated as: django-ninja's `request.auth`.

    Every route needs a bearer token or a session (NinjaAPI's `auth`), and both give the User.
    """
    # django-ninja sets `auth` on the request; Django's HttpRequest does not declare it.
    return cast(User, getattr(request, "auth"))  # noqa: B009


def throttle_limits() -> rules.ThrottleLimits:
    """The sign-in throttle's limits from settings."""
    return rules.ThrottleLimits(
        per_account_from_address=settings.FRAUDCASE_LOCKOUT_ATTEMPTS,
        per_address=settings.FRAUDCASE_THROTTLE_ADDRESS_ATTEMPTS,
        overall=settings.FRAUDCASE_THROTTLE_OVERALL_ATTEMPTS,
        minutes=settings.FRAUDCASE_LOCKOUT_MINUTES,
    )


def _throttle_key(username: str) -> str:
    return username.strip().lower()[:150]


def sign_in_refusal(
    username: str, address: str, *, now: datetime | None = None
) -> rules.Refusal | None:
    """Why a password sign-in from `address` to `username` is refused now, or None.

    The decision is rules.sign_in_refusal's.
    Failures are counted in the database, so that every web worker sees them all.
    """
    limits = throttle_limits()
    now = now or timezone.now()
    recent = SignInFailure.objects.filter(at__gt=now - timedelta(minutes=limits.minutes))
    from_address = recent.filter(address=address)

    def count(queryset: QuerySet[SignInFailure], limit: int) -> int:
        # Counting stops at the limit: a long attack costs no more to count than a short one.
        return queryset.values("pk")[:limit].count()

    return rules.sign_in_refusal(
        account_from_address=count(
            from_address.filter(username=_throttle_key(username)), limits.per_account_from_address
        ),
        from_address=count(from_address, limits.per_address),
        overall=count(recent, limits.overall),
        limits=limits,
    )


def refusal_message(refusal: rules.Refusal) -> str:
    """What the sign-in page says for a refusal, with the lockout minutes filled in."""
    return rules.REFUSAL_MESSAGES[refusal].format(minutes=settings.FRAUDCASE_LOCKOUT_MINUTES)


def record_sign_in_failure(username: str, address: str, *, now: datetime | None = None) -> None:
    """Count a failed password, and forget failures too old to count any more."""
    now = now or timezone.now()
    SignInFailure.objects.create(at=now, username=_throttle_key(username), address=address)
    SignInFailure.objects.filter(
        at__lte=now - timedelta(minutes=settings.FRAUDCASE_LOCKOUT_MINUTES)
    ).delete()
    log.warning("Failed sign-in for username %r from %s", username[:150], address)


def clear_sign_in_failures(username: str, address: str) -> None:
    """After a successful sign-in, that account's failures from that address stop counting."""
    SignInFailure.objects.filter(username=_throttle_key(username), address=address).delete()


def issue_token(user: User, name: str, *, days: int | None = None) -> str:
    """Create an API token and return its secret, which is shown once and never stored.

    It expires after `days` (FRAUDCASE_API_TOKEN_DAYS when not given, and never more);
    raises ValueError for a lifetime out of range.
    """
    return new_token(user, name, days=days)[1]


def new_token(user: User, name: str, *, days: int | None = None) -> tuple[ApiToken, str]:
    """`issue_token`, giving the token (its `state` set) as well as the secret."""
    now = timezone.now()
    most = settings.FRAUDCASE_API_TOKEN_DAYS
    expires_at = rules.token_expiry(now, days=most if days is None else days, most_days=most)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=hashlib.sha256(secret.encode()).hexdigest(),
        expires_at=expires_at,
    )
    token.state = rules.TokenState.ACTIVE
    return token, secret


class TokenRefused(Exception):
    """A token that exists but may no longer be used (expired or revoked)."""

    def __init__(self, state: rules.TokenState, since: datetime) -> None:
        super().__init__(state, since)
        self.state = state
        self.since = since


def user_for_token(secret: str) -> User | None:
    """The active user a bearer token belongs to, or None for an unknown token.

    Raises TokenRefused for a token that has expired or been revoked.
    """
    digest = hashlib.sha256(secret.encode()).hexdigest()
    token = ApiToken.objects.select_related("user").filter(digest=digest).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    state = rules.token_state(token.expires_at, token.revoked_at, now)
    if state is rules.TokenState.REVOKED:
        raise TokenRefused(state, token.revoked_at or now)
    if state is rules.TokenState.EXPIRED:
        raise TokenRefused(state, token.expires_at)
    # When it was last used, to the nearest few minutes: a busy client's every request does not
    # write (and lock) the token's row.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def own_tokens(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def with_states(tokens: Iterable[ApiToken]) -> list[ApiToken]:
    """The tokens, each with its `state` now (rules.TokenState)."""
    now = timezone.now()
    shown = list(tokens)
    for token in shown:
        token.state = rules.token_state(token.expires_at, token.revoked_at, now)
    return shown


def tokens_of(user: User) -> list[ApiToken]:
    """The user's own tokens, newest first, each with its `state` (rules.TokenState)."""
    return with_states(own_tokens(user))


def revoke_token(user: User, token_id: int) -> ApiToken | None:
    """Revoke one of the user's own tokens; None if they hold no such token (or another's).

    Revoking twice keeps the first time.
    """
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        return None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
