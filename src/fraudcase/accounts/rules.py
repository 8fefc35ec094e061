"""Pure access and sign-in rules: plain values in, a decision out."""

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

MARKING_ORDER = ["OFFICIAL", "OFFICIAL-SENSITIVE"]


def markings_cleared_for(clearance: str) -> list[str]:
    """The handling markings a user with this clearance may see (each includes lower)."""
    return MARKING_ORDER[: MARKING_ORDER.index(clearance) + 1]


class Refusal(enum.Enum):
    """Why a password sign-in is refused before the password is even checked."""

    ACCOUNT_FROM_ADDRESS = "account_from_address"
    ADDRESS = "address"
    OVERALL = "overall"


REFUSAL_MESSAGES = {
    Refusal.ACCOUNT_FROM_ADDRESS: "Too many failed sign-ins to this account from your "
    "computer. Wait {minutes} minutes and try again, or ask an administrator.",
    Refusal.ADDRESS: "Too many failed sign-ins from your computer. Wait {minutes} minutes "
    "and try again, or ask an administrator.",
    Refusal.OVERALL: "Sign-in is slowed because of many failed attempts. Wait {minutes} "
    "minutes and try again, or ask an administrator.",
}


@dataclass(frozen=True)
class ThrottleLimits:
    """Failures allowed within `minutes` (docs/admin-guide.md "Signing in")."""

    per_account_from_address: int
    per_address: int
    overall: int
    minutes: int


def sign_in_refusal(
    *,
    account_from_address: int,
    from_address: int,
    overall: int,
    limits: ThrottleLimits,
) -> Refusal | None:
    """Whether a password sign-in may be tried, given the failures counted within the window.

    Failures are counted per (account, address) rather than per account, so that someone who
    fails another officer's password locks only themselves out: the owner still signs in from
    their own computer. Failures per address stop one address spraying a password across many
    usernames. Past the overall limit (a spray from many addresses) any address that has
    itself failed is refused; addresses with no failure still sign in.
    """
    if account_from_address >= limits.per_account_from_address:
        return Refusal.ACCOUNT_FROM_ADDRESS
    if from_address >= limits.per_address:
        return Refusal.ADDRESS
    if overall >= limits.overall and from_address > 0:
        return Refusal.OVERALL
    return None


def distinct_characters(password: str) -> int:
    """How many different characters a password uses ("aaaaaaaaaaaa" uses one)."""
    return len(set(password))


class TokenState(enum.Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def token_state(expires_at: datetime, revoked_at: datetime | None, now: datetime) -> TokenState:
    """A token is refused once revoked or from the moment it expires."""
    if revoked_at is not None:
        return TokenState.REVOKED
    if now >= expires_at:
        return TokenState.EXPIRED
    return TokenState.ACTIVE


def token_expiry(now: datetime, *, days: int, most_days: int) -> datetime:
    """When a token issued now for `days` expires; no token outlives the deployment's maximum.

    Raises ValueError for a lifetime under a day or over `most_days`.
    """
    if not 1 <= days <= most_days:
        raise ValueError(f"A token lasts from 1 to {most_days} days.")
    return now + timedelta(days=days)
