"""The investigation file's policy as pure functions: plain values in, a decision out.

Seed 001 §5.5 and §9: a case is investigated under the Fraud Investigation Model, supervised,
"all viable lines of enquiry followed expeditiously"; issue 15 (the investigation file) says
what the decision log keeps. No ORM and no I/O here.
"""

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices
from fraudcase.triage.policy_lists import EVALUATION_REQUIREMENTS

# ---------------------------------------------------------------- the decision log


class Capacity(Choices):
    """In what capacity a decision was signed (issue 15: "the officer in the case and the
    supervisor record decisions")."""

    OFFICER_IN_CASE = "officer_in_case", "Officer in the case"
    SUPERVISOR = "supervisor", "Supervisor"


# Seed 001 §5.4-§5.5: the VFT supervisor allocates and reviews every case.
SUPERVISING_ROLES = frozenset({Role.VFT_SUPERVISOR})


def decision_capacity(role: str, is_officer_in_case: bool) -> Capacity | None:
    """The capacity in which this user may sign a decision on this case, or None if they may
    not (issue 15: only the officer in the case and the supervisor). A supervisor who is also
    the officer in the case signs as the officer in the case."""
    if is_officer_in_case:
        return Capacity.OFFICER_IN_CASE
    if role in SUPERVISING_ROLES:
        return Capacity.SUPERVISOR
    return None


def decision_problems(decision: str, reasons: str, options: str) -> dict[str, str]:
    """What stops a decision being recorded: each of what, why and the options considered is
    needed (issue 15: "what, why, options considered, who")."""
    problems = {}
    if not decision.strip():
        problems["decision"] = "Enter the decision"
    if not reasons.strip():
        problems["reasons"] = "Enter the reasons for the decision"
    if not options.strip():
        problems["options"] = "Enter the options considered"
    return problems


@dataclass(frozen=True)
class Signed:
    """What a decision's signature covers."""

    reference: str  # the report's local reference
    number: int
    decision: str
    reasons: str
    options: str
    decided_by: str  # the username
    capacity: str
    recorded_at: datetime
    supersedes: int | None  # the number of the decision it supersedes


def decision_signature(key: bytes, entry: Signed, previous: str) -> str:
    """HMAC-SHA256 (hex) of the entry's content and the signature of the entry before it on
    the same case ("" for the first): the log is a chain, so a changed, removed or inserted
    entry breaks every signature after it (issue 15: "signed and timestamped, never edited")."""
    text = "\x1f".join(
        [
            entry.reference,
            str(entry.number),
            entry.decision,
            entry.reasons,
            entry.options,
            entry.decided_by,
            entry.capacity,
            entry.recorded_at.isoformat(),
            "" if entry.supersedes is None else str(entry.supersedes),
            previous,
        ]
    )
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def broken_signatures(log: Sequence[tuple[Signed, str, bytes | None]]) -> list[int]:
    """The numbers of the decisions (in log order, each with its stored signature and the key
    it names, None if that key is not held) whose signature does not match their content and
    the chain before them; [] for an intact log. Numbers must also run 1, 2, 3...: a missing
    entry breaks the one after the gap."""
    broken = []
    previous = ""
    for expected_number, (entry, stored, key) in enumerate(log, start=1):
        good = (
            key is not None
            and entry.number == expected_number
            and hmac.compare_digest(decision_signature(key, entry, previous), stored)
        )
        if not good:
            broken.append(entry.number)
        previous = stored
    return broken


def supersede_problem(target: int | None, numbers: Iterable[int], superseded: Iterable[int]) -> str:
    """Why decision `target` cannot be superseded ("" if it can): it must be on this case and
    not already superseded (each entry is superseded at most once; supersede the later one)."""
    if target is None:
        return ""
    if target not in set(numbers):
        return "Select a decision on this case"
    if target in set(superseded):
        return "That decision is already superseded: supersede the later one"
    return ""


# ---------------------------------------------------------------- the investigation plan

# Who works the plan (adds lines and actions, records results): the roles that work cases
# (seed 001 §5.4-§5.5: investigators, evaluators, the VFT supervisor).
PLAN_ROLES = frozenset({Role.INVESTIGATOR, Role.EVALUATOR, Role.VFT_SUPERVISOR})


def default_lines(evaluation_notes: dict[str, str]) -> list[tuple[str, str, str]]:
    """The plan's first lines of enquiry: the Fraud Investigation Model's investigation
    requirements (seed 001 App. F stage 2, item 3 a-e), as (item, heading, notes), each
    carrying what the evaluator wrote for it if the case was evaluated."""
    return [
        (item, heading, (evaluation_notes.get(item) or "").strip())
        for item, heading in EVALUATION_REQUIREMENTS
    ]


def action_problems(text: str, due: date | None, today: date) -> dict[str, str]:
    """What stops an action being added: it says what is to be done, and is due today or
    later (a deadline already missed when set is not a plan)."""
    problems = {}
    if not text.strip():
        problems["text"] = "Enter what is to be done"
    if due is None:
        problems["due"] = "Enter the date the action is due"
    elif due < today:
        problems["due"] = "The date the action is due must be today or in the future"
    return problems


def action_state(due: date, has_result: bool, today: date) -> str:
    """How an action stands: "done" once its result is recorded, else "overdue" after its due
    date, "due_today" on it, "open" before (the Deadlines page's states, triage.rules)."""
    if has_result:
        return "done"
    if due < today:
        return "overdue"
    if due == today:
        return "due_today"
    return "open"


# ---------------------------------------------------------------- exhibits and continuity


class Disposal(Choices):
    """What became of property at the end (issue 15 item 4: "property returned or destroyed
    with authority")."""

    RETURNED = "returned", "Returned to the owner"
    DESTROYED = "destroyed", "Destroyed"


def officer_initials(first_name: str, last_name: str, username: str) -> str:
    """The initials an officer's exhibits are referenced by (JS for Jo Smith): the first
    letter of each word of their names, at most four; with fewer than two, the first two
    letters of their name or username."""
    words = re.findall(r"[A-Za-z]+", f"{first_name} {last_name}")
    letters = "".join(w[0] for w in words)[:4]
    if len(letters) < 2:
        letters = "".join(re.findall(r"[A-Za-z]", first_name or username))[:2]
    return letters.upper()


def initials_problem(initials: str) -> str:
    """Exhibit references are the officer's initials (2 to 4 letters) and a number."""
    text = initials.strip()
    if not (2 <= len(text) <= 4 and text.isascii() and text.isalpha()):
        return "Enter the officer's initials: 2 to 4 letters"
    return ""


def exhibit_reference(initials: str, number: int) -> str:
    """An exhibit's reference: the seizing officer's initials and a number (JS/1, JS/2...),
    unique on the case."""
    return f"{initials.strip().upper()}/{number}"


@dataclass(frozen=True)
class Span:
    """Who had an exhibit from when to when (None: still has it)."""

    held_by: str
    start: datetime
    end: datetime | None


def chain_problems(
    seized_at: datetime, spans: Sequence[Span], disposed_at: datetime | None
) -> list[str]:
    """Why this is not an unbroken chain of continuity ([] if it is; issue 15 item 4): it
    starts at the seizure, each holder's time ends after it starts, each begins exactly when
    the one before ended (no gap, no overlap), only the last is still open, and property
    returned or destroyed has its last holder's time ending then."""
    if not spans:
        return ["No one is recorded as holding the exhibit since it was seized"]
    problems = []
    if spans[0].start != seized_at:
        problems.append(
            f"The first holder, {spans[0].held_by}, does not take it when it was seized"
        )
    for n, span in enumerate(spans):
        if span.end is not None and span.end <= span.start:
            problems.append(f"{span.held_by}'s time with it ends before it starts")
        if n + 1 < len(spans):
            after = spans[n + 1]
            if span.end is None:
                problems.append(f"{span.held_by} still holds it while {after.held_by} has it")
            elif after.start > span.end:
                problems.append(f"A gap between {span.held_by} and {after.held_by}")
            elif after.start < span.end:
                problems.append(f"{span.held_by} and {after.held_by} overlap")
    last = spans[-1]
    if disposed_at is not None and last.end != disposed_at:
        problems.append("The last holder's time does not end when it was returned or destroyed")
    if disposed_at is None and last.end is not None:
        problems.append(f"No one holds it after {last.held_by}")
    return problems


def handover_problems(
    current: Span | None, at: datetime, now: datetime, disposed: bool
) -> dict[str, str]:
    """What stops a movement to a new holder at `at`: property returned or destroyed moves no
    more; it moves after the current holder took it (else the two would overlap), and not in
    the future."""
    if disposed:
        return {"at": "The exhibit was returned or destroyed: it does not move again"}
    if current is None:
        return {"at": "No one holds the exhibit"}
    if at <= current.start:
        return {"at": f"It must move after {current.held_by} took it"}
    if at > now:
        return {"at": "The time it moved must be in the past"}
    return {}


# ---------------------------------------------------------------- people and things (POLE)


class PoleKind(Choices):
    """What an entry is, in the POLE model police systems share: people (a person or an
    organisation), objects, locations and events (issue 15 item 1)."""

    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    OBJECT = "object", "Object"
    LOCATION = "location", "Location"
    EVENT = "event", "Event"


class NominalRole(Choices):
    """The part a person or organisation plays on a report."""

    SUSPECT = "suspect", "Suspect"
    VICTIM = "victim", "Victim"
    WITNESS = "witness", "Witness"
    OTHER = "other", "Other nominal"


PEOPLE = frozenset({PoleKind.PERSON, PoleKind.ORGANISATION})

# Who records people and things on a report: those who take reports in and work them
# (DOMAIN.md "Who uses it"). Anyone who may see the report reads them.
NOMINAL_ROLES = frozenset({Role.ASSESSOR, Role.VFT_SUPERVISOR, Role.EVALUATOR, Role.INVESTIGATOR})


def may_record_nominals(role: str) -> bool:
    return role in NOMINAL_ROLES


def nominal_problems(kind: str, role: str, name: str, reason: str) -> dict[str, str]:
    """What stops a person or thing being recorded or changed: a name (or, for a thing, a
    short description), a part for a person or organisation and none for a thing, and the
    officer's reason (issue 15 item 1: "with the reason logged")."""
    problems = {}
    if kind not in PoleKind.values:
        problems["kind"] = "Select what you are recording"
    elif kind in PEOPLE and role not in NominalRole.values:
        problems["role"] = "Select the part they play: suspect, victim, witness or other"
    if not name.strip():
        problems["name"] = (
            "Enter the name" if kind in PEOPLE else "Enter what it is, in a few words"
        )
    if not reason.strip():
        problems["reason"] = "Enter the reason for the change"
    return problems
