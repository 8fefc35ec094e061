"""A spinner on standard error while a command's long step runs (rich, imported only if shown)."""

from contextlib import AbstractContextManager, nullcontext


def spinner(text: str, *, show: bool) -> AbstractContextManager[object]:
    """Rich's status spinner showing `text` when `show`, else a context that does nothing."""
    if not show:
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(text)
