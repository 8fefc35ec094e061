"""Optional single sign-on through OpenID Connect (Microsoft Entra ID or another provider).

On only when FRAUDCASE_OIDC_* settings give a client and the provider's endpoints
(docs/admin-guide.md "Single sign-on"). A provider's account signs in as the fraudcase user
with the same username or e-mail address; nobody is created, and roles, clearance and teams
stay set in fraudcase. An unknown or ambiguous account is refused.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import include, path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User


def enabled() -> bool:
    return bool(settings.FRAUDCASE_OIDC_ENABLED)


def urlpatterns() -> list:
    """The sign-on URLs (/oidc/authenticate/, /oidc/callback/), only when sign-on is on."""
    if not enabled():
        return []
    return [path("oidc/", include("mozilla_django_oidc.urls"))]


def matching_users(claims: dict, *, username_claim: str):
    """Active users the provider's claims name: by username first, then by e-mail address.

    Either way the comparison ignores case (Entra ID user principal names are often
    capitalised). Nothing matches an empty claim.
    """
    active = User.objects.filter(is_active=True)
    name = str(claims.get(username_claim) or "").strip()
    if name and (by_name := active.filter(username__iexact=name)).exists():
        return by_name
    addresses = [a for a in {str(claims.get("email") or "").strip(), name} if a and "@" in a]
    if not addresses:
        return active.none()
    by_email = Q()
    for address in addresses:
        by_email |= Q(email__iexact=address)
    return active.filter(by_email)


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching fraudcase users and never creating one."""

    def get_userinfo(self, access_token, id_token, payload):
        # Entra ID puts preferred_username in the (verified) ID token, not the userinfo answer.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.FRAUDCASE_OIDC_USERNAME_CLAIM) or claims.get("email"))

    def filter_users_by_claims(self, claims):
        return matching_users(claims, username_claim=settings.FRAUDCASE_OIDC_USERNAME_CLAIM)

    def describe_user_by_claims(self, claims) -> str:
        claim = settings.FRAUDCASE_OIDC_USERNAME_CLAIM
        return f"{claim} {claims.get(claim)!r}, email {claims.get('email')!r}"

    def create_user(self, claims):
        # Belt and braces: OIDC_CREATE_USER is off, and roles are only ever given in fraudcase.
        return None
