"""Signing in: argon2 hashes, everything else needs a session (throttling:
test_sign_in_throttling.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(assessor, settings):
    # The suite hashes with a fast hasher (tests/settings.py); the product's setting is Argon2.
    from fraudcase import settings as product

    settings.PASSWORD_HASHERS = product.PASSWORD_HASHERS
    assessor.set_password("correct-horse-battery")
    assert assessor.password.startswith("argon2")


def test_pages_need_a_signed_in_user(client):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_officer_signs_in(assessor, client):
    response = client.post(
        "/accounts/login/", {"username": "assessor", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_sessions_expire_and_cookies_are_protected(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_security_headers_are_sent(assessor, client):
    client.force_login(assessor)
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
