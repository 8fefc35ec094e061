"""The only writer of the audit log. Call `record` inside the transaction of the user action."""

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from fraudcase.core import bulk

from . import keys, rules
from .models import AuditAction, AuditEvent, AuditHead

HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_ref",
    "summary",
    "justification",
)


@dataclass(frozen=True)
class Entry:
    action: AuditAction
    object_type: str
    object_ref: str
    summary: str
    justification: str = ""


# The user who acted; None (or not signed in) when the system did.
Actor = AbstractBaseUser | AnonymousUser | None


def record(
    user: Actor,
    action: AuditAction,
    object_type: str,
    object_ref: str,
    summary: str,
    justification: str = "",
) -> None:
    """Append one entry to the audit log (see `record_many`); `user` None is the system."""
    record_many(user, [Entry(action, object_type, object_ref, summary, justification)])


def record_many(user: Actor, entries: Sequence[Entry]) -> None:
    """Append entries to the chain in one set-based insert, serialised by locking the head row."""
    if not entries:
        return
    key = keys.signing_key()
    assert key is not None  # signing_key makes the default key when there is none
    key_id = rules.key_id(key)
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditHead.objects.create(pk=1, last_hash=rules.GENESIS)
            head = AuditHead.objects.select_for_update().get(pk=1)
        now = timezone.now()
        actor = user if user is not None and user.is_authenticated else None
        actor_id = actor.pk if actor else None
        actor_name = actor.get_username() if actor else "system"
        prev = head.last_hash
        rows = []
        for entry in entries:
            fields = {
                "at": now,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "action": str(entry.action),
                "object_type": entry.object_type,
                "object_ref": entry.object_ref,
                "summary": entry.summary[:500],
                "justification": entry.justification,
            }
            digest = rules.event_hash(prev, fields, key)
            rows.append((*fields.values(), prev, digest, key_id))
            prev = digest
        bulk.insert_rows(
            AuditEvent,
            [*(f.removesuffix("_id") for f in HASHED_FIELDS), "prev_hash", "hash", "key_id"],
            rows,
        )
        AuditHead.objects.filter(pk=1).update(last_hash=prev)


def default_checkpoint_file() -> Path:
    """Where checkpoints are kept: AUDIT_CHECKPOINT_FILE, else under DATA_DIR."""
    return Path(
        settings.AUDIT_CHECKPOINT_FILE
        or Path(settings.DATA_DIR) / "audit-checkpoints" / "checkpoints.jsonl"
    )


@dataclass
class Verification:
    """What `verify` found: `problem` is the first (entry id, what is wrong), or None."""

    checked: int = 0
    unkeyed: int = 0
    last_unkeyed_id: int = 0
    unkeyed_uncovered: bool = False
    last_id: int = 0
    last_hash: str = rules.GENESIS
    checkpoints: int = 0
    latest_checkpoint: dict[str, Any] | None = None
    problem: tuple[int, str] | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


# A checkpoint is parsed JSON, its fields checked one by one: values are read as they come.
def read_checkpoints(path: Path) -> list[dict[str, Any]]:
    """The checkpoints in a JSON-lines file, oldest first; a line that is not one is an error."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = json.loads(line)
            if not isinstance(checkpoint, dict):
                raise ValueError
            types: dict[str, type] = dict.fromkeys(("entries", "last_id"), int)
            types |= dict.fromkeys(("last_hash", "at", "key_id", "mac"), str)
            for name, kind in types.items():
                if not isinstance(checkpoint.get(name), kind):
                    raise ValueError
        except ValueError:
            raise ValueError(f"{path} line {number} is not an audit checkpoint") from None
        found.append(checkpoint)
    return found


def verify(checkpoint_files: Sequence[Path] | None = None) -> Verification:
    """Check the whole chain, then the chain against every checkpoint in `checkpoint_files`.

    None means the default checkpoint file, if there is one yet.
    """
    if checkpoint_files is None:
        default = default_checkpoint_file()
        checkpoint_files = [default] if default.exists() else []
    result = Verification()
    checkpoints: list[dict[str, Any]] = []
    for path in checkpoint_files:
        try:
            checkpoints += read_checkpoints(path)
        except ValueError as error:
            result.problem = (0, str(error))
            return result
    pinned = {c["last_id"] for c in checkpoints}
    found: dict[int, rules.Position] = {}
    held = keys.known_keys()
    # Read before the walk, so that entries appended while it runs are not taken for a cut.
    head = AuditHead.objects.filter(pk=1).first()
    head_hash = head.last_hash if head else rules.GENESIS
    head_seen = False

    def walk() -> Iterator[tuple[int, str, Mapping[str, object], str, str]]:
        nonlocal head_seen
        columns = ("id", "prev_hash", "hash", "key_id", *HASHED_FIELDS)
        rows = AuditEvent.objects.order_by("id").values_list(*columns)
        for event_id, prev_hash, digest, key_id, *values in rows.iterator(chunk_size=5000):
            result.checked += 1
            if key_id == rules.UNKEYED:
                result.unkeyed += 1
                result.last_unkeyed_id = event_id
            result.last_id, result.last_hash = event_id, digest
            head_seen = head_seen or digest == head_hash
            if event_id in pinned:
                found[event_id] = rules.Position(result.checked, digest)
            yield event_id, prev_hash, dict(zip(HASHED_FIELDS, values, strict=True)), digest, key_id

    result.problem = rules.first_broken_link(walk(), held)
    if result.problem:
        return result
    if head_hash != rules.GENESIS and not head_seen:
        result.problem = (
            (result.last_id, "entries after this one were removed")
            if result.checked
            else (0, "the log is empty but its stored head names an entry: every entry was removed")
        )
        return result
    for checkpoint in checkpoints:
        problem = rules.checkpoint_problem(checkpoint, held, found, result.checked, result.last_id)
        if problem:
            result.problem = (checkpoint["last_id"], problem)
            return result
        result.checkpoints += 1
    result.latest_checkpoint = max(checkpoints, key=lambda c: c["last_id"], default=None)
    covered = max((c["last_id"] for c in checkpoints), default=0)
    if result.unkeyed and covered < result.last_unkeyed_id:
        # Anyone can write unkeyed entries: they are trusted only as far as a checkpoint,
        # signed with the key, pins them (see `checkpoint(adopt_unkeyed=True)`).
        result.unkeyed_uncovered = True
        result.problem = (result.last_unkeyed_id, rules.UNCOVERED_UNKEYED)
    return result


APPEND_ONLY_TRIGGER = "audit_auditevent_append_only"


def append_only_trigger() -> str | None:
    """On PostgreSQL, whether the trigger refusing UPDATE and DELETE is "enabled", "disabled"
    or "missing"; None on databases without one."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
            [APPEND_ONLY_TRIGGER, AuditEvent._meta.db_table],
        )
        row = cursor.fetchone()
    if row is None:
        return "missing"
    return "disabled" if row[0] == "D" else "enabled"


class BrokenLog(Exception):
    pass


def checkpoint(
    out: Path | None = None, *, adopt_unkeyed: bool = False
) -> tuple[dict[str, object], Verification]:
    """Verify the log, then sign its length and last hash into a checkpoint.

    Appends it to `out` (default `default_checkpoint_file()`) unless `out` is "-", in which
    case only returns it. Refuses (BrokenLog) to sign a log that does not verify, including
    entries from before the audit key that no checkpoint covers yet, unless `adopt_unkeyed`:
    the administrator vouches for them (they verified before the upgrade).
    """
    target = default_checkpoint_file() if out is None else out
    to_file = str(target) != "-"
    result = verify([target] if to_file and target.exists() else None)
    if not result.ok and not (adopt_unkeyed and result.unkeyed_uncovered):
        raise BrokenLog(result.problem)
    key = keys.signing_key()
    assert key is not None
    signed = {
        "entries": result.checked,
        "last_id": result.last_id,
        "last_hash": result.last_hash,
        "at": timezone.now().isoformat(),
        "key_id": rules.key_id(key),
    }
    signed["mac"] = rules.checkpoint_mac(key, signed)
    if to_file:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a") as out_file:
            out_file.write(json.dumps(signed, sort_keys=True) + "\n")
            out_file.flush()
            os.fsync(out_file.fileno())
    return signed, result


def trail(object_type: str, object_ref: str) -> QuerySet[AuditEvent]:
    """The audit entries about one object, newest first."""
    return AuditEvent.objects.filter(object_type=object_type, object_ref=object_ref).order_by("-id")
