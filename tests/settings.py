"""Settings for the test suite: the product's own, with what only slows tests down swapped out.

Passwords are hashed with a fast hasher (Argon2 is deliberately slow: every persona in every
test paid for it); nothing else differs, so the tests exercise the real configuration.
"""

from fraudcase.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only
# Imports started from a page run before the page answers (tests/jobs also runs the worker).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# On PostgreSQL, a commit need not wait for the disk in tests (a crash loses a test database,
# nothing else): the browser journeys and the tests that commit run faster.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
