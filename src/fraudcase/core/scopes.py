"""Memos that last one request or one computation: a context variable holding a dict while a
`fresh` block runs (None outside it), so code deep in a call reads a value once per block
rather than once per use (accounts.services.request_scope, performance.measures.sharing)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any


@contextmanager
def fresh(var: ContextVar[Any]) -> Iterator[None]:
    """While the block runs, `var` holds a new empty dict; afterwards what it held before."""
    token = var.set({})
    try:
        yield
    finally:
        var.reset(token)
