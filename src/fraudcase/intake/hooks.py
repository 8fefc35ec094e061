"""What a higher app may ask intake to call (docs/architecture.md "How a lower app reaches a
higher one"): kept apart from the import itself so that registering loads nothing heavy."""

from collections.abc import Callable
from typing import Any

# hook(local_references, user, progress): called once a package's new reports are committed,
# with their local references, the importing user (None for the system) and the import's
# progress function (stage, percent). Linking registers one: the new reports join series.
AfterImport = Callable[[list[str], Any, Callable[[str, int], None]], None]
AFTER_IMPORT: list[AfterImport] = []


def after_import(hook: AfterImport) -> AfterImport:
    """Call `hook` after every NFIB package import that recorded new reports."""
    if hook not in AFTER_IMPORT:
        AFTER_IMPORT.append(hook)
    return hook
