"""The monthly pack as files: a PDF (fpdf2, charts as images from the same Vega-Lite specs as
the page) and an xlsx with a sheet per measure (xlsxwriter). The same tables as the dashboard.

The pack holds counts, not personal data: team names and labels are written as strings (never
formulas)."""

import io
import re
from typing import TYPE_CHECKING

import xlsxwriter
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from . import charts

if TYPE_CHECKING:
    from .registry import Scope
    from .services import Computed

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
_PLAIN = str.maketrans({"‘": "'", "’": "'", "–": "-", "—": "-", "£": "GBP "})  # noqa: RUF001


def _latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def title(scope: "Scope", team: str = "") -> str:
    month = scope.periods[0].label
    return f"Economic crime performance pack: {month}" + (f" ({team})" if team else "")


def pdf(computed: list["Computed"], scope: "Scope", team: str = "") -> bytes:
    document = FPDF(orientation="landscape", format="A4")
    document.set_title(title(scope, team))
    document.set_author(settings.FRAUDCASE_FORCE_NAME)
    document.set_auto_page_break(auto=True, margin=12)
    document.add_page()
    document.set_font("Helvetica", "B", 18)
    document.multi_cell(0, 10, _latin1(title(scope, team)), **NEXT_LINE)
    document.set_font("Helvetica", "", 10)
    document.multi_cell(
        0,
        6,
        _latin1(
            f"{settings.FRAUDCASE_FORCE_NAME}. Produced {timezone.localtime():%d %B %Y %H:%M}. "
            "Year to date is the financial year (April to March). OFFICIAL."
        ),
        **NEXT_LINE,
    )
    for c in computed:
        document.ln(4)
        if document.get_y() > 150:
            document.add_page()
        document.set_font("Helvetica", "B", 13)
        document.multi_cell(0, 8, _latin1(c.measure.title), **NEXT_LINE)
        if c.measure.note:
            document.set_font("Helvetica", "I", 9)
            document.multi_cell(0, 5, _latin1(c.measure.note), **NEXT_LINE)
        spec = c.measure.chart(c.table) if c.measure.chart else None
        if spec:
            image = charts.png(spec)
            document.image(io.BytesIO(image), w=150)
        _table(document, c.table)
    return bytes(document.output())


def _table(document: FPDF, table) -> None:  # type: ignore[no-untyped-def]
    if not table.rows:
        document.set_font("Helvetica", "", 9)
        document.multi_cell(0, 6, "Nothing in this period.", **NEXT_LINE)
        return
    width = document.epw
    first = min(90.0, width * 0.4) if len(table.columns) > 4 else width * 0.4
    rest = (width - first) / max(1, len(table.columns) - 1)
    widths = [first] + [rest] * (len(table.columns) - 1)
    document.set_font("Helvetica", "B", 8 if len(table.columns) > 6 else 9)
    with document.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True) as grid:
        header = grid.row()
        for column in table.columns:
            header.cell(_latin1(column))
        for row in table.rows:
            line = grid.row()
            for cell in row:
                line.cell(_latin1(str(cell)))
    document.set_font("Helvetica", "", 9)


def sheet_name(text: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\']", "", text)[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def xlsx(computed: list["Computed"], scope: "Scope") -> bytes:
    """A sheet per measure: its title, then its table (numbers as numbers)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    used: set[str] = set()
    for c in computed:
        sheet = book.add_worksheet(sheet_name(c.measure.title, used))
        sheet.write_string(0, 0, f"{c.measure.title}: {scope.periods[0].label}", bold)
        if c.measure.note:
            sheet.write_string(1, 0, c.measure.note)
        for col, column in enumerate(c.table.columns):
            sheet.write_string(3, col, column, bold)
        for r, row in enumerate(c.table.rows, start=4):
            for col, cell in enumerate(row):
                value = cell.value
                if isinstance(value, bool) or value is None:
                    sheet.write_blank(r, col, None)
                elif isinstance(value, int | float):
                    sheet.write_number(r, col, value)
                else:
                    sheet.write_string(r, col, str(value))
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, max(1, len(c.table.columns) - 1), 16)
    book.close()
    return buffer.getvalue()
