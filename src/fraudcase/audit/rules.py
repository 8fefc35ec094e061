"""Pure hash-chain rules for the audit log."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def event_hash(prev_hash: str, fields: dict) -> str:
    """SHA-256 over the previous hash and the event's fields in a canonical JSON form."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def first_broken_link(events: Iterable[tuple[int, str, dict, str]]) -> tuple[int, str] | None:
    """Walk (id, prev_hash, fields, hash) in id order; return the first bad (id, problem)."""
    expected_prev = GENESIS
    for event_id, prev_hash, fields, stored_hash in events:
        if prev_hash != expected_prev:
            return event_id, "the entry before it was altered or removed"
        if event_hash(prev_hash, fields) != stored_hash:
            return event_id, "this entry was altered"
        expected_prev = stored_hash
    return None
