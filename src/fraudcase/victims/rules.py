"""The victim vulnerability process as pure rules (seed 001 §6, §6.6, App. C; DOMAIN.md).

The bulk scan (`victims/scanning.py`) applies the same rules as polars expressions; a test
checks that both give the same answer row for row.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from fraudcase.core.dates import age_on

# A repeat victim is "the same person (forename, surname and date of birth)" (DOMAIN.md): names
# are compared as core.names says (the NFIB package import compares them the same way).
from fraudcase.core.names import NAME_IGNORED as NAME_IGNORED
from fraudcase.core.names import NAME_IGNORED_CHARACTERS as NAME_IGNORED_CHARACTERS
from fraudcase.core.names import name_key as name_key


class VulnerabilityStatus(StrEnum):
    REFERRED = "REFERRED"
    BUSINESS = "BUSINESS"
    VS4 = "VS4"
    VS3 = "VS3"
    VS2 = "VS2"
    VS1 = "VS1"
    NONE = "NONE"


# §6.6 search terms, in the seed's spelling; matched case-insensitively anywhere in the narrative.
SEARCH_TERMS = (
    "Exploit", "Abuse", "Vulnerability", "Attorney", "Trust", "Coerce", "Carer", "Advantage",
    "Elderly", "Disabled", "Frail", "Mule", "Child", "Minor", "Western Union", "Moneygram",
    "Romance",
)  # fmt: skip

# App. C "likely response", in the words of DOMAIN.md "Vulnerability process".
RESPONSES = {
    VulnerabilityStatus.VS1: "First contact by mail or phone",
    VulnerabilityStatus.VS2: "Phone or personal visit and prevention advice",
    VulnerabilityStatus.VS3: "Personal visit, signposting, follow-up visit",
    VulnerabilityStatus.VS4: "Personal visit and referral for specialist support",
    VulnerabilityStatus.REFERRED: "Off the vulnerability list: check details went to Victim First",
    VulnerabilityStatus.BUSINESS: "Business list",
    VulnerabilityStatus.NONE: "Protect advice",
}

# Home Office segments B ("Online Novice") and D1 ("Unsuspecting & Unprotected") (§6 step 10-11).
VULNERABLE_SEGMENTS = ("B", "D1")

# Direct contact with the fraudster: by telephone or in person (§6 step 5, DOMAIN.md).
DIRECT_CONTACT_METHOD = (
    r"\b(tele)?phone\b|\bphone call\b|\bin person\b|\bdoorstep|\bcourier\b|\bface to face\b|\bvisit"  # noqa: E501
)
DIRECT_CONTACT_NARRATIVE = (
    r"\b(phoned|rang (me|him|her|them)|cold[- ]call(ed|er)?|called (me|him|her|them)|caller|"
    r"at the door|doorstep|courier|in person|knocked)\b"
)

AGE_VS4 = 75
AGE_VS3 = 70
ADULT = 18


def matched_terms(narrative: str) -> list[str]:
    text = (narrative or "").lower()
    return [term for term in SEARCH_TERMS if term.lower() in text]


def is_direct_contact(contact_method: str, narrative: str) -> bool:
    return bool(
        re.search(DIRECT_CONTACT_METHOD, (contact_method or "").lower())
        or re.search(DIRECT_CONTACT_NARRATIVE, (narrative or "").lower())
    )


def is_referred(flag: str) -> bool:
    return (flag or "").strip().upper() in ("Y", "YES", "TRUE", "1")


@dataclass(frozen=True)
class Assessment:
    status: VulnerabilityStatus
    under_18: bool
    dob_missing: bool
    keywords: tuple[str, ...]
    response: str


def vulnerability_status(
    *,
    referred: bool,
    individual: bool,
    dob: date | None,
    report_date: date,
    repeat: bool,
    direct_contact: bool,
    segment: str,
    narrative: str,
) -> Assessment:
    """The one status a victim-list row gets: the first rule that applies (§6; DOMAIN.md)."""
    age = age_on(dob, report_date) if dob and individual else None
    keywords = tuple(matched_terms(narrative))
    under_18 = age is not None and age < ADULT
    if referred:
        status = VulnerabilityStatus.REFERRED
    elif not individual:
        status = VulnerabilityStatus.BUSINESS
    elif age is not None and age >= AGE_VS4:
        status = VulnerabilityStatus.VS4
    elif age is not None and age >= AGE_VS3:
        status = VulnerabilityStatus.VS3
    elif repeat or direct_contact:
        status = VulnerabilityStatus.VS2
    elif (segment or "").strip().upper() in VULNERABLE_SEGMENTS or keywords or under_18:
        status = VulnerabilityStatus.VS1
    else:
        status = VulnerabilityStatus.NONE
    return Assessment(status, under_18, individual and dob is None, keywords, RESPONSES[status])


# Who works the vulnerability log: the Protect team and supervisors (issue "Protect: the victim
# vulnerability workbench"; seed 001 §6 names the FVO and the safeguarding PCSO).
VULNERABILITY_ROLES = frozenset({"fvo", "safeguarding", "vft_supervisor"})


def may_work_vulnerability(role: str) -> bool:
    return role in VULNERABILITY_ROLES


# ---------------------------------------------------------------- deciding and acting


class Response(StrEnum):
    """How a victim is contacted (App. C; issue "Protect" item 4)."""

    VISIT_FVO = "visit_fvo"
    VISIT_PCSO = "visit_pcso"
    VISIT_SPECIAL = "visit_special"
    VISIT_VOLUNTEER = "visit_volunteer"
    TELEPHONE = "telephone"
    LETTER = "letter"


RESPONSE_LABELS = {
    Response.VISIT_FVO: "Personal visit by the Fraud Vulnerability Officer",
    Response.VISIT_PCSO: "Personal visit by the safeguarding PCSO",
    Response.VISIT_SPECIAL: "Personal visit by a special constable",
    Response.VISIT_VOLUNTEER: "Personal visit by a volunteer",
    Response.TELEPHONE: "Telephone call",
    Response.LETTER: "Letter with Protect advice",
}
VISITS = frozenset(
    {Response.VISIT_FVO, Response.VISIT_PCSO, Response.VISIT_SPECIAL, Response.VISIT_VOLUNTEER}
)

# Days from the decision to first contact. The seeds give no numbers: these are the project's
# decision (docs/rules.md), most urgent for the oldest victims.
CONTACT_WITHIN_DAYS = {"VS4": 5, "VS3": 10, "VS2": 10, "VS1": 20, "NONE": 20}
# A VS3 victim gets a follow-up visit to check progress (App. C); four weeks after the visit.
FOLLOW_UP_AFTER_DAYS = 28


def decision_problems(status: str, response: str, no_visit_reason: str) -> dict[str, str]:
    """What is wrong with a decision on how to contact a victim; empty when it may be saved.

    VS4 and VS3 victims are visited; choosing otherwise needs a written reason (§6 steps 7-8).
    Referred and business rows are not contacted from the vulnerability list.
    """
    if status in ("REFERRED", "BUSINESS"):
        return {"response": "Referred and business victims are not contacted from this list"}
    if response not in {r.value for r in Response}:
        return {"response": "Choose how the victim will be contacted"}
    if status in ("VS4", "VS3") and response not in VISITS and not no_visit_reason.strip():
        return {"no_visit_reason": f"Give the reason a {status} victim is not being visited"}
    return {}


def contact_due(status: str, decided_on: date) -> date:
    return decided_on + timedelta(days=CONTACT_WITHIN_DAYS.get(status, 20))


def follow_up_visit_due(status: str, visited_on: date, response: str) -> date | None:
    """VS3 victims who were visited get a follow-up visit (App. C)."""
    if status == "VS3" and response in VISITS:
        return visited_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)
    return None


def partner_referral_problems(consent: bool) -> dict[str, str]:
    """Partner referrals need the victim's consent (§6; DOMAIN.md)."""
    return {} if consent else {"consent": "A partner referral needs the victim's consent"}
