"""Writes for users and teams, and the access-checked visibility every other app relies on."""

import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone

from . import rules
from .models import ApiToken, User


def visibility_filter(user: User, *, prefix: str = "") -> Q:
    """A filter for any queryset of records carrying `handling_marking` and `restricted_to_team`.

    `prefix` reaches those fields through a relation, e.g. "report__".
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    team_ids = list(user.teams.values_list("id", flat=True))
    return Q(**{f"{prefix}handling_marking__in": rules.markings_cleared_for(user.clearance)}) & (
        Q(**{f"{prefix}restricted_to_team__isnull": True})
        | Q(**{f"{prefix}restricted_to_team__in": team_ids})
    )


def issue_token(user: User, name: str) -> str:
    """Create an API token and return its secret, which is shown once and never stored."""
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, digest=hashlib.sha256(secret.encode()).hexdigest()
    )
    return secret


def user_for_token(secret: str) -> User | None:
    digest = hashlib.sha256(secret.encode()).hexdigest()
    token = ApiToken.objects.select_related("user").filter(digest=digest).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
