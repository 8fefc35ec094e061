"""Pure rules of the report: recording, references, identifiers, search terms and the
lifecycle. Plain values in, a decision out. No ORM, no I/O."""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

import phonenumbers
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from fraudcase.accounts.enums import Role

if TYPE_CHECKING:
    import tldextract

from .enums import ReportStatus

# §5.1: each victim is recorded within 24 hours of the dissemination.
RECORDING_WINDOW = timedelta(hours=24)

# ---------------------------------------------------------------- recording


def recording_deadline(received_at: datetime) -> datetime:
    """The time by which a local record must exist (§5.1, App. A: 24 hours)."""
    return received_at + RECORDING_WINDOW


def days_from_receipt(received_at: datetime, at: datetime) -> int:
    """Whole days from a report's receipt to a move (§9: time to assess, allocate and finalise),
    kept on the move so that the performance pack reads it without joining every report."""
    return (at - received_at) // timedelta(days=1)


# §5.6 and DOMAIN.md "Victims' Code deadlines": an update on the report's status within 1
# working day for victims entitled to the enhanced service, 5 otherwise.
ENHANCED_UPDATE_DAYS = 1
STANDARD_UPDATE_DAYS = 5


def first_update_days(*, enhanced: bool) -> int:
    """How many working days after receipt the victim's first update is due (§5.6)."""
    return ENHANCED_UPDATE_DAYS if enhanced else STANDARD_UPDATE_DAYS


def local_reference(prefix: str, number: int, year: int) -> str:
    """A force-style local reference, e.g. FC/000123/26."""
    return f"{prefix}/{number:06d}/{year % 100:02d}"


# ---------------------------------------------------------------- values in files


NFRC_PATTERN = re.compile(r"^NFRC\d{6,20}$")


def postcode_problem(text: str) -> str | None:
    """What is wrong with a postcode as typed (blank is allowed); None when it is one."""
    if text.strip() and not POSTCODE_PATTERN.match(text.strip().upper()):
        return "Enter a UK postcode, like LE2 7QT, or leave it blank"
    return None


def normalise_postcode(text: str) -> str:
    """'le27qt' -> 'LE2 7QT'; anything too short is returned upper-cased as given."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


# ---------------------------------------------------------------- identifiers


def normalise_phone(text: str) -> str | None:
    """E.164 ('+447700900123'), reading UK national numbers; None if it is not a phone number."""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str | None:
    text = (text or "").strip().lower()
    return text if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) else None


@lru_cache(maxsize=1)
def _extractor() -> "tldextract.TLDExtract":
    # Imported here: tldextract pulls in requests, which slows every command's start-up.
    # The public suffix list bundled with tldextract is used: never fetched at run time.
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def normalise_website(text: str) -> str | None:
    """The registrable domain: 'https://www.Shop.co.uk/x' -> 'shop.co.uk'."""
    text = (text or "").strip().lower()
    if not text:
        return None
    host = re.sub(r"^[a-z]+://", "", text).split("/")[0].split("?")[0].split(":")[0]
    if "." not in host:
        return None
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    labels = [label for label in host.split(".") if label and label != "www"]
    return ".".join(labels[-2:]) if len(labels) >= 2 else None


def normalise_uk_account(sort_code: str, account_number: str) -> str | None:
    """'40-11-22' + '87654321' -> '401122-87654321'; 7-digit accounts get a leading zero."""
    sort = re.sub(r"\D", "", sort_code or "")
    account = re.sub(r"\D", "", account_number or "")
    if len(sort) != 6 or not 6 <= len(account) <= 8:
        return None
    return f"{sort}-{account.zfill(8)}"


def normalise_iban(text: str) -> str | None:
    try:
        return IBAN(text).compact
    except (SchwiftyException, ValueError):
        return None


def normalise_name(text: str) -> str:
    """A person's name as it is compared across reports: case, spaces and punctuation ignored
    ("Mary-Ann O'Brien" = "MARY ANN OBRIEN"); spelling is not guessed. "" for no name."""
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


# Letters NFKD does not take apart into a base letter and an accent (casefolded already).
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "\u0131": "i", "æ": "ae", "œ": "oe"}
)
# A name key is at most this long; a longer word searched for is cut to it too.
NAME_KEY_LENGTH = 40


def _fold(word: str) -> str:
    """One word folded for name search: accents and case dropped, punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold()).translate(_UNDECOMPOSED)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", folded)[:NAME_KEY_LENGTH]


# Names are also keyed by each two of their first words together ("joanpatel"), so a search
# for "Joan Patel" reads one short range of the index, not every Joan and every Patel.
PAIRED_WORDS = 4


@lru_cache(maxsize=65536)
def name_keys(text: str) -> frozenset[str]:
    """The keys a name is found by: each word folded ("O'Brien" -> "obrien", "Zoë" -> "zoe");
    a hyphenated word also by its parts ("Smith-Jones" -> "smithjones", "smith", "jones"); and
    each two of its first PAIRED_WORDS words joined, in either order ("Joan Mary Patel" ->
    "joanpatel", "pateljoan", ...). Keys are [a-z0-9] only, at most NAME_KEY_LENGTH long."""
    words = [w for w in (_fold(word) for word in (text or "").split()) if w]
    keys = set(words)
    for word in (text or "").split():
        parts = re.split(r"[-\u2010-\u2015/]", word)
        if len(parts) > 1:
            keys.update(_fold(part) for part in parts)
    paired = words[:PAIRED_WORDS]
    keys.update(
        (first + second)[:NAME_KEY_LENGTH]
        for i, first in enumerate(paired)
        for j, second in enumerate(paired)
        if i != j
    )
    keys.discard("")
    return frozenset(keys)


def report_name_keys(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """(report id, key) for (report id, name) rows: every key of every name on each report,
    once per report (the names: the victim's forename and surname as one, the business name,
    and each suspect's name; see `models.NameKey`)."""
    keys: dict[int, set[str]] = {}
    for report_id, name in rows:
        keys.setdefault(report_id, set()).update(name_keys(name or ""))
    for report_id, found in keys.items():
        for key in sorted(found):
            yield report_id, key


def name_search_words(term: str) -> tuple[str, ...]:
    """The words of a name search in the order typed, folded as keys are ("Mary-Ann" ->
    "maryann"); empty for a term with no letters or digits. See `name_search_keys`."""
    words = (w for w in (_fold(word) for word in (term or "").split()) if w)
    return tuple(dict.fromkeys(words))


def name_search_keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """The starts of keys that a report must have, each, to be found by a name search: the
    first two words typed joined ("joan pat" -> "joanpat", which starts the key "joanpatel"),
    then each other word; every word alone when one of the first two is an initial ("J Patel").
    Longest first: the likeliest to be rare, read first."""
    if len(words) >= 2 and min(len(words[0]), len(words[1])) > 1:
        words = ((words[0] + words[1])[:NAME_KEY_LENGTH], *words[2:])
    return tuple(sorted(words, key=len, reverse=True))


def normalise_identifier(kind: str, text: str) -> str | None:
    """Normalise one identifier of a kind (IdentifierKind value) typed by a user."""
    if kind == "uk_bank_account":
        # Typed as one run of digits and separators: 6-digit sort code, then the account.
        digits = re.sub(r"\D", "", text or "")
        return normalise_uk_account(digits[:6], digits[6:]) if len(digits) >= 12 else None
    return {
        "phone": normalise_phone,
        "email": normalise_email,
        "website": normalise_website,
        "iban": normalise_iban,
    }[kind](text)


# ---------------------------------------------------------------- search

LOCAL_REFERENCE_PATTERN = re.compile(r"^[A-Z]{1,6}/\d{6,}/\d{2}$")
POSTCODE_PATTERN = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$")


# A postcode's outward code (the district: "LE1", "LE19", "W1A") and its sector ("LE1 5").
DISTRICT_PATTERN = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
SECTOR_PATTERN = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)$")


def postcode_prefix(text: str) -> str | None:
    """What every postcode in a district or sector typed starts with, as postcodes are stored
    (`normalise_postcode`): "le1" -> "LE1 " (not LE10-LE19), "LE1 5" -> "LE1 5". Typed without
    its space, a district is read first: "LE15" is the district LE15, "LE155" the sector
    "LE15 5". None when the text is neither."""
    upper = re.sub(r"\s+", " ", (text or "").strip().upper())
    if DISTRICT_PATTERN.match(upper):
        return f"{upper} "
    if sector := SECTOR_PATTERN.match(upper):
        return f"{sector[1]} {sector[2]}"
    return None


@dataclass(frozen=True)
class SearchTerm:
    """What a search term could be: each field is the normalised value to look for, or None
    (`names`: the words of a name search, `name_search_words`; empty for none)."""

    nfrc: str | None = None
    local_reference: str | None = None
    postcode: str | None = None
    identifiers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # The start of every postcode in a district or sector searched for ("LE1 ", "LE1 5").
    postcode_prefix: str | None = None


def classify_search_term(term: str) -> SearchTerm:
    """Read a free-text search box the way an officer means it."""
    term = (term or "").strip()
    upper = term.upper()
    if NFRC_PATTERN.match(upper):
        return SearchTerm(nfrc=upper)
    if LOCAL_REFERENCE_PATTERN.match(upper):
        return SearchTerm(local_reference=upper)
    if POSTCODE_PATTERN.match(upper):
        return SearchTerm(postcode=normalise_postcode(upper))
    if prefix := postcode_prefix(term):
        return SearchTerm(postcode_prefix=prefix)
    identifiers = {
        value
        for value in (
            normalise_email(term) if "@" in term else None,
            normalise_phone(term) if re.search(r"\d{6}", re.sub(r"\D", "", term)) else None,
            normalise_identifier("uk_bank_account", term),
            normalise_iban(term) if len(term) > 14 else None,
            normalise_website(term) if "." in term and "@" not in term else None,
        )
        if value
    }
    has_letters = bool(re.search(r"[^\W\d_]", term)) and "@" not in term
    names = name_search_words(term) if has_letters and len(term) >= 2 else ()
    return SearchTerm(identifiers=tuple(sorted(identifiers)), names=names)


# ---------------------------------------------------------------- a report's life (§5.2-§5.7)
# One table of every move a report may make, who may make it, and from where (the Dispatch
# way: every status change in one place), in the enums that the models use too.


class Transition(StrEnum):
    ASSESS = "assess"
    DECIDE = "decide"
    EVALUATE = "evaluate"
    ALLOCATE = "allocate"
    FINALISE = "finalise"
    FILE_PENDING = "file_pending"
    REOPEN = "reopen"


S = ReportStatus
# The daily evidence job moves reports with no user: it acts as "system".
SYSTEM = "system"
EVIDENCE_STAGES = frozenset(
    {S.RECORDED, S.ASSESSED, S.WITH_EVALUATOR, S.AWAITING_ALLOCATION, S.UNDER_INVESTIGATION}
)
# transition: (statuses it may start from, roles that may make it)
LIFECYCLE: dict[Transition, tuple[frozenset[str], frozenset[str]]] = {
    Transition.ASSESS: (
        frozenset({S.RECORDED}),
        frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR}),
    ),
    # §5.3: the VFT supervisor decides on the assessor's or the evaluator's recommendation.
    Transition.DECIDE: (frozenset({S.ASSESSED, S.EVALUATED}), frozenset({Role.VFT_SUPERVISOR})),
    # App. F: the fraud evaluator/investigator evaluates and returns it to the supervisor.
    Transition.EVALUATE: (
        frozenset({S.WITH_EVALUATOR}),
        frozenset({Role.EVALUATOR, Role.INVESTIGATOR}),
    ),
    # §5.4: allocation balances caseload, by the supervisor.
    Transition.ALLOCATE: (frozenset({S.AWAITING_ALLOCATION}), frozenset({Role.VFT_SUPERVISOR})),
    # §5.7: the officer in the case or a supervisor records the outcome.
    Transition.FINALISE: (
        frozenset({S.UNDER_INVESTIGATION, S.NO_FURTHER_ACTION}),
        frozenset({Role.INVESTIGATOR, Role.EVALUATOR, Role.VFT_SUPERVISOR}),
    ),
    # §5.2: evidence not in within 28 days; filed by the daily job (no user) or by hand.
    Transition.FILE_PENDING: (
        EVIDENCE_STAGES,
        frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR, Role.INVESTIGATOR, SYSTEM}),
    ),
    Transition.REOPEN: (
        frozenset({S.FILED_PENDING_INFORMATION}),
        frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR, Role.INVESTIGATOR}),
    ),
}


def transition_problem(transition: str, role: str, status: str) -> str | None:
    """Why this role may not make this move from this status now; None when it may."""
    starts, roles = LIFECYCLE[Transition(transition)]
    if role not in roles:
        return "Your role may not do this"
    if status not in starts:
        return "The report has moved on since you opened it: look again"
    return None
