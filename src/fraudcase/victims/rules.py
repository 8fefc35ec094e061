"""The victim vulnerability process as pure rules (seed 001 §6, §6.6, App. C; DOMAIN.md).

The bulk scan (`victims/scanning.py`) applies the same rules as polars expressions; a test
checks that both give the same answer row for row.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fraudcase.accounts.enums import Role
from fraudcase.core.dates import age_on
from fraudcase.core.enums import Choices

# A repeat victim is "the same person (forename, surname and date of birth)" (DOMAIN.md): names
# are compared as core.names says (the NFIB package import compares them the same way).
from fraudcase.core.names import NAME_IGNORED as NAME_IGNORED
from fraudcase.core.names import NAME_IGNORED_CHARACTERS as NAME_IGNORED_CHARACTERS
from fraudcase.core.names import name_key as name_key


class VulnerabilityStatus(Choices):
    REFERRED = "REFERRED"
    BUSINESS = "BUSINESS"
    VS4 = "VS4"
    VS3 = "VS3"
    VS2 = "VS2"
    VS1 = "VS1"
    NONE = "NONE"


# §6.6 search terms, in the seed's spelling; matched case-insensitively anywhere in the narrative.
SEARCH_TERMS = (
    "Exploit",
    "Abuse",
    "Vulnerability",
    "Attorney",
    "Trust",
    "Coerce",
    "Carer",
    "Advantage",
    "Elderly",
    "Disabled",
    "Frail",
    "Mule",
    "Child",
    "Minor",
    "Western Union",
    "Moneygram",
    "Romance",
)

# §6.6 step 5: those "who appear from the AF Data narrative to be repeat victims" are VS2. An
# account that says the victim was defrauded before, in any case, anywhere in the narrative.
# These are the defaults: an administrator edits the list in /admin/ (victims.RepeatPhrase),
# which the web upload and command-line scans that start Django (`--user`, `--profile`) use.
# Phrases are plain ASCII, as the bulk scan matches them without regard to ASCII case only.
REPEAT_PHRASES = (
    "scammed before",
    "defrauded before",
    "previously defrauded",
    "previously scammed",
    "happened before",
    "happened again",
    "not the first time",
    "second time",
    "third time",
    "again this year",
    "victim before",
)

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
    r"\b(tele)?phone\b|\bphone call\b|\bin person\b|\bdoorstep|\bcourier\b|\bface to face\b|\bvisit"
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


def matched_repeat_phrases(narrative: str, phrases: Sequence[str] = REPEAT_PHRASES) -> list[str]:
    """The phrases saying the victim was defrauded before, in the list's order and spelling."""
    text = (narrative or "").lower()
    return [phrase for phrase in phrases if phrase.lower() in text]


def repeat_phrase_problem(phrase: str) -> str:
    """What is wrong with a repeat-victim phrase an administrator typed; "" when it is fine."""
    if not phrase.strip():
        return "Type the words an account uses, for example 'second time'"
    if not phrase.isascii():
        return (
            "Use plain letters without accents: phrases are matched without regard to case "
            "only for plain (ASCII) letters"
        )
    return ""


def normalised_phrase(phrase: str) -> str:
    """A phrase as stored: surrounding spaces dropped and inner runs of spaces made one."""
    return " ".join(phrase.split())


SAID_BEFORE = "The account says the victim was defrauded before: "


def said_before_reason(phrases: Sequence[str]) -> str:
    """The reason in words: "The account says the victim was defrauded before: 'second time'"."""
    return SAID_BEFORE + ", ".join(f"'{phrase}'" for phrase in phrases)


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
    # The repeat-victim phrases found in the narrative (§6.6 step 5).
    said_before: tuple[str, ...] = ()


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
    repeat_phrases: Sequence[str] = REPEAT_PHRASES,
) -> Assessment:
    """The one status a victim-list row gets: the first rule that applies (§6; DOMAIN.md).

    `repeat` is a repeat found by name and date of birth; an account saying the victim was
    defrauded before (one of `repeat_phrases`) makes a repeat victim too (§6.6 step 5).
    """
    age = age_on(dob, report_date) if dob and individual else None
    keywords = tuple(matched_terms(narrative))
    said_before = tuple(matched_repeat_phrases(narrative, repeat_phrases))
    under_18 = age is not None and age < ADULT
    if referred:
        status = VulnerabilityStatus.REFERRED
    elif not individual:
        status = VulnerabilityStatus.BUSINESS
    elif age is not None and age >= AGE_VS4:
        status = VulnerabilityStatus.VS4
    elif age is not None and age >= AGE_VS3:
        status = VulnerabilityStatus.VS3
    elif repeat or said_before or direct_contact:
        status = VulnerabilityStatus.VS2
    elif (segment or "").strip().upper() in VULNERABLE_SEGMENTS or keywords or under_18:
        status = VulnerabilityStatus.VS1
    else:
        status = VulnerabilityStatus.NONE
    return Assessment(
        status, under_18, individual and dob is None, keywords, RESPONSES[status], said_before
    )


# Who works the vulnerability log: the Protect team and supervisors (issue "Protect: the victim
# vulnerability workbench"; seed 001 §6 names the FVO and the safeguarding PCSO).
VULNERABILITY_ROLES = frozenset({Role.FVO, Role.SAFEGUARDING, Role.VFT_SUPERVISOR})


def may_work_vulnerability(role: str) -> bool:
    return role in VULNERABILITY_ROLES


# Who may be given a visit or contact task: the Protect team and supervisors, and the specials
# and volunteers with an account (DOMAIN.md "Who uses it": "Safeguarding PCSO / special /
# volunteer: receives visit tasks, records the result"). Specials and volunteers see their
# tasks and the victims they hold a task on, not the workbench.
ASSIGNABLE_ROLES = VULNERABILITY_ROLES | {Role.SPECIAL, Role.VOLUNTEER}


def may_be_assigned(role: str) -> bool:
    return role in ASSIGNABLE_ROLES


# ---------------------------------------------------------------- finding a victim by postcode

# A UK postcode's outward code (area and district: "LE2", "B15", "EC1A") and, optionally, the
# start of its inward code ("LE2 1", "LE2 1AB"). The inward code is always a digit then two
# letters, so a district is whatever comes before the last three characters.
_OUTWARD = r"[A-Z]{1,2}[0-9][0-9A-Z]?"
_POSTCODE_TERM = re.compile(rf"^({_OUTWARD})(?:\s*([0-9])([A-Z]{{0,2}}))?$")


def postcode_regex(term: str) -> str | None:
    """A regular expression matching the stored postcodes a search term stands for, or None
    when the term is not (the start of) a postcode. "LE2" matches LE2 postcodes ("LE2 1AB",
    "LE21AB") but not LE20 ones; "LE2 1" the sector; "LE2 1AB" the postcode, spaced or not."""
    found = _POSTCODE_TERM.match(" ".join(term.upper().split()))
    if not found:
        return None
    outward, sector, unit = found.groups()
    inward = "[0-9][A-Z]{2}" if sector is None else sector + unit + "[A-Z]" * (2 - len(unit))
    return rf"^{outward} ?{inward}$"


# ---------------------------------------------------------------- deciding and acting


class Response(Choices):
    """How a victim is contacted (App. C; issue "Protect" item 4)."""

    VISIT_FVO = "visit_fvo", "Personal visit by the Fraud Vulnerability Officer"
    VISIT_PCSO = "visit_pcso", "Personal visit by the safeguarding PCSO"
    VISIT_SPECIAL = "visit_special", "Personal visit by a special constable"
    VISIT_VOLUNTEER = "visit_volunteer", "Personal visit by a volunteer"
    TELEPHONE = "telephone", "Telephone call"
    LETTER = "letter", "Letter with Protect advice"


VISITS = frozenset(
    {Response.VISIT_FVO, Response.VISIT_PCSO, Response.VISIT_SPECIAL, Response.VISIT_VOLUNTEER}
)

# Days from the decision to first contact. The seeds give no numbers: these are the project's
# decision (docs/rules.md), most urgent for the oldest victims.
CONTACT_WITHIN_DAYS = {"VS4": 5, "VS3": 10, "VS2": 10, "VS1": 20, "NONE": 20}
# A VS3 victim gets a follow-up visit to check progress (App. C); four weeks after the visit.
FOLLOW_UP_AFTER_DAYS = 28


ECVCU_REFUSAL = (
    "This victim is with the national Economic Crime Victim Care Unit, so is not contacted "
    "locally as well (WMP ¶63 iii). Record that the national unit has agreed to, or handed "
    "over, local contact - who agreed and when - to go ahead."
)


def decision_problems(
    status: str,
    response: str,
    no_visit_reason: str,
    *,
    with_national_ecvcu: bool = False,
    ecvcu_handover: str = "",
) -> dict[str, str]:
    """What is wrong with a decision on how to contact a victim; empty when it may be saved.

    VS4 and VS3 victims are visited; choosing otherwise needs a written reason (§6 steps 7-8).
    Referred and business rows are not contacted from the vulnerability list. A victim the
    national ECVCU has referred is not contacted twice (WMP ¶63 iii): every local contact
    (visit, call, letter) needs the national unit's agreement or hand-over in words.
    """
    if status in ("REFERRED", "BUSINESS"):
        return {"response": "Referred and business victims are not contacted from this list"}
    if response not in {r.value for r in Response}:
        return {"response": "Choose how the victim will be contacted"}
    problems = {}
    if with_national_ecvcu and not ecvcu_handover.strip():
        problems["ecvcu_handover"] = ECVCU_REFUSAL
    if status in ("VS4", "VS3") and response not in VISITS and not no_visit_reason.strip():
        problems["no_visit_reason"] = f"Give the reason a {status} victim is not being visited"
    return problems


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


# ---------------------------------------------------------------- business contact plans


class PlanHow(Choices):
    """How a business on the week's top five is contacted (WMP seed ¶63 ii)."""

    VISIT = "visit", "Visit"
    TELEPHONE = "telephone", "Telephone call"
    EMAIL = "email", "E-mail"
    LETTER = "letter", "Letter"
    MEETING = "meeting", "Meeting or business event"


class PlanStatus(Choices):
    PLANNED = "planned", "Planned"
    CONTACTED = "contacted", "Contacted"
    ADVICE_GIVEN = "advice_given", "Protect advice given"
    NOT_REACHED = "not_reached", "Could not be reached"


def contact_plan_problems(
    victim_status: str, *, who: str, how: str, by_when: date | None, status: str
) -> dict[str, str]:
    """What is wrong with a business contact plan; empty when it may be saved (WMP ¶63 ii:
    "a contact plan for those businesses ... tailored protect advice")."""
    if victim_status != VulnerabilityStatus.BUSINESS:
        return {"entry": "Contact plans are made for businesses"}
    problems = {}
    if not who.strip():
        problems["who"] = "Say who will contact the business"
    if how not in {h.value for h in PlanHow}:
        problems["how"] = "Choose how the business will be contacted"
    if by_when is None:
        problems["by_when"] = "Give the date contact is to be made by"
    if status not in {s.value for s in PlanStatus}:
        problems["status"] = "Choose where the plan stands"
    return problems
