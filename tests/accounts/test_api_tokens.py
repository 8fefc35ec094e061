"""API tokens expire, and their owner lists and revokes them (page, API, command line)."""

import hashlib
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fraudcase.accounts.models import ApiToken
from fraudcase.accounts.services import issue_token

pytestmark = pytest.mark.django_db


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_expires_after_the_default_lifetime(assessor, settings):
    settings.FRAUDCASE_API_TOKEN_DAYS = 90
    issue_token(assessor, "sync")
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == pytest.approx(
        timedelta(days=90), abs=timedelta(seconds=5)
    )


def test_only_a_hash_of_the_token_is_stored(assessor):
    secret = issue_token(assessor, "sync")
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())


def test_an_expired_token_is_refused_with_401_json(assessor, client):
    secret = issue_token(assessor, "sync", days=1)
    assert client.get("/api/v1/tokens", headers=bearer(secret)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = client.get("/api/v1/tokens", headers=bearer(secret))
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_a_lifetime_beyond_the_maximum_is_refused(assessor, settings):
    settings.FRAUDCASE_API_TOKEN_DAYS = 30
    with pytest.raises(ValueError):
        issue_token(assessor, "sync", days=31)


def test_the_tokens_page_lists_name_dates_and_state(assessor, client):
    issue_token(assessor, "force CRM sync")
    client.force_login(assessor)
    page = client.get("/accounts/tokens/").content.decode()
    assert "force CRM sync" in page
    for heading in ("Created", "Last used", "Expires", "Active"):
        assert heading in page


def test_a_token_created_on_the_page_is_shown_once(assessor, client):
    client.force_login(assessor)
    page = client.post("/accounts/tokens/", {"name": "laptop script", "days": "7"})
    secret = page.context["secret"]
    assert secret in page.content.decode()
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )
    assert secret not in client.get("/accounts/tokens/").content.decode()


def test_the_owner_revokes_a_token_on_the_page_and_it_answers_401(assessor, client):
    secret = issue_token(assessor, "sync")
    client.force_login(assessor)
    token = ApiToken.objects.get()
    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405  # POST only
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    client.logout()
    refused = client.get("/api/v1/reports", {"q": "x"}, headers=bearer(secret))
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]


def test_nobody_revokes_another_users_token(assessor, supervisor, client):
    issue_token(assessor, "assessor's private job")
    token = ApiToken.objects.get()
    client.force_login(supervisor)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "private job" not in client.get("/accounts/tokens/").content.decode()


def test_list_and_revoke_through_the_api(assessor, client):
    secret = issue_token(assessor, "sync")
    listed = client.get("/api/v1/tokens", headers=bearer(secret)).json()
    assert [(t["name"], t["state"]) for t in listed] == [("sync", "active")]
    assert listed[0]["expires_at"]
    gone = client.delete(f"/api/v1/tokens/{listed[0]['id']}", headers=bearer(secret))
    assert gone.status_code == 204
    assert client.get("/api/v1/tokens", headers=bearer(secret)).status_code == 401


def test_a_signed_in_user_creates_a_token_through_the_api_but_a_token_cannot(assessor, client):
    client.force_login(assessor)
    made = client.post(
        "/api/v1/tokens", {"name": "sync", "days": 10}, content_type="application/json"
    )
    assert made.status_code == 201
    secret = made.json()["secret"]
    assert made.json()["token"]["state"] == "active"
    client.logout()
    # A token that could make tokens would never need to expire.
    again = client.post(
        "/api/v1/tokens", {"name": "more"}, content_type="application/json", headers=bearer(secret)
    )
    assert again.status_code == 401


def test_list_and_revoke_from_the_command_line(assessor, capsys):
    call_command("accounts_token", "assessor", "scripts", "--days", "5")
    capsys.readouterr()
    token = ApiToken.objects.get()
    call_command("accounts_token", "assessor", "--list")
    listing = capsys.readouterr().out
    assert f"{token.pk}\tactive" in listing and "scripts" in listing
    call_command("accounts_token", "assessor", "--revoke", str(token.pk))
    token.refresh_from_db()
    assert token.revoked_at is not None
    call_command("accounts_token", "assessor", "--list")
    assert f"{token.pk}\trevoked" in capsys.readouterr().out


def test_the_command_line_refuses_a_lifetime_beyond_the_maximum(assessor, settings):
    settings.FRAUDCASE_API_TOKEN_DAYS = 90
    with pytest.raises(CommandError, match="1 to 90 days"):
        call_command("accounts_token", "assessor", "scripts", "--days", "365")


def test_a_tokens_last_use_is_kept_without_writing_on_every_request(client, assessor):
    from datetime import timedelta

    from fraudcase.accounts import services
    from fraudcase.accounts.models import ApiToken

    secret = services.issue_token(assessor, "sync")
    token = ApiToken.objects.get(user=assessor, name="sync")
    headers = {"Authorization": f"Bearer {secret}"}
    client.get("/api/v1/tokens", headers=headers)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get("/api/v1/tokens", headers=headers)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # a moment later: not written
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=6))
    client.get("/api/v1/tokens", headers=headers)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=6)
