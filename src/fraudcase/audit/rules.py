"""Pure rules for the audit log's chain and its checkpoints.

Each entry's hash is an HMAC-SHA256, under a key kept outside the database, of the previous
entry's hash and the entry's fields; entries written before the key existed (key id "") carry
a plain SHA-256 and are accepted only as the start of the chain. A checkpoint pins the chain's
length and last hash in a file kept away from the database, signed with the same key.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
UNKEYED = ""  # the key id of entries written before the audit log was keyed


def _canonical(fields: Mapping[str, object]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)


def key_id(key: bytes) -> str:
    """A short name for a key that says nothing about it, stored with each entry it signs."""
    return hmac.digest(key, b"fraudcase audit key id", "sha256").hex()[:16]


def event_hash(prev_hash: str, fields: Mapping[str, object], key: bytes | None) -> str:
    """HMAC-SHA256 under `key` (SHA-256 alone when None) of the previous hash and the fields."""
    message = (prev_hash + _canonical(fields)).encode()
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.digest(key, message, "sha256").hex()


def first_broken_link(
    events: Iterable[tuple[int, str, Mapping[str, object], str, str]], keys: Mapping[str, bytes]
) -> tuple[int, str] | None:
    """Walk (id, prev_hash, fields, hash, key_id) in id order; return the first bad (id, problem).

    `keys` maps key ids to the keys this server holds. Unkeyed entries are allowed only before
    the first keyed one: after it, an unkeyed entry was written by someone without the key.
    """
    expected_prev = GENESIS
    keyed = False
    for event_id, prev_hash, fields, stored_hash, entry_key_id in events:
        if prev_hash != expected_prev:
            return event_id, "the entry before it was altered or removed"
        if entry_key_id == UNKEYED:
            if keyed:
                return event_id, (
                    "this entry has no audit key signature after the keyed chain began: "
                    "it was added or rewritten by someone without the key"
                )
            key = None
        else:
            keyed = True
            key = keys.get(entry_key_id)
            if key is None:
                return event_id, (
                    f"this entry is signed with a key this server does not hold (key id "
                    f"{entry_key_id}): it was forged, or the audit key is not the one that wrote it"
                )
        if not hmac.compare_digest(event_hash(prev_hash, fields, key), stored_hash):
            if key is None:
                return event_id, "this entry was altered"
            return (
                event_id,
                "this entry was altered or forged: its hash does not match the audit key",
            )
        expected_prev = stored_hash
    return None


# ---------------------------------------------------------------- checkpoints

UNCOVERED_UNKEYED = (
    "entries up to this one carry no audit key signature and no checkpoint covers them, so "
    "anyone who can write to the database could have rewritten them. If they are the log from "
    "before the audit key and verified then, adopt them: `fraudcase audit checkpoint "
    "--adopt-unkeyed`"
)

NO_CHECKPOINT = (
    "No checkpoint: cannot tell whether entries were removed; take one with `fraudcase audit "
    "checkpoint` and keep a copy elsewhere"
)


def missing_checkpoint_problem(entries: int, checkpoints: int) -> str | None:
    """Why a log checked against no checkpoint cannot be called intact, or None.

    The chain shows an entry altered, forged or removed from the middle; only a checkpoint
    kept off the database shows entries removed from the end, or every entry (the stored head
    reset with them). Without one, an empty log is as unprovable as a full one."""
    if checkpoints:
        return None
    if not entries:
        return f"{NO_CHECKPOINT} (the log is empty: if this server was ever used, all was removed)"
    return NO_CHECKPOINT


CHECKPOINT_FIELDS = ("entries", "last_id", "last_hash", "at", "key_id")


# A checkpoint is parsed JSON (CHECKPOINT_FIELDS and "mac"): its values are read as they come.
def checkpoint_mac(key: bytes, checkpoint: Mapping[str, Any]) -> str:
    """The checkpoint's signature: HMAC-SHA256 over its fields in a canonical form."""
    signed = {name: checkpoint[name] for name in CHECKPOINT_FIELDS}
    return hmac.digest(
        key, b"fraudcase audit checkpoint " + _canonical(signed).encode(), "sha256"
    ).hex()


@dataclass(frozen=True)
class Position:
    """Where an entry pinned by a checkpoint stands in the chain as it is now."""

    entries: int  # entries up to and including it
    hash: str


def checkpoint_problem(
    checkpoint: Mapping[str, Any],
    keys: Mapping[str, bytes],
    found: Mapping[int, Position],
    total: int,
    last_id: int,
) -> str | None:
    """What is wrong with the chain, judged against one checkpoint; None when it agrees.

    `found` maps the entry ids pinned by checkpoints to where they stand now; `total` and
    `last_id` describe the whole chain now.
    """
    when = checkpoint.get("at", "?")
    key = keys.get(str(checkpoint.get("key_id", "")))
    if key is None or not hmac.compare_digest(
        checkpoint_mac(key, checkpoint), str(checkpoint.get("mac", ""))
    ):
        return (
            f"the checkpoint taken at {when} is not signed by this server's audit key: "
            "it was forged or altered, or the audit key is not the one that signed it"
        )
    pinned, entries = checkpoint["last_id"], checkpoint["entries"]
    if entries == 0:
        return None
    position = found.get(pinned)
    if position is None:
        if total < entries or last_id < pinned:
            return (
                f"the log has {total} entries (last {last_id}) but the checkpoint taken at {when} "
                f"recorded {entries} (last {pinned}): entries were removed"
            )
        return f"entry {pinned}, recorded by the checkpoint taken at {when}, was removed"
    if position.hash != checkpoint["last_hash"]:
        return (
            f"entry {pinned} differs from the checkpoint taken at {when}: "
            "the log was rewritten up to it"
        )
    if position.entries != entries:
        return (
            f"the log has {position.entries} entries up to entry {pinned} but the checkpoint "
            f"taken at {when} recorded {entries}: entries before it were removed or added"
        )
    return None
