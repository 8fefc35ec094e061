"""The only writer of the audit log. Call `record` inside the transaction of the user action."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fraudcase.core import bulk

from . import rules
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


def _fields(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


def record(
    user,
    action: AuditAction,
    object_type: str,
    object_ref: str,
    summary: str,
    justification: str = "",
) -> None:
    record_many(user, [Entry(action, object_type, object_ref, summary, justification)])


def record_many(user, entries: Sequence[Entry]) -> None:
    """Append entries to the chain in one set-based insert, serialised by locking the head row."""
    if not entries:
        return
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
            digest = rules.event_hash(prev, fields)
            rows.append((*fields.values(), prev, digest))
            prev = digest
        bulk.insert_rows(
            AuditEvent, [*(f.removesuffix("_id") for f in HASHED_FIELDS), "prev_hash", "hash"], rows
        )
        AuditHead.objects.filter(pk=1).update(last_hash=prev)


def verify() -> tuple[int, tuple[int, str] | None]:
    """Check the whole chain. Returns (entries checked, first (id, problem) or None)."""
    count = 0

    def walk():
        nonlocal count
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=5000):
            count += 1
            yield event.id, event.prev_hash, _fields(event), event.hash

    broken = rules.first_broken_link(walk())
    if broken is None:
        head = AuditHead.objects.filter(pk=1).first()
        last = AuditEvent.objects.order_by("-id").first()
        if head and (last is None or last.hash != head.last_hash):
            return count, (last.id if last else 0, "entries after this one were removed")
    return count, broken


def trail(object_type: str, object_ref: str):
    return AuditEvent.objects.filter(object_type=object_type, object_ref=object_ref).order_by("-id")
