"""How much an imported file may hold, checked before any reader (fastexcel, polars) opens it.

An xlsx is a zip: a 1.5 MB file can unpack to gigabytes (a "zip bomb"), and the readers
unpack it all in memory. `check_spreadsheet` looks at the zip first: the sizes its directory
declares, then the bytes it really inflates to (a directory can lie), a piece at a time so
that memory stays flat, counting the sheet's rows on the way. A csv is not compressed, so its
size on disk and its row count are what is capped.

Limits come from Django settings when Django is running, otherwise from the same
FRAUDCASE_* environment variables, so `fraudcase victims scan` obeys them without Django.
"""

import copy
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from fraudcase.core.errors import FileRejected, Problem

MB = 1024 * 1024
CHUNK = MB
# A member that unpacks to less than this is not judged on its compression ratio: tiny
# files (styles, an empty sheet) compress by any amount.
RATIO_FLOOR = 10 * MB
DEFAULTS = {
    "FRAUDCASE_MAX_XLSX_EXPANDED_BYTES": 800 * MB,
    "FRAUDCASE_MAX_XLSX_RATIO": 200,
    "FRAUDCASE_MAX_CSV_BYTES": 1024 * MB,
    "FRAUDCASE_MAX_IMPORT_ROWS": 2_000_000,
}
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_ROWS = (b"<row ", b"<row>")


@dataclass(frozen=True)
class Limits:
    expanded_bytes: int
    ratio: int
    csv_bytes: int
    rows: int


def limits() -> Limits:
    """The caps in force: Django's settings if configured, else the environment, else defaults."""
    values = {}
    for name, default in DEFAULTS.items():
        value = None
        try:
            from django.conf import settings

            if settings.configured:
                value = getattr(settings, name, None)
        except ImportError:  # pragma: no cover - Django is always installed with fraudcase
            pass
        values[name] = int(value if value is not None else os.environ.get(name, default))
    return Limits(
        expanded_bytes=values["FRAUDCASE_MAX_XLSX_EXPANDED_BYTES"],
        ratio=values["FRAUDCASE_MAX_XLSX_RATIO"],
        csv_bytes=values["FRAUDCASE_MAX_CSV_BYTES"],
        rows=values["FRAUDCASE_MAX_IMPORT_ROWS"],
    )


def _refuse(message: str) -> FileRejected:
    return FileRejected([Problem(0, "file", message)])


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= MB else f"{size / MB:,.1f} MB"


def _too_big(total: int, cap: int) -> FileRejected:
    return _refuse(
        f"The spreadsheet expands to {_mb(total)}, more than the {_mb(cap)} allowed (an xlsx "
        "is compressed: this is what it unpacks to): split it into smaller files or save it "
        "as .csv"
    )


def _too_many_rows(rows: int, cap: int) -> FileRejected:
    return _refuse(
        f"The file has {rows:,} rows, more than the {cap:,} allowed: split it into smaller files"
    )


def check_spreadsheet(source: Path | IO[bytes], limit: Limits | None = None) -> None:
    """Refuse an xlsx that unpacks to more than the caps allow, before anything reads it.

    `source` is a path or a binary file object (left at its start). Raises FileRejected with
    one problem for the whole file; returns None when the file is within the limits or is not
    a zip at all (the reader then says what is wrong with it).
    """
    limit = limit or limits()
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        try:
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError):
            return
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            declared = sum(m.file_size for m in members)
            if declared > limit.expanded_bytes:
                raise _too_big(declared, limit.expanded_bytes)
            packed = sum(m.compress_size for m in members)
            if declared > RATIO_FLOOR and declared > limit.ratio * max(packed, 1):
                raise _refuse(
                    f"The spreadsheet expands {declared // max(packed, 1):,} times over when "
                    f"unpacked ({_mb(declared)}), more than the {limit.ratio} times allowed: "
                    "it may be a zip bomb. Save it again from the spreadsheet program"
                )
            _inflate_counting(archive, members, limit)
    except zipfile.BadZipFile as error:
        raise _refuse(f"The spreadsheet is damaged and cannot be read ({error})") from None
    finally:
        if hasattr(source, "seek"):
            source.seek(0)


def _inflate_counting(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limit: Limits
) -> None:
    """Unpack every member a megabyte at a time, counting the real bytes and sheet rows.

    The directory's sizes are only claims: each member is read as if it might be as large as
    what is left of the allowance, so a member that lies about its size still stops at the cap.
    (A piece more than that: the reader stops at the size it is told, and checks the CRC there.)
    """
    total = 0
    for member in members:
        allowance = limit.expanded_bytes - total
        probe = copy.copy(member)
        probe.file_size = allowance + CHUNK + 1
        sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
        rows = 0
        tail = b""
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > limit.expanded_bytes:
                    raise _too_big(total, limit.expanded_bytes)
                if sheet:
                    if not rows and not tail and (found := _DIMENSION.search(chunk[:4096])):
                        declared_rows = int(found.group(1) or 1) - 1
                        if declared_rows > limit.rows:
                            raise _too_many_rows(declared_rows, limit.rows)
                    # A row tag split across two pieces is counted once, in the joined window.
                    window = tail + chunk
                    rows += sum(window.count(tag) for tag in _ROWS)
                    tail = window[-4:]
                    # The heading is row 1; rows of data are the rest.
                    if rows - 1 > limit.rows:
                        raise _too_many_rows(rows - 1, limit.rows)


def check_csv(path: Path, limit: Limits | None = None) -> None:
    """Refuse a csv larger than the cap on disk. Raises FileRejected."""
    limit = limit or limits()
    size = path.stat().st_size
    if size > limit.csv_bytes:
        raise _refuse(
            f"The file is {_mb(size)}, more than the {_mb(limit.csv_bytes)} allowed: "
            "split it into smaller files"
        )


def check_rows(rows: int, limit: Limits | None = None) -> None:
    """Refuse a file of more data rows than allowed (counted as it was read)."""
    limit = limit or limits()
    if rows > limit.rows:
        raise _too_many_rows(rows, limit.rows)
