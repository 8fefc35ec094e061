"""Tampering as an attacker with write access to the database (and, on PostgreSQL, owner rights
over the audit table, which lets them switch off its append-only trigger) could do it."""

import pytest
from django.db import connection

from fraudcase.audit import rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditEvent, AuditHead


@pytest.fixture
def tamper(db):
    """Run SQL against the database directly, with the append-only trigger switched off.

    The test's transaction is rolled back at its end, switching the trigger back on.
    """

    def run(sql, params=()):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # ALTER TABLE waits for no deferred foreign-key checks: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(
                    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
                )
            cursor.execute(sql, params)

    return run


@pytest.fixture(autouse=True)
def _audit_key_and_checkpoints_in_tmp(settings):
    """The defaults, under the test's own DATA_DIR, whatever the shell running the tests sets."""
    settings.AUDIT_KEY = ""
    settings.AUDIT_KEY_FILE = ""
    settings.AUDIT_CHECKPOINT_FILE = ""


def in_lane(lane):
    """Make this connection's next entries go to `lane` (the lane it tries first), as a worker
    thread that last wrote there would; on one thread that lane is always free."""
    setattr(connection, audit.LANE_ATTRIBUTE, lane)


def with_lanes(settings, count):
    """Configure `count` lanes and make their heads, as `migrate` does."""
    settings.AUDIT_LANES = count
    audit.make_lanes(count)


@pytest.fixture(autouse=True)
def _entries_in_lane_1():
    """Entries go to lane 1 unless a test says otherwise (the lane a connection tries first is
    otherwise chosen by its process and thread)."""
    in_lane(1)


def forge_after(tamper, last, key_id):
    """Append an entry chained after `last` in its lane, hashed as someone without the key can
    (SHA-256) and labelled with `key_id`, and move the lane's head to it; return it."""
    fields = {name: getattr(last, name) for name in audit.HASHED_FIELDS}
    fields["summary"] = "viewed by nobody"
    digest = rules.event_hash(last.hash, fields, None)
    tamper(
        "INSERT INTO audit_auditevent (at, actor_id, actor_name, action, object_type, object_ref,"
        " summary, justification, prev_hash, hash, key_id, lane)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [*fields.values(), last.hash, digest, key_id, last.lane],
    )
    AuditHead.objects.filter(pk=last.lane).update(last_hash=digest)
    return AuditEvent.objects.order_by("id").last()
