"""Tampering as an attacker with write access to the database (and, on PostgreSQL, owner rights
over the audit table, which lets them switch off its append-only trigger) could do it."""

import pytest
from django.db import connection


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
