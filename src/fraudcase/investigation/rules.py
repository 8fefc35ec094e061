"""The investigation file's policy as pure functions: plain values in, a decision out.

Seed 001 §5.5 and §9: a case is investigated under the Fraud Investigation Model, supervised,
"all viable lines of enquiry followed expeditiously"; issue 15 (the investigation file) says
what the decision log keeps. No ORM and no I/O here.
"""

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices

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
