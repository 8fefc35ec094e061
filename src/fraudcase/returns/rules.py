"""The monthly NFIB return and the reconciliation as pure rules (seed 001 §5.7; seed 002 ¶14,
¶64; DOMAIN.md "The monthly NFIB return", "Outcomes (§5.7)"). No ORM: plain values in."""

import re
from datetime import date

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices
from fraudcase.triage.rules import nfib_return_due

__all__ = [
    "COLUMNS",
    "TRANSFERRED_OUTCOME",
    "MonthState",
    "NFRCState",
    "due",
    "filename",
    "month_after",
    "month_problem",
    "month_state",
    "parse_month",
]

# Who reads the returns and the reconciliation (the VFT supervisor, and the analyst / ECU manager
# for the performance meeting); who sends the return (§5.7: "the VFT supervisor is
# responsible for collating a monthly report").
READERS = frozenset({Role.VFT_SUPERVISOR, Role.ANALYST})
SENDERS = frozenset({Role.VFT_SUPERVISOR})

# §5.7 (outcome 20): "transferred to another body" - the NFRC is accounted for as transferred.
TRANSFERRED_OUTCOME = 20

# The file NFIB takes, column by column (docs/user-guide.md "The monthly NFIB return"): the
# heading, in this order. Dates are ISO 8601 (YYYY-MM-DD, London), the outcome type its Home
# Office number with its label beside it, "Crime" or "Non-crime", and "Yes" on a correction.
COLUMNS = (
    "NFRC number",
    "Local reference",
    "Outcome type",
    "Outcome description",
    "Outcome date",
    "Crime or non-crime",
    "Team",
    "Correction",
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date | None:
    """`YYYY-MM` as the first day of that month; None when it is not one."""
    found = _MONTH.match(text.strip())
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not (1 <= month <= 12 and 2000 <= year <= 2999):
        return None
    return date(year, month, 1)


def month_problem(month: date | None, today: date) -> str | None:
    """Why a return cannot be read for this month; None when it can (up to this month)."""
    if month is None:
        return "Enter the month as YYYY-MM, for example 2026-11"
    if month > today.replace(day=1):
        return "The month has not started yet"
    return None


def month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def due(month: date) -> date:
    """§5.7: the return is due by the 7th working day after the month ends (England and Wales
    bank holidays; DOMAIN.md "Victims' Code deadlines")."""
    return nfib_return_due(month.year, month.month)


def filename(month: date, fmt: str) -> str:
    """The file's name: what it is, the month, the format (no spaces, sorts by month)."""
    return f"nfib-outcome-return-{month:%Y-%m}.{fmt}"


class MonthState(Choices):
    NOT_DUE = "not_due", "Not due yet"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    SENT = "sent", "Sent"


def month_state(month: date, sent: bool, today: date) -> MonthState:
    """A return is sent, or due from the day after its month ends to its due date, then
    overdue; before its month ends it is not due yet."""
    if sent:
        return MonthState.SENT
    if today < month_after(month):
        return MonthState.NOT_DUE
    return MonthState.DUE if today <= due(month) else MonthState.OVERDUE


def send_problem(
    month: date, today: date, *, sent: bool, earlier_unsent: bool, later_sent: bool
) -> str | None:
    """Why this month's return cannot be marked sent now; None when it can. Returns are sent
    in month order, once each, after the month has ended, so that a correction always has a
    next return to go into (`services`, corrections)."""
    if sent:
        return "This return has already been marked as sent"
    if today < month_after(month):
        return "The month has not ended yet: its return cannot be sent before"
    if earlier_unsent:
        return "An earlier month's return has not been sent: send the returns in month order"
    if later_sent:
        return "A later month's return has already been sent"
    return None


class NFRCState(Choices):
    """The one state each NFRC number is in (DOMAIN.md "The monthly NFIB return"). Read in this
    order: the first that holds is the state."""

    RETURNED = "returned", "Outcome returned"
    ERASED = "erased", "Erased"
    TRANSFERRED = "transferred", "Transferred to another force or body"
    NOT_RETURNED = "not_returned", "Outcome recorded, not yet returned"
    OPEN = "open", "Open"


# The gap list: every state but "returned" (the supervisor works from it).
GAP_STATES = tuple(s for s in NFRCState if s != NFRCState.RETURNED)


def crime_label(crime: bool) -> str:
    return "Crime" if crime else "Non-crime"
