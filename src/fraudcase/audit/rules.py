"""Pure rules for the audit log's chains and their checkpoints.

The log is several chains ("lanes") so that writers append in parallel. Each entry's hash is
an HMAC-SHA256, under a key kept outside the database, of the previous entry's hash in its lane
and the entry's fields; a lane's first entry chains from that lane's own genesis value, so an
entry moved to another lane breaks a chain. Entries written before the key existed (key id "")
carry a plain SHA-256 and are accepted only as the start of lane 1, the lane the log from
before lanes belongs to. A checkpoint pins every lane's length and last hash in a file kept
away from the database, signed with the same key.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

GENESIS = "0" * 64
UNKEYED = ""  # the key id of entries written before the audit log was keyed
LEGACY_LANE = 1  # the lane of the entries written before lanes (and before the key)


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


def lane_genesis(lane: int) -> str:
    """What a lane's first entry chains from: GENESIS for lane 1 (so the single chain written
    before lanes is lane 1 unchanged), a value naming the lane for the others."""
    if lane == LEGACY_LANE:
        return GENESIS
    return hashlib.sha256(f"fraudcase audit lane {lane}".encode()).hexdigest()


class Link(NamedTuple):
    """One entry as the chain sees it."""

    id: int
    lane: int
    prev_hash: str
    fields: Mapping[str, object]
    hash: str
    key_id: str


def _link_problem(
    link: Link, expected_prev: str, keyed: bool, keys: Mapping[str, bytes]
) -> str | None:
    """What is wrong with one entry, given what its lane says came before it; None if nothing."""
    if link.prev_hash != expected_prev:
        return "the entry before it was altered or removed"
    if link.key_id == UNKEYED:
        if link.lane != LEGACY_LANE:
            return (
                "this entry has no audit key signature, and only entries of lane 1 from before "
                "the key may lack one: it was added or rewritten by someone without the key"
            )
        if keyed:
            return (
                "this entry has no audit key signature after the keyed chain began: "
                "it was added or rewritten by someone without the key"
            )
        key = None
    else:
        key = keys.get(link.key_id)
        if key is None:
            return (
                f"this entry is signed with a key this server does not hold (key id "
                f"{link.key_id}): it was forged, or the audit key is not the one that wrote it"
            )
    if not hmac.compare_digest(event_hash(link.prev_hash, link.fields, key), link.hash):
        if key is None:
            return "this entry was altered"
        return "this entry was altered or forged: its hash does not match the audit key"
    return None


def first_broken_links(
    links: Iterable[Link], keys: Mapping[str, bytes]
) -> dict[int, tuple[int, str]]:
    """Walk the entries in id order, each lane's chain on its own; return, for each broken lane,
    its first bad entry and what is wrong with it (lanes that check are left out).

    `keys` maps key ids to the keys this server holds. Unkeyed entries are allowed only in lane
    1 before its first keyed one: anywhere else, someone without the key wrote them.
    """
    expected: dict[int, str] = {}
    keyed: set[int] = set()
    broken: dict[int, tuple[int, str]] = {}
    for link in links:
        if link.lane in broken:
            continue
        previous = expected.get(link.lane) or lane_genesis(link.lane)
        problem = _link_problem(link, previous, link.lane in keyed, keys)
        if problem:
            broken[link.lane] = (link.id, problem)
            continue
        if link.key_id != UNKEYED:
            keyed.add(link.lane)
        expected[link.lane] = link.hash
    return broken


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


# The fields a checkpoint signs. Checkpoints taken before lanes pin the single chain (now
# lane 1) with its last hash; later ones pin every lane in "lanes".
CHECKPOINT_FIELDS = ("entries", "last_id", "last_hash", "at", "key_id")
LANES_CHECKPOINT_FIELDS = ("entries", "last_id", "lanes", "at", "key_id")


# A checkpoint is parsed JSON (its fields and "mac"): its values are read as they come.
def checkpoint_mac(key: bytes, checkpoint: Mapping[str, Any]) -> str:
    """The checkpoint's signature: HMAC-SHA256 over its fields in a canonical form."""
    names = LANES_CHECKPOINT_FIELDS if "lanes" in checkpoint else CHECKPOINT_FIELDS
    signed = {name: checkpoint[name] for name in names}
    return hmac.digest(
        key, b"fraudcase audit checkpoint " + _canonical(signed).encode(), "sha256"
    ).hex()


@dataclass(frozen=True)
class Pin:
    """A lane's end as a checkpoint recorded it."""

    entries: int  # entries in the lane
    last_id: int
    last_hash: str


def checkpoint_pins(checkpoint: Mapping[str, Any]) -> dict[int, Pin]:
    """Lane -> its end as the checkpoint recorded it (a checkpoint from before lanes: lane 1)."""
    if "lanes" not in checkpoint:
        return {
            LEGACY_LANE: Pin(checkpoint["entries"], checkpoint["last_id"], checkpoint["last_hash"])
        }
    return {
        int(lane): Pin(end["entries"], end["last_id"], end["last_hash"])
        for lane, end in checkpoint["lanes"].items()
    }


def checkpoint_signature_problem(
    checkpoint: Mapping[str, Any], keys: Mapping[str, bytes]
) -> str | None:
    """Why the checkpoint cannot be trusted at all, or None when this server's key signed it."""
    key = keys.get(str(checkpoint.get("key_id", "")))
    if key is None or not hmac.compare_digest(
        checkpoint_mac(key, checkpoint), str(checkpoint.get("mac", ""))
    ):
        return (
            f"the checkpoint taken at {checkpoint.get('at', '?')} is not signed by this "
            "server's audit key: it was forged or altered, or the audit key is not the one "
            "that signed it"
        )
    return None


@dataclass(frozen=True)
class Position:
    """Where an entry pinned by a checkpoint stands in its lane as it is now."""

    entries: int  # entries of the lane up to and including it
    hash: str


def lane_checkpoint_problem(
    when: str,
    lane: int,
    pin: Pin,
    found: Mapping[int, Position],
    entries: int,
    last_id: int,
) -> str | None:
    """What is wrong with one lane, judged against a checkpoint taken at `when` that pinned it;
    None when it agrees.

    `found` maps the ids of the lane's entries pinned by checkpoints to where they stand now;
    `entries` and `last_id` describe the lane now. Entries removed from the end of the lane,
    or all of them, show as a pinned entry missing; a rewrite as a pinned hash changed.
    """
    if pin.entries == 0:
        return None
    position = found.get(pin.last_id)
    if position is None:
        if entries < pin.entries or last_id < pin.last_id:
            return (
                f"the log has {entries} entries in lane {lane} (last {last_id}) but the "
                f"checkpoint taken at {when} recorded {pin.entries} (last {pin.last_id}): "
                "entries were removed"
            )
        return (
            f"entry {pin.last_id} of lane {lane}, recorded by the checkpoint taken at {when}, "
            "was removed"
        )
    if position.hash != pin.last_hash:
        return (
            f"entry {pin.last_id} differs from the checkpoint taken at {when}: "
            "the log was rewritten up to it"
        )
    if position.entries != pin.entries:
        return (
            f"the log has {position.entries} entries in lane {lane} up to entry {pin.last_id} "
            f"but the checkpoint taken at {when} recorded {pin.entries}: entries before it "
            "were removed or added"
        )
    return None
