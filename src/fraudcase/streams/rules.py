"""The policy for two demand streams that are not crime reports to assess, as pure functions.

ILOR/EIO requests (DOMAIN.md "Where reports come from" item 5; seed 002 ¶11(ii), ¶28): the
unit is the single point of contact for international letters of request and European
investigation orders, "requesting banking information in support of a range of
investigations". They are demand, recorded and tracked: received, assessed (accepted or
declined), evidence requests sent (production orders to banks), response returned.

Banking Protocol incidents (seed 002 ¶68): a bank branch calls the police about a customer
being defrauded in the branch; the unit counts the incident logs and "the number of
resultant offences (which average 24% of the total number of logs created)".

No ORM and no I/O here: today's date and the configured numbers are passed in.
"""

from datetime import date, timedelta

import pycountry

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices

# ---------------------------------------------------------------- ILOR/EIO requests


class RequestKind(Choices):
    ILOR = "ilor", "ILOR (international letter of request)"
    EIO = "eio", "EIO (European investigation order)"


class RequestState(Choices):
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    SENT = "sent", "Evidence requests sent"
    COMPLETED = "completed", "Completed"


class RequestTransition(Choices):
    ACCEPT = "accept", "Accept"
    DECLINE = "decline", "Decline"
    SEND = "send", "Evidence requests sent"
    COMPLETE = "complete", "Response returned"


class AskedFor(Choices):
    BANKING = "banking", "Banking evidence"
    OTHER = "other", "Other evidence"


# Who records and works them: the ECU's investigators and financial intelligence officers (seed
# 002 ¶11(ii): the team that assesses and allocates referrals does the same for ILORs and EIOs),
# and the supervisor who oversees the unit's demand. The analyst reads them for the counts.
WORKING_ROLES = frozenset({Role.INVESTIGATOR, Role.FINANCIAL_INTELLIGENCE, Role.VFT_SUPERVISOR})
READING_ROLES = WORKING_ROLES | {Role.ANALYST}

R = RequestState
# transition: (states it may start from, the state it leads to). Every move is made by one of
# WORKING_ROLES; declined and completed are the ends (the response, or the refusal, has gone).
LIFECYCLE: dict[RequestTransition, tuple[frozenset[str], RequestState]] = {
    RequestTransition.ACCEPT: (frozenset({R.RECEIVED}), R.ACCEPTED),
    RequestTransition.DECLINE: (frozenset({R.RECEIVED}), R.DECLINED),
    RequestTransition.SEND: (frozenset({R.ACCEPTED}), R.SENT),
    RequestTransition.COMPLETE: (frozenset({R.SENT}), R.COMPLETED),
}
# A request in one of these is still owed a response: its clock runs.
OPEN_STATES = frozenset({R.RECEIVED, R.ACCEPTED, R.SENT})
# The date each move stamps on the request.
STAMPED = {
    RequestTransition.ACCEPT: "assessed_on",
    RequestTransition.DECLINE: "assessed_on",
    RequestTransition.SEND: "sent_on",
    RequestTransition.COMPLETE: "completed_on",
}


def transition_problem(transition: str, role: str, state: str) -> str | None:
    """Why this role may not make this move from this state now; None when it may."""
    starts, _ = LIFECYCLE[RequestTransition(transition)]
    if role not in WORKING_ROLES:
        return "Your role may not do this"
    if state not in starts:
        return "The request has moved on since you opened it: look again"
    return None


def moves_from(state: str) -> list[RequestTransition]:
    """The moves open from this state, in the order a page offers them."""
    return [t for t, (starts, _) in LIFECYCLE.items() if state in starts]


def transition_input_problems(
    transition: str, reason: str, on: date, received_on: date, today: date
) -> dict[str, str]:
    """What is wrong with a move's answers: a decline needs its reason (it is what the
    requesting authority is told); the date is neither before receipt nor in the future."""
    problems = {}
    if transition == RequestTransition.DECLINE and not reason.strip():
        problems["reason"] = "Enter why the request is declined"
    if on > today:
        problems["on"] = "The date must be today or in the past"
    elif on < received_on:
        problems["on"] = "The date must be on or after the day the request was received"
    return problems


# The response due date (docs/rules.md "ILOR/EIO response due"). A date the requesting
# authority gives is kept. Otherwise, for an EIO, Directive 2014/41/EU art. 12: the decision
# on recognition within 30 days of receipt (art. 12(3)) and the measure carried out within 90
# days of that decision (art. 12(4)): 120 days from receipt at the latest. An ILOR has no
# statutory time limit: the force's own target (FRAUDCASE_ILOR_RESPONSE_DAYS, 90 by default).
EIO_RECOGNITION_DAYS = 30
EIO_EXECUTION_DAYS = 90
EIO_RESPONSE_DAYS = EIO_RECOGNITION_DAYS + EIO_EXECUTION_DAYS
ILOR_RESPONSE_DAYS = 90


def response_due(
    kind: str, received_on: date, given: date | None, *, ilor_days: int, eio_days: int
) -> date:
    """When the response to the requesting authority is due: the date they gave, else the
    received date plus the configured days for the kind (calendar days)."""
    if given is not None:
        return given
    days = eio_days if kind == RequestKind.EIO else ilor_days
    return received_on + timedelta(days=days)


def request_problems(received_on: date, due_given: date | None, today: date) -> dict[str, str]:
    """What is wrong with a new request's dates."""
    problems = {}
    if received_on > today:
        problems["received_on"] = "The date received must be today or in the past"
    if due_given is not None and due_given < received_on:
        problems["response_due"] = "The response due date must be on or after the date received"
    return problems


# The requesting country: ISO 3166-1 alpha-2 (pycountry's list), the United Kingdom left out
# (these requests come from abroad). Sorted by name for the select list.
COUNTRIES: list[tuple[str, str]] = sorted(
    (
        (c.alpha_2, getattr(c, "common_name", None) or c.name)
        for c in pycountry.countries
        if c.alpha_2 != "GB"
    ),
    key=lambda pair: pair[1],
)
COUNTRY_NAMES = dict(COUNTRIES)


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def is_overdue(state: str, due: date | None, today: date) -> bool:
    return state in OPEN_STATES and due is not None and due < today


# ---------------------------------------------------------------- Banking Protocol


class BankingResult(Choices):
    """What came of a Banking Protocol call; several may hold (an arrest and a crime
    recorded), but "no offence" stands alone."""

    ARREST = "arrest", "Arrest"
    CRIME_RECORDED = "crime_recorded", "Crime recorded"
    INTELLIGENCE = "intelligence", "Intelligence submitted"
    NO_OFFENCE = "no_offence", "No offence"


# The results that mean the call became an offence (seed 002 ¶68 "resultant offences").
OFFENCE_RESULTS: frozenset[str] = frozenset({BankingResult.ARREST, BankingResult.CRIME_RECORDED})

# Who records Banking Protocol incidents: the ECU leads the force's response (¶68) and the
# Protect team safeguards the victim. The analyst reads.
BANKING_WORKING_ROLES = frozenset(
    {Role.INVESTIGATOR, Role.VFT_SUPERVISOR, Role.FVO, Role.SAFEGUARDING}
)
BANKING_READING_ROLES = BANKING_WORKING_ROLES | {Role.ANALYST}


def incident_problems(
    *,
    called_at_date: date,
    attended: bool,
    attended_after_call: bool | None,
    results: list[str],
    safeguarded: bool,
    safeguarding: str,
    today: date,
) -> dict[str, str]:
    """What is wrong with an incident's answers."""
    problems = {}
    if called_at_date > today:
        problems["called_at"] = "The time of the call must be in the past"
    if attended and attended_after_call is None:
        problems["attended_at"] = "Enter when the police attended"
    if attended_after_call is False:
        problems["attended_at"] = "The police must have attended after the call"
    if not attended and attended_after_call is not None:
        problems["attended_at"] = "Leave the time attended blank when the police did not attend"
    if not results:
        problems["results"] = "Select the result"
    elif BankingResult.NO_OFFENCE in results and len(set(results)) > 1:
        problems["results"] = "Select no offence on its own, or remove it"
    if safeguarded and not safeguarding.strip():
        problems["safeguarding"] = "Enter how the victim was safeguarded"
    return problems


def became_offence(results: list[str]) -> bool:
    return bool(OFFENCE_RESULTS & set(results))


def share(part: int, whole: int) -> float | None:
    """part / whole, None when there is nothing to share (no calls: no rate, not 0%)."""
    return part / whole if whole else None
