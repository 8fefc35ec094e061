"""Failed sign-ins slow down the address that fails, not the account's owner elsewhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.accounts import rules, services
from fraudcase.accounts.models import SignInFailure

pytestmark = pytest.mark.django_db

GOOD = "correct-horse-battery"
OWNER = "10.0.0.1"
ATTACKER = "203.0.113.9"


def sign_in(client, username, password, address):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302


def test_five_failures_from_an_address_refuse_that_account_from_that_address(assessor, client):
    for _ in range(5):
        assert not signed_in(sign_in(client, "assessor", "wrong", ATTACKER))
    refused = sign_in(client, "assessor", GOOD, ATTACKER)
    assert not signed_in(refused)
    assert "Too many failed sign-ins to this account from your computer" in refused.content.decode()


def test_the_owner_still_signs_in_from_their_own_address_after_someone_else_failed(
    assessor, client
):
    for _ in range(10):
        sign_in(client, "assessor", "wrong", ATTACKER)
    assert signed_in(sign_in(client, "assessor", GOOD, OWNER))


def test_spraying_one_password_across_usernames_from_one_address_is_stopped(
    assessor, client, settings
):
    settings.FRAUDCASE_THROTTLE_ADDRESS_ATTEMPTS = 6
    for n in range(6):
        sign_in(client, f"officer{n}", "Winter2026!", ATTACKER)
    # The next username has never failed, and the password is even right: still refused.
    refused = sign_in(client, "assessor", GOOD, ATTACKER)
    assert not signed_in(refused)
    assert "Too many failed sign-ins from your computer" in refused.content.decode()
    assert signed_in(sign_in(client, "assessor", GOOD, OWNER))


def test_past_the_overall_limit_only_addresses_that_have_failed_are_refused(
    assessor, supervisor, client, settings
):
    settings.FRAUDCASE_THROTTLE_OVERALL_ATTEMPTS = 6
    for n in range(6):  # a spray from many addresses, one try each
        sign_in(client, f"officer{n}", "Winter2026!", f"198.51.100.{n}")
    refused = sign_in(client, "assessor", GOOD, "198.51.100.1")
    assert "Sign-in is slowed" in refused.content.decode()
    assert signed_in(sign_in(client, "supervisor", GOOD, OWNER))


def test_refused_attempts_are_not_counted_again(assessor, client):
    for _ in range(5):
        sign_in(client, "assessor", "wrong", ATTACKER)
    for _ in range(10):
        sign_in(client, "assessor", "wrong", ATTACKER)
    assert SignInFailure.objects.count() == 5


def test_unknown_usernames_are_throttled_like_real_ones(client):
    # Otherwise the refusal message would tell which usernames exist.
    for _ in range(5):
        sign_in(client, "nobody", "wrong", ATTACKER)
    assert "Too many failed" in sign_in(client, "nobody", "wrong", ATTACKER).content.decode()


def test_failures_stop_counting_after_the_window(assessor):
    now = timezone.now()
    for _ in range(5):
        services.record_sign_in_failure("assessor", ATTACKER, now=now - timedelta(minutes=16))
    assert services.sign_in_refusal("assessor", ATTACKER, now=now) is None
    assert services.sign_in_refusal("assessor", ATTACKER, now=now - timedelta(minutes=15))


def test_signing_in_forgets_that_accounts_failures_from_that_address(assessor, client):
    for _ in range(4):
        sign_in(client, "assessor", "wrong", OWNER)
    assert signed_in(sign_in(client, "assessor", GOOD, OWNER))
    assert not SignInFailure.objects.filter(address=OWNER).exists()


def test_behind_a_proxy_the_address_comes_from_its_header(assessor, client, settings):
    settings.FRAUDCASE_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    client.post(
        "/accounts/login/",
        {"username": "assessor", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}",  # the first was sent by the client
    )
    assert SignInFailure.objects.get().address == ATTACKER


def test_without_a_trusted_proxy_header_a_forwarded_address_is_ignored(assessor, client):
    client.post(
        "/accounts/login/",
        {"username": "assessor", "password": "wrong"},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert SignInFailure.objects.get().address == ATTACKER


LIMITS = rules.ThrottleLimits(per_account_from_address=5, per_address=20, overall=100, minutes=15)


@pytest.mark.parametrize(
    ("account_from_address", "from_address", "overall", "refusal"),
    [
        (4, 4, 4, None),
        (5, 5, 5, rules.Refusal.ACCOUNT_FROM_ADDRESS),
        (0, 19, 99, None),
        (0, 20, 20, rules.Refusal.ADDRESS),
        (0, 1, 100, rules.Refusal.OVERALL),
        (0, 0, 500, None),  # an address that never failed still signs in under attack
    ],
)
def test_sign_in_refusal_rule(account_from_address, from_address, overall, refusal):
    assert (
        rules.sign_in_refusal(
            account_from_address=account_from_address,
            from_address=from_address,
            overall=overall,
            limits=LIMITS,
        )
        is refusal
    )
