"""Lists to csv and xlsx, with spreadsheet formulas neutralised (OWASP CSV injection)."""

import io

import polars as pl
from django.http import HttpResponse

from .tables import neutralise_frame

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def frame_bytes(frame: pl.DataFrame, fmt: str) -> bytes:
    """The frame as a csv or xlsx file's bytes, cells that could run as formulas neutralised."""
    safe = neutralise_frame(frame)
    buffer = io.BytesIO()
    if fmt == "xlsx":
        safe.write_excel(buffer, autofit=True)
    else:
        safe.write_csv(buffer)
    return buffer.getvalue()


def download(frame: pl.DataFrame, filename: str, fmt: str) -> HttpResponse:
    """The frame as a file download (csv unless `fmt` is xlsx)."""
    fmt = fmt if fmt in CONTENT_TYPES else "csv"
    response = HttpResponse(frame_bytes(frame, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
