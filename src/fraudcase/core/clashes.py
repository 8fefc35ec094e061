"""Is a database error a clash with another writer (told to the user), or a bug (raised)?

Two imports of the same package at once: the one that commits second meets the other's rows
(a unique violation), waits on them and is chosen to end a deadlock, or - on SQLite, where one
writer holds the whole database - finds the database locked. Those are clashes: nothing of the
loser's work was written, and it is told so. Anything else the database says is a bug and must
not be hidden as a clash, whatever words its message happens to contain.

Decided by the driver's own code, never by words in the message, except where the driver gives
no code (a SQLite error made without one).
"""

import sqlite3

# PostgreSQL SQLSTATEs (Appendix A of its manual), read from psycopg's `sqlstate`.
UNIQUE_VIOLATION = "23505"
DEADLOCK_DETECTED = "40P01"
SERIALIZATION_FAILURE = "40001"
CLASH_SQLSTATES = frozenset({UNIQUE_VIOLATION, DEADLOCK_DETECTED, SERIALIZATION_FAILURE})

# SQLite extended result codes, read from sqlite3's `sqlite_errorname` (Python 3.11+).
SQLITE_UNIQUE = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})


def is_clash(error: BaseException) -> bool:
    """True when `error` (Django's wrapper, or the driver's own exception) says another writer
    got there first: a unique violation, a deadlock or serialization failure (PostgreSQL), a
    unique violation or a locked database (SQLite). False for anything else."""
    driver = error.__cause__ if error.__cause__ is not None else error  # Django wraps the driver's
    sqlstate = getattr(driver, "sqlstate", None)
    if sqlstate is not None:  # psycopg
        return sqlstate in CLASH_SQLSTATES
    if isinstance(driver, sqlite3.Error):
        return _sqlite_clash(driver)
    return False


def _sqlite_clash(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "")
    if isinstance(error, sqlite3.IntegrityError):
        return name in SQLITE_UNIQUE if name else str(error).startswith("UNIQUE constraint")
    if isinstance(error, sqlite3.OperationalError):
        # SQLITE_BUSY (and its extended codes): another connection holds the write lock;
        # SQLITE_LOCKED_SHAREDCACHE: the same, between connections sharing one cache (the
        # in-memory database of the tests). Plain SQLITE_LOCKED is a conflict within one
        # connection: a bug.
        if name:
            return name.startswith("SQLITE_BUSY") or name == "SQLITE_LOCKED_SHAREDCACHE"
        return str(error) == "database is locked"
    return False
