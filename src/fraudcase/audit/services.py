"""The only writer of the audit log. Call `record` inside the transaction of the user action."""

import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import F, Q, QuerySet
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


# Where the database lets a writer skip rows others have locked, writers spread over this many
# lanes unless AUDIT_LANES says otherwise; elsewhere (SQLite) one writer runs at a time anyway.
DEFAULT_LANES = 16
# The connection remembers the lane it last appended to, and tries it first: a transaction that
# records twice finds the lane it already holds and never takes a second one, so no two
# transactions can each hold a lane while waiting for the other's.
LANE_ATTRIBUTE = "fraudcase_audit_lane"


def lane_count() -> int:
    """How many lanes writers spread over: AUDIT_LANES, else DEFAULT_LANES where the database
    can skip locked rows (PostgreSQL) and 1 where it cannot (SQLite)."""
    if settings.AUDIT_LANES:
        return int(settings.AUDIT_LANES)
    return DEFAULT_LANES if connection.features.has_select_for_update_skip_locked else 1


def make_lanes(count: int | None = None, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Make the head of every lane up to `count` (default `lane_count()`) that has none;
    return whether any had none. `migrate` calls it (apps.py), so writers find their lanes.

    Counts first: inserting a head that exists waits for whoever holds it locked.
    """
    count = count or lane_count()
    heads = AuditHead.objects.using(using)
    if heads.filter(pk__lte=count).count() == count:
        return False
    heads.bulk_create(
        [AuditHead(pk=lane, last_hash=rules.lane_genesis(lane)) for lane in range(1, count + 1)],
        ignore_conflicts=True,
    )
    return True


def _first_free_head(count: int, first: int) -> AuditHead | None:
    """Lock the head of the first lane nobody holds, trying `first` then the lanes after it in
    turn (so writers starting from different lanes spread out); None if every lane is held."""
    return (
        AuditHead.objects.select_for_update(skip_locked=True)
        .filter(pk__lte=count)
        .alias(turn=(F("pk") + (count - first)) % count)
        .order_by("turn")
        .first()
    )


def _lock_a_lane(count: int) -> AuditHead:
    """Lock the head of a lane for this transaction, waiting only when every lane is held."""
    first = getattr(connection, LANE_ATTRIBUTE, 0)
    if not 1 <= first <= count:
        first = hash((os.getpid(), threading.get_ident())) % count + 1
    head = _first_free_head(count, first)
    if head is None:
        # Every lane is held, or some have no head: more lanes were configured since `migrate`
        # made them (make_lanes), and are made now that they are needed.
        if make_lanes(count):
            head = _first_free_head(count, first)
        head = head or AuditHead.objects.select_for_update().get(pk=first)
    setattr(connection, LANE_ATTRIBUTE, head.pk)
    return head


def record_many(user: Actor, entries: Sequence[Entry]) -> None:
    """Append entries, in one set-based insert, to the chain of a lane no other writer holds.

    Writers in other transactions append to other lanes meanwhile; only when every lane is
    held does a writer wait (for the lane its connection used last, or one chosen by its
    process and thread). The lane stays locked until the caller's transaction ends.
    """
    if not entries:
        return
    key = keys.signing_key()
    assert key is not None  # signing_key makes the default key when there is none
    key_id = rules.key_id(key)
    with transaction.atomic():
        head = _lock_a_lane(lane_count())
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
            rows.append((*fields.values(), prev, digest, key_id, head.pk))
            prev = digest
        bulk.insert_rows(
            AuditEvent,
            [
                *(f.removesuffix("_id") for f in HASHED_FIELDS),
                "prev_hash",
                "hash",
                "key_id",
                "lane",
            ],
            rows,
        )
        AuditHead.objects.filter(pk=head.pk).update(last_hash=prev)


def default_checkpoint_file() -> Path:
    """Where checkpoints are kept: AUDIT_CHECKPOINT_FILE, else under DATA_DIR."""
    return Path(
        settings.AUDIT_CHECKPOINT_FILE
        or Path(settings.DATA_DIR) / "audit-checkpoints" / "checkpoints.jsonl"
    )


@dataclass
class LaneEnd:
    """A lane as `verify` found it."""

    entries: int
    last_id: int
    last_hash: str


# The problem that is about no one lane (a checkpoint file, the missing checkpoint).
WHOLE_LOG = 0


@dataclass
class Verification:
    """What `verify` found: `problems` maps each lane with something wrong (WHOLE_LOG for
    what is about no one lane) to its first (entry id or 0, what is wrong)."""

    checked: int = 0
    unkeyed: int = 0
    last_unkeyed_id: int = 0
    unkeyed_uncovered: bool = False
    last_id: int = 0
    lanes: dict[int, LaneEnd] = field(default_factory=dict)
    checkpoints: int = 0
    latest_checkpoint: dict[str, Any] | None = None
    problems: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem(self) -> tuple[int, str] | None:
        """The first problem (of the lowest lane), or None."""
        return self.problems[min(self.problems)] if self.problems else None

    def add(self, lane: int, where: int, problem: str) -> None:
        """Note a lane's problem unless the lane already has one: the first is the one to fix."""
        self.problems.setdefault(lane, (where, problem))


def _lane_end_ok(end: Any) -> bool:
    return (
        isinstance(end, dict)
        and isinstance(end.get("entries"), int)
        and isinstance(end.get("last_id"), int)
        and isinstance(end.get("last_hash"), str)
    )


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
            types |= dict.fromkeys(("at", "key_id", "mac"), str)
            for name, kind in types.items():
                if not isinstance(checkpoint.get(name), kind):
                    raise ValueError
            lanes = checkpoint.get("lanes")
            if lanes is None:  # taken before lanes: the single chain's last hash
                if not isinstance(checkpoint.get("last_hash"), str):
                    raise ValueError
            elif not isinstance(lanes, dict) or not all(
                lane.isdigit() and _lane_end_ok(end) for lane, end in lanes.items()
            ):
                raise ValueError
        except ValueError:
            raise ValueError(f"{path} line {number} is not an audit checkpoint") from None
        found.append(checkpoint)
    return found


def verify(checkpoint_files: Sequence[Path] | None = None) -> Verification:
    """Check every lane's chain, then every lane against every checkpoint in `checkpoint_files`.

    None means the default checkpoint file, if there is one yet. Each lane reports its first
    problem; the other lanes are still checked.
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
            result.add(WHOLE_LOG, 0, str(error))
            return result
    held = keys.known_keys()
    trusted = [c for c in checkpoints if not rules.checkpoint_signature_problem(c, held)]
    for forged in (c for c in checkpoints if c not in trusted):
        result.add(WHOLE_LOG, 0, rules.checkpoint_signature_problem(forged, held) or "")
    pins = [rules.checkpoint_pins(c) for c in trusted]
    pinned = {(lane, pin.last_id) for by_lane in pins for lane, pin in by_lane.items()}
    found: dict[int, dict[int, rules.Position]] = {}
    # Read before the walk, so that entries appended while it runs are not taken for a cut.
    heads = dict(AuditHead.objects.values_list("pk", "last_hash"))
    heads_seen: set[int] = set()

    def walk() -> Iterator[rules.Link]:
        columns = ("id", "lane", "prev_hash", "hash", "key_id", *HASHED_FIELDS)
        rows = AuditEvent.objects.order_by("id").values_list(*columns)
        for event_id, lane, prev_hash, digest, key_id, *values in rows.iterator(chunk_size=5000):
            result.checked += 1
            result.last_id = event_id
            if key_id == rules.UNKEYED:
                result.unkeyed += 1
                result.last_unkeyed_id = event_id
            end = result.lanes.setdefault(lane, LaneEnd(0, 0, rules.lane_genesis(lane)))
            end.entries, end.last_id, end.last_hash = end.entries + 1, event_id, digest
            if digest == heads.get(lane):
                heads_seen.add(lane)
            if (lane, event_id) in pinned:
                found.setdefault(lane, {})[event_id] = rules.Position(end.entries, digest)
            fields = dict(zip(HASHED_FIELDS, values, strict=True))
            yield rules.Link(event_id, lane, prev_hash, fields, digest, key_id)

    for lane, (where, problem) in rules.first_broken_links(walk(), held).items():
        result.add(lane, where, problem)
    for lane in sorted(heads.keys() - heads_seen):
        if heads[lane] == rules.lane_genesis(lane):
            continue  # a lane nobody has appended to yet
        end = result.lanes.get(lane)
        if end:
            result.add(lane, end.last_id, "entries after this one were removed")
        else:
            result.add(
                lane,
                0,
                f"lane {lane} is empty but its stored head names an entry: every entry of the "
                "lane was removed",
            )
    for checkpoint, by_lane in zip(trusted, pins, strict=True):
        for lane, pin in sorted(by_lane.items()):
            end = result.lanes.get(lane, LaneEnd(0, 0, rules.lane_genesis(lane)))
            disagreement = rules.lane_checkpoint_problem(
                checkpoint["at"], lane, pin, found.get(lane, {}), end.entries, end.last_id
            )
            if disagreement:
                result.add(lane, pin.last_id, disagreement)
        result.checkpoints += 1
    result.latest_checkpoint = max(trusted, key=lambda c: c["last_id"], default=None)
    covered = max((p[rules.LEGACY_LANE].last_id for p in pins if rules.LEGACY_LANE in p), default=0)
    if result.unkeyed and covered < result.last_unkeyed_id:
        # Anyone can write unkeyed entries: they are trusted only as far as a checkpoint,
        # signed with the key, pins them (see `checkpoint(adopt_unkeyed=True)`).
        result.unkeyed_uncovered = rules.LEGACY_LANE not in result.problems
        result.add(rules.LEGACY_LANE, result.last_unkeyed_id, rules.UNCOVERED_UNKEYED)
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
    """Verify the log, then sign its length and every lane's length, last entry and hash into
    a checkpoint.

    Appends it to `out` (default `default_checkpoint_file()`) unless `out` is "-", in which
    case only returns it. Refuses (BrokenLog) to sign a log that does not verify, including
    entries from before the audit key that no checkpoint covers yet, unless `adopt_unkeyed`:
    the administrator vouches for them (they verified before the upgrade).
    """
    target = default_checkpoint_file() if out is None else out
    to_file = str(target) != "-"
    result = verify([target] if to_file and target.exists() else None)
    only_unkeyed = result.unkeyed_uncovered and len(result.problems) == 1
    if not result.ok and not (adopt_unkeyed and only_unkeyed):
        raise BrokenLog(result.problem)
    key = keys.signing_key()
    assert key is not None
    signed: dict[str, object] = {
        "entries": result.checked,
        "last_id": result.last_id,
        "lanes": {
            str(lane): {"entries": end.entries, "last_id": end.last_id, "last_hash": end.last_hash}
            for lane, end in sorted(result.lanes.items())
        },
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


def trail(object_type: str, object_ref: str, user: Any = None) -> QuerySet[AuditEvent]:
    """The audit entries about one object, newest first (only those `user` may see, if given)."""
    found = AuditEvent.objects.filter(object_type=object_type, object_ref=object_ref)
    if user is not None:
        found = visible_events(user, found)
    return found.order_by("-id")


# Apps above this one whose records are need-to-know (finance: SARs) register a rule here: given
# the user reading the log, the entries to hide from them (a Q), or None to hide nothing. Every
# viewer of the log reads it through `visible_events` (docs/architecture.md "How a lower app
# reaches a higher one").
HiddenRule = Callable[[Any], Q | None]
_HIDDEN: list[HiddenRule] = []


def hide_from_viewers(rule: HiddenRule) -> None:
    """Register a rule naming the entries a viewer of the log may not see (from AppConfig.ready)."""
    if rule not in _HIDDEN:
        _HIDDEN.append(rule)


def visible_events(user: Any, events: QuerySet[AuditEvent] | None = None) -> QuerySet[AuditEvent]:
    """The audit entries (of `events`, else all) this user may see in a viewer of the log: an
    entry about a record they may not see is left out, so the log never reveals it exists."""
    found = AuditEvent.objects.all() if events is None else events
    for rule in _HIDDEN:
        hidden = rule(user)
        if hidden is not None:
            found = found.exclude(hidden)
    return found
