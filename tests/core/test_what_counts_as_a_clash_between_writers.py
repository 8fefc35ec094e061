"""Two imports at once: the loser is told of a clash only when the database says another writer
got there first (by the driver's code: a unique violation, a deadlock, a serialization failure,
SQLite's lock), never because of a word in the message. Anything else is a bug, raised."""

import sqlite3

import psycopg.errors
import pytest
from django.db import utils

from fraudcase.core.clashes import is_clash

DEADLOCK = (
    "deadlock detected\nDETAIL: Process 4242 waits for ShareLock on transaction 917; "
    "blocked by process 4243."
)


def wrapped(django_error, driver_error):
    """As Django raises it: its own exception, the driver's as the cause."""
    try:
        try:
            raise driver_error
        except Exception as cause:
            raise django_error(*driver_error.args) from cause
    except utils.DatabaseError as raised:
        return raised


def sqlite_error(kind, message, name=None):
    error = kind(message)
    if name is not None:
        error.sqlite_errorname = name  # as sqlite3 sets it on the errors it raises (3.11+)
    return error


@pytest.mark.parametrize(
    ("django_error", "driver_error"),
    [
        (utils.IntegrityError, psycopg.errors.UniqueViolation("duplicate key value")),
        (utils.OperationalError, psycopg.errors.DeadlockDetected(DEADLOCK)),
        (utils.OperationalError, psycopg.errors.SerializationFailure("could not serialize")),
        (utils.OperationalError, psycopg.errors.DeadlockDetected("no words to go by")),
        (
            utils.IntegrityError,
            sqlite_error(
                sqlite3.IntegrityError, "UNIQUE constraint failed: x.y", "SQLITE_CONSTRAINT_UNIQUE"
            ),
        ),
        (utils.IntegrityError, sqlite_error(sqlite3.IntegrityError, "UNIQUE constraint failed")),
        (
            utils.OperationalError,
            sqlite_error(sqlite3.OperationalError, "database is locked", "SQLITE_BUSY"),
        ),
        (utils.OperationalError, sqlite_error(sqlite3.OperationalError, "database is locked")),
        (
            utils.OperationalError,
            sqlite_error(
                sqlite3.OperationalError, "database table is locked", "SQLITE_LOCKED_SHAREDCACHE"
            ),
        ),
    ],
)
def test_another_writer_first_is_a_clash(django_error, driver_error):
    assert is_clash(wrapped(django_error, driver_error))
    assert is_clash(driver_error)  # the driver's own exception, unwrapped


@pytest.mark.parametrize(
    ("django_error", "driver_error"),
    [
        # A bug whose message happens to say "locked" or "blocked" is not a clash.
        (utils.OperationalError, psycopg.errors.QueryCanceled("canceling statement: blocked")),
        (utils.OperationalError, psycopg.errors.LockNotAvailable("could not obtain lock: locked")),
        (utils.IntegrityError, psycopg.errors.NotNullViolation("null value in column")),
        (utils.IntegrityError, psycopg.errors.ForeignKeyViolation("violates foreign key")),
        (utils.DataError, psycopg.errors.StringDataRightTruncation("value too long")),
        (
            utils.IntegrityError,
            sqlite_error(
                sqlite3.IntegrityError,
                "NOT NULL constraint failed: x.y",
                "SQLITE_CONSTRAINT_NOTNULL",
            ),
        ),
        (
            utils.OperationalError,
            sqlite_error(sqlite3.OperationalError, "no such table: blocked", "SQLITE_ERROR"),
        ),
        (utils.OperationalError, sqlite_error(sqlite3.OperationalError, "table t is locked")),
        (
            utils.OperationalError,
            sqlite_error(sqlite3.OperationalError, "database table is locked", "SQLITE_LOCKED"),
        ),
    ],
)
def test_anything_else_is_not_a_clash(django_error, driver_error):
    assert not is_clash(wrapped(django_error, driver_error))
    assert not is_clash(driver_error)


def test_an_error_from_neither_driver_is_not_a_clash():
    assert not is_clash(utils.OperationalError("database is locked"))
    assert not is_clash(ValueError("locked"))
