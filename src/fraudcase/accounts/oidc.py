"""Optional single sign-on through OpenID Connect (Microsoft Entra ID or another provider).

On only when FRAUDCASE_OIDC_* settings give a client and the provider's endpoints
(docs/admin-guide.md "Single sign-on"). A provider's account signs in as the fraudcase user
with the same username, or else the same e-mail address when the provider says it is
verified (`email_verified`); nobody is created, and roles, clearance and teams
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


def email_verified(claims: dict) -> bool:
    """Whether the provider vouches for the `email` claim. Only an explicit `email_verified`
    of true counts (some providers send the string "true"); absent means unverified. An
    unverified address may be one the account's holder typed in, so it identifies nobody."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.strip().lower() == "true")


def matching_users(claims: dict, *, username_claim: str):
    """Active users the provider's claims name: by username first, then by e-mail address,
    only when the provider says the address is verified (`email_verified`).

    Either way the comparison ignores case (Entra ID user principal names are often
    capitalised). Nothing matches an empty claim. The username claim is matched to usernames
    only, never to e-mail addresses: an address is trusted only as a verified `email`.
    """
    active = User.objects.filter(is_active=True)
    name = str(claims.get(username_claim) or "").strip()
    if name and (by_name := active.filter(username__iexact=name)).exists():
        return by_name
    address = str(claims.get("email") or "").strip()
    if not (address and "@" in address and email_verified(claims)):
        return active.none()
    return active.filter(Q(email__iexact=address))


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching fraudcase users and never creating one."""

    def get_userinfo(self, access_token, id_token, payload):
        # Entra ID puts preferred_username in the (verified) ID token, not the userinfo answer.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims) -> bool:
        return bool(
            claims.get(settings.FRAUDCASE_OIDC_USERNAME_CLAIM)
            or (claims.get("email") and email_verified(claims))
        )

    def filter_users_by_claims(self, claims):
        return matching_users(claims, username_claim=settings.FRAUDCASE_OIDC_USERNAME_CLAIM)

    def describe_user_by_claims(self, claims) -> str:
        claim = settings.FRAUDCASE_OIDC_USERNAME_CLAIM
        verified = "verified" if email_verified(claims) else "not verified"
        return f"{claim} {claims.get(claim)!r}, email {claims.get('email')!r} ({verified})"

    def create_user(self, claims):
        # Belt and braces: OIDC_CREATE_USER is off, and roles are only ever given in fraudcase.
        return None
