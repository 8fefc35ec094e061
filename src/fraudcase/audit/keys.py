"""The audit log's key, kept outside the database (docs/admin-guide.md, "Audit log").

`FRAUDCASE_AUDIT_KEY` in the environment, or the file `FRAUDCASE_AUDIT_KEY_FILE`. When neither
is set the key lives in `$FRAUDCASE_DATA_DIR/audit_key`, made (mode 0600) the first time an
entry is written, so a demo starts with one command.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import rules

MIN_KEY_CHARACTERS = 32


def key_file() -> Path:
    return Path(settings.AUDIT_KEY_FILE or Path(settings.DATA_DIR) / "audit_key")


def _checked(key: str, where: str) -> bytes:
    if len(key) < MIN_KEY_CHARACTERS:
        raise ImproperlyConfigured(
            f"The audit key in {where} is shorter than {MIN_KEY_CHARACTERS} characters"
        )
    return key.encode()


def _create(path: Path) -> None:
    """Write a new random key, readable by its owner only, unless another process just did."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
        os.link(draft, path)  # fails if another process made the key first; theirs is kept
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)


def signing_key(*, create: bool = True) -> bytes | None:
    """The key new entries and checkpoints are signed with; None if there is none and not `create`.

    Only the embedded default file is ever made: a key file named in the settings that is
    missing is a configuration error, never silently replaced by a new key.
    """
    if settings.AUDIT_KEY:
        return _checked(settings.AUDIT_KEY, "FRAUDCASE_AUDIT_KEY")
    path = key_file()
    if not path.exists():
        if settings.AUDIT_KEY_FILE:
            raise ImproperlyConfigured(
                f"The audit key file {path} (FRAUDCASE_AUDIT_KEY_FILE) is missing"
            )
        if not create:
            return None
        _create(path)
    return _checked(path.read_text().strip(), str(path))


def known_keys() -> dict[str, bytes]:
    """Key id -> key for every key this server holds (for checking entries and checkpoints)."""
    key = signing_key(create=False)
    return {rules.key_id(key): key} if key else {}
