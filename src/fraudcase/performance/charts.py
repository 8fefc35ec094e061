"""Charts as Vega-Lite specs rendered to SVG on the server with vl-convert (STYLE.md), so the
same chart is in the page and in the PDF. Each chart sits beside its data table, which is what
a screen reader reads: the SVG is marked as an image with a text alternative.

vl-convert bundles the Vega engine and needs no network; its first render in a process takes
about a second (the engine starting), later ones about 0.1 s.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .registry import Table

WIDTH = 560
HEIGHT = 220
# GOV.UK colours with enough contrast against white.
PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#505a5f", "#912b88"]


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def bars(table: "Table") -> dict | None:
    """Horizontal bars: each row's first figure (the month), the "All" total left out."""
    values = [
        {"label": row[0].value, "value": _number(row[1].value) or 0}
        for row in table.rows
        if not str(row[0].value).startswith("All ")
    ]
    if not values:
        return None
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH - 200,
        "height": {"step": 22},
        "data": {"values": values},
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "title": table.columns[1]},
        },
    }


def trend_lines(table: "Table") -> dict | None:
    """A line per row across the month columns."""
    values = [
        {"series": row[0].value, "month": column, "value": _number(cell.value) or 0}
        for row in table.rows
        for column, cell in zip(table.columns[1:], row[1:], strict=False)
    ]
    if not values:
        return None
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH - 160,
        "height": HEIGHT,
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "sort": None, "title": None},
            "y": {"field": "value", "type": "quantitative", "title": "Reports"},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"range": PALETTE},
            },
        },
    }


def svg(spec: dict) -> str:
    """The chart as an SVG document (vl-convert: no browser, no network)."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec))


def png(spec: dict, scale: float = 2) -> bytes:
    """The chart as a PNG, for the PDF."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(spec, scale=scale))
