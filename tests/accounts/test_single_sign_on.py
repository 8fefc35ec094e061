"""Optional OpenID Connect sign-on: a provider's account signs in as an existing user only."""

import importlib
from typing import ClassVar

import pytest
from django.core.exceptions import SuspiciousOperation
from django.urls import clear_url_caches

from fraudcase.accounts import oidc

pytestmark = pytest.mark.django_db

ENTRA = "https://login.microsoftonline.com/tenant-id"


def _reload_urls():
    import fraudcase.urls

    importlib.reload(fraudcase.urls)
    clear_url_caches()


@pytest.fixture
def sign_on(settings):
    """Sign-on configured as FRAUDCASE_OIDC_TENANT and the client settings would."""
    settings.OIDC_RP_CLIENT_ID = "client-id"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ENTRA}/oauth2/v2.0/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ENTRA}/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.microsoft.com/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ENTRA}/discovery/v2.0/keys"
    settings.FRAUDCASE_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "fraudcase.accounts.oidc.OIDCBackend",
    ]
    _reload_urls()
    yield
    settings.FRAUDCASE_OIDC_ENABLED = False
    _reload_urls()


@pytest.fixture
def provider_says(monkeypatch):
    """The provider's userinfo answer (the only outside call the backend makes here)."""

    def answer(userinfo: dict):
        class Response:
            headers: ClassVar[dict[str, str]] = {"content-type": "application/json"}

            def raise_for_status(self):
                return None

            def json(self):
                return userinfo

        monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", lambda *a, **k: Response())

    return answer


def test_sign_on_is_off_without_its_settings(client):
    assert not oidc.enabled()
    assert oidc.urlpatterns() == []
    assert client.get("/oidc/authenticate/").status_code in (302, 404)
    assert "Sign in with Microsoft" not in client.get("/accounts/login/").content.decode()


def test_when_configured_the_sign_in_page_offers_it_and_sends_to_the_provider(sign_on, client):
    assert "Sign in with Microsoft" in client.get("/accounts/login/").content.decode()
    answer = client.get("/oidc/authenticate/")
    assert answer.status_code == 302
    assert answer.url.startswith(f"{ENTRA}/oauth2/v2.0/authorize?")
    assert "client_id=client-id" in answer.url and "code_challenge=" in answer.url


def test_the_provider_account_signs_in_as_the_user_with_that_username(
    sign_on, assessor, provider_says
):
    assessor.username = "j.smith@force.police.uk"
    assessor.save()
    provider_says({"sub": "abc", "email": "someone.else@example.org"})
    user = oidc.OIDCBackend().get_or_create_user(
        "access", "id", {"preferred_username": "J.Smith@force.police.uk"}
    )
    assert user == assessor
    assert user.role == assessor.role  # unchanged: roles stay set in fraudcase


@pytest.mark.parametrize("verified", [True, "true", "True"])
def test_or_as_the_user_with_that_verified_email_address(
    sign_on, assessor, provider_says, verified
):
    assessor.email = "a.assessor@force.police.uk"
    assessor.save()
    provider_says({"sub": "abc", "email": "A.Assessor@force.police.uk", "email_verified": verified})
    assert oidc.OIDCBackend().get_or_create_user("access", "id", {}) == assessor


@pytest.mark.parametrize(
    "verified", [{}, {"email_verified": False}, {"email_verified": "false"}, {"email_verified": 1}]
)
def test_an_email_address_the_provider_has_not_verified_names_nobody(
    sign_on, assessor, provider_says, verified
):
    """An unverified address may be one the account holder typed: it must not sign them in
    as whoever holds that address in fraudcase."""
    assessor.email = "a.assessor@force.police.uk"
    assessor.save()
    provider_says({"sub": "abc", "email": "a.assessor@force.police.uk", **verified})
    backend = oidc.OIDCBackend()
    assert backend.get_or_create_user("access", "id", {"preferred_username": "mallory"}) is None
    with pytest.raises(SuspiciousOperation):  # no username either: the claims are refused
        backend.get_or_create_user("access", "id", {})
    claims = {"preferred_username": "mallory", "email": "a.assessor@force.police.uk", **verified}
    assert not oidc.matching_users(claims, username_claim="preferred_username").exists()


def test_the_username_claim_is_matched_to_usernames_not_to_addresses(
    sign_on, assessor, provider_says
):
    """Entra ID work accounts often have no `email`: the user principal name identifies them,
    as a fraudcase username (not as whatever address a user was given)."""
    assessor.email = "a.assessor@force.police.uk"
    assessor.save()
    provider_says({"sub": "abc"})
    backend = oidc.OIDCBackend()
    upn = {"preferred_username": "A.Assessor@force.police.uk"}
    assert backend.get_or_create_user("access", "id", upn) is None
    assessor.username = "a.assessor@force.police.uk"
    assessor.save()
    assert backend.get_or_create_user("access", "id", upn) == assessor


def test_an_unknown_account_is_refused_and_nobody_is_created(sign_on, assessor, provider_says):
    from fraudcase.accounts.models import User

    provider_says({"sub": "abc", "email": "stranger@example.org"})
    backend = oidc.OIDCBackend()
    assert backend.get_or_create_user("access", "id", {"preferred_username": "stranger"}) is None
    assert User.objects.count() == 1


def test_an_inactive_user_is_refused(sign_on, assessor, provider_says):
    assessor.is_active = False
    assessor.save()
    provider_says({"sub": "abc"})
    backend = oidc.OIDCBackend()
    assert backend.get_or_create_user("access", "id", {"preferred_username": "assessor"}) is None


def test_two_users_with_the_address_are_refused(sign_on, assessor, supervisor, provider_says):
    for user in (assessor, supervisor):
        user.email = "shared@force.police.uk"
        user.save()
    provider_says({"sub": "abc", "email": "shared@force.police.uk", "email_verified": True})
    # The library's authenticate() turns this into a failed sign-in.
    with pytest.raises(SuspiciousOperation):
        oidc.OIDCBackend().get_or_create_user("access", "id", {})


def test_a_refused_sign_on_is_explained_on_the_sign_in_page(client):
    page = client.get("/accounts/login/?sso=refused").content.decode()
    assert "did not find a fraudcase user" in page
