"""Pure access and sign-in rules: plain values in, a decision out."""

from datetime import datetime, timedelta

MARKING_ORDER = ["OFFICIAL", "OFFICIAL-SENSITIVE"]


def markings_cleared_for(clearance: str) -> list[str]:
    """The handling markings a user with this clearance may see (each includes lower)."""
    return MARKING_ORDER[: MARKING_ORDER.index(clearance) + 1]


def is_locked_out(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and locked_until > now


def lockout_after_failure(
    failed_logins: int, now: datetime, *, attempts: int, minutes: int
) -> datetime | None:
    """After `attempts` consecutive failures the account is locked for `minutes`."""
    if failed_logins >= attempts:
        return now + timedelta(minutes=minutes)
    return None
