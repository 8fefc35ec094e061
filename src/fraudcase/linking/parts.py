"""Parts a higher app adds to the series page, without linking importing it
(docs/architecture.md "How a lower app reaches a higher one"): `fraudcase.ocg` adds "Create an
OCG from this series" and "Add to an OCG".

A part is a function of (user, series) giving a dict with a "template" to include and its
context, or None when it has nothing for this user.
"""

from collections.abc import Callable
from typing import Any

SeriesPart = Callable[[Any, Any], dict[str, Any] | None]

_SERIES_PARTS: list[SeriesPart] = []


def register_series_part(part: SeriesPart) -> SeriesPart:
    """Called from a higher app's AppConfig.ready; registering twice is harmless."""
    if part not in _SERIES_PARTS:
        _SERIES_PARTS.append(part)
    return part


def series_parts(user: Any, series: Any) -> list[dict[str, Any]]:
    """The parts for this user's series page, in the order they were registered."""
    return [found for part in _SERIES_PARTS if (found := part(user, series))]
