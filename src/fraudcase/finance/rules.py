"""The policy for Suspicious Activity Reports and DAML consent requests, as pure functions.

SARs reach the force from the UK Financial Intelligence Unit (DOMAIN.md "Where reports come
from" item 6; seed 001 §6.2, §7.2): "the source of the intelligence must be protected", so a
SAR is seen only by the financial intelligence role and by the officers named on it.

A SAR that asks for consent (a defence against money laundering, DAML) runs the clocks of the
Proceeds of Crime Act 2002 (DOMAIN.md "SARs and DAML"): the notice period of s.335(5), the
moratorium after a refusal of s.335(6), and the Crown Court's extensions of s.336A. The periods
are constants here, each citing its section, so that a change in the law is one edit.

No ORM and no I/O: dates (today's included) come in as arguments.
"""

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from fraudcase.accounts.enums import Role
from fraudcase.core import dates
from fraudcase.core.enums import Choices
from fraudcase.victims import rules as victim_rules

# Who keeps the register (DOMAIN.md "Who uses it": the financial intelligence officer works
# SARs and DAML consents). Anyone else sees only the SARs they are named on.
REGISTER_ROLES = frozenset({Role.FINANCIAL_INTELLIGENCE})

# POCA 2002 s.335(5): the notice period is 7 working days starting with the first working day
# after the disclosure.
NOTICE_WORKING_DAYS = 7
# POCA 2002 s.335(6): the moratorium period is 31 days starting with the day the notice of
# refusal is received.
MORATORIUM_DAYS = 31
# POCA 2002 s.336A: the Crown Court may extend the moratorium by up to 31 days at a time...
EXTENSION_MOST_DAYS = 31
# ... POCA 2002 s.336A: but not beyond 186 days in all after the end of the first 31 days.
EXTENSIONS_TOTAL_MOST_DAYS = 186

# The UKFIU's reference: letters, digits and hyphens (for example 2026-0004711 or SAR-26-118).
REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")


class DamlState(Choices):
    """Where a SAR's consent request stands."""

    NONE = "none", "No consent asked"
    AWAITING = "awaiting", "Notice period running"
    CONSENTED = "consented", "Consent"
    NO_ACTION = "no_action", "No action"
    REFUSED = "refused", "Refused: moratorium running"
    ENDED = "ended", "Moratorium ended"


class DamlDecision(Choices):
    """What is decided on a consent request within its notice period (POCA s.335)."""

    CONSENT = "consent", "Consent"
    REFUSE = "refuse", "Refuse"
    NO_ACTION = "no_action", "No action"


DECIDED = {
    DamlDecision.CONSENT: DamlState.CONSENTED,
    DamlDecision.REFUSE: DamlState.REFUSED,
    DamlDecision.NO_ACTION: DamlState.NO_ACTION,
}
# The states whose clock still runs (the SAR is on the Deadlines page when it is due).
OPEN_STATES = frozenset({DamlState.AWAITING, DamlState.REFUSED})


def may_keep_register(role: str) -> bool:
    """Whether this role sees every SAR and records, imports and decides them (§7.2)."""
    return role in REGISTER_ROLES


def notice_period_ends(disclosed_on: date) -> date:
    """The last day of the notice period: the 7th working day after the disclosure, day 1
    being the first working day after it (POCA s.335(5); working days in England and Wales)."""
    return dates.add_working_days(disclosed_on, NOTICE_WORKING_DAYS)


def moratorium_ends(refusal_received_on: date) -> date:
    """The last day of the moratorium: 31 days starting with the day the notice of refusal is
    received, so that day is day 1 (POCA s.335(6)). Calendar days: weekends count."""
    return refusal_received_on + timedelta(days=MORATORIUM_DAYS - 1)


def extensions_end_at_most(first_moratorium_ends: date) -> date:
    """The last day any extension may reach: 186 days after the first 31 end (POCA s.336A)."""
    return first_moratorium_ends + timedelta(days=EXTENSIONS_TOTAL_MOST_DAYS)


def next_due(state: str, notice_ends: date | None, moratorium_end: date | None) -> date | None:
    """The SAR's next statutory deadline while its clock runs: the end of the notice period
    while a decision is awaited, the end of the (extended) moratorium after a refusal; None
    once consent is given, no action is taken or the moratorium has ended."""
    if state == DamlState.AWAITING:
        return notice_ends
    if state == DamlState.REFUSED:
        return moratorium_end
    return None


def decision_problems(
    decision: str, *, disclosed_on: date, on: date, today: date, reason: str
) -> dict[str, str]:
    """What is wrong with recording `decision` made `on` (field -> problem). A refusal is given
    within the notice period, or it is no refusal (s.335(5)-(6)): after that consent is deemed."""
    problems: dict[str, str] = {}
    if decision not in DamlDecision.values:
        problems["decision"] = "Select consent, refuse or no action"
    if on < disclosed_on:
        problems["on"] = "The decision cannot be before the disclosure"
    elif on > today:
        problems["on"] = "The date of the decision must be today or in the past"
    elif decision == DamlDecision.REFUSE and on > notice_period_ends(disclosed_on):
        problems["on"] = (
            "A refusal must be given within the notice period, which ended on "
            f"{notice_period_ends(disclosed_on):%-d %B %Y}: consent is now deemed"
        )
    if not reason.strip():
        problems["reason"] = "Enter why this was decided"
    return problems


def extension_problems(
    *, current_end: date, first_end: date, extended_to: date, granted_on: date, today: date
) -> dict[str, str]:
    """What is wrong with a Crown Court extension of the moratorium to `extended_to` granted
    `granted_on` (POCA s.336A): granted before the moratorium ends, by 31 days at most at a
    time, and never past 186 days after the first 31 end."""
    problems: dict[str, str] = {}
    if granted_on > today:
        problems["granted_on"] = "The date the court granted it must be today or in the past"
    elif granted_on > current_end:
        problems["granted_on"] = (
            f"The moratorium ended on {current_end:%-d %B %Y}: it can no longer be extended"
        )
    cap = extensions_end_at_most(first_end)
    if extended_to <= current_end:
        problems["extended_to"] = (
            f"The new end must be after the present end, {current_end:%-d %B %Y}"
        )
    elif extended_to > current_end + timedelta(days=EXTENSION_MOST_DAYS):
        problems["extended_to"] = (
            f"The court extends by {EXTENSION_MOST_DAYS} days at most at a time: "
            f"{current_end + timedelta(days=EXTENSION_MOST_DAYS):%-d %B %Y} at the latest"
        )
    elif extended_to > cap:
        problems["extended_to"] = (
            f"Extensions may not run past {cap:%-d %B %Y}, "
            f"{EXTENSIONS_TOTAL_MOST_DAYS} days after the first moratorium ended"
        )
    return problems


# ---------------------------------------------------------------- the SAR itself


def reference_problem(reference: str) -> str:
    if not REFERENCE.match(reference):
        return "Enter the UKFIU reference: letters, digits and hyphens, 3 to 40 characters"
    return ""


def amount_problem(text: str) -> str:
    """ "" when `text` is blank or an amount in pounds (0 or more, pence at most)."""
    if not text.strip():
        return ""
    try:
        amount = Decimal(text.replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        return "Enter an amount in pounds, like 1250.00"
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        return "Enter an amount in pounds, like 1250.00"
    if amount >= Decimal("10000000000"):
        return "Enter an amount under £10,000,000,000"
    return ""


def disclosed_problem(disclosed_on: date, today: date) -> str:
    if disclosed_on > today:
        return "The date of disclosure must be today or in the past"
    return ""


def split_list(text: str) -> list[str]:
    """Names or references given in one cell or box, separated by semicolons, commas or new
    lines; blanks dropped, duplicates once, in the order given."""
    parts = re.split(r"[;,\n]", text or "")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


# ---------------------------------------------------------------- vulnerable victims in SARs


def victim_scan(
    *,
    victim_dob: date | None,
    disclosed_on: date,
    account: str,
    held_before: int = 0,
    repeat_phrases: Sequence[str] = victim_rules.REPEAT_PHRASES,
) -> tuple[str, str] | None:
    """The App. C status of the victim a SAR names and why, by the victim lists' own rules
    (victims.rules.vulnerability_status: age on the day of disclosure, a repeat victim named
    with the same date of birth on `held_before` reports held from the 12 months before, the
    §6.6 search terms and repeat-victim phrases in the reason for suspicion); None when none
    applies. The reason names the rule, never the SAR or its reporter (§7.2)."""
    found = victim_rules.vulnerability_status(
        referred=False,
        individual=True,
        dob=victim_dob,
        report_date=disclosed_on,
        repeat=held_before > 0,
        direct_contact=False,
        segment="",
        narrative=account,
        repeat_phrases=repeat_phrases,
    )
    if found.status == victim_rules.VulnerabilityStatus.NONE:
        return None
    why = []
    if victim_dob is not None:
        age = dates.age_on(victim_dob, disclosed_on)
        if age >= victim_rules.AGE_VS3 or found.under_18:
            why.append(f"Aged {age}")
    if held_before:
        why.append(
            f"Repeat victim: named with the same date of birth on {held_before} "
            f"report{'s' if held_before > 1 else ''} received in the 12 months before"
        )
    if found.said_before:
        why.append("The account says the victim was defrauded before")
    if found.keywords:
        why.append("Vulnerability terms: " + ", ".join(found.keywords))
    return found.status, "; ".join(why)
