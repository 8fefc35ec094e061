"""Reading csv and xlsx files into all-text polars frames under the default column names.

Shared by every import (NFIB packages, victim lists): the file's headings are mapped onto the
default columns by an import profile, and every problem is reported as (row, column, problem)
with the row number a spreadsheet shows (the heading is row 1).
"""

import codecs
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fraudcase.core.errors import FileRejected, Problem
from fraudcase.core.formats import DATE_FORMATS

# A cell starting with one of these runs as a formula in spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = r"^[=+\-@\t\r]"


@dataclass(frozen=True)
class Profile:
    """How a file's headings and spellings map onto the default columns (intake/profiles.py)."""

    name: str
    column_map: dict[str, str]
    date_format: str
    victim_type_map: dict[str, str]


DEFAULT_PROFILE = Profile("default", {}, "", {})


def read_text_table(
    path: Path,
    *,
    original_name: str = "",
    strip: set[str] | None = None,
    skip: set[str] | None = None,
) -> pl.DataFrame:
    """Read a csv or xlsx file with every cell as text (empty cells as ""); headings trimmed.

    Cells are stripped of surrounding spaces: all of them, or only the headings in `strip`.
    Headings in `skip` (lower case) are not read from a csv at all. A csv that is not valid
    UTF-8 (Windows exports) has its other bytes read as Windows-1252, so "José" stays "José";
    a byte that is neither is refused with its row named, never replaced.

    The file is first held to the caps of `fraudcase.core.filelimits` (what an xlsx unpacks to, a
    csv's size, the number of rows): FileRejected before any reader takes the memory.
    """
    from fraudcase.core import filelimits

    name = (original_name or path.name).lower()
    limit = filelimits.limits()
    try:
        if name.endswith((".xlsx", ".xlsm", ".xls")):
            filelimits.check_spreadsheet(path, limit)
            frame = pl.read_excel(path, engine="calamine", infer_schema_length=0)
        elif name.endswith((".csv", ".txt")):
            filelimits.check_csv(path, limit)
            # One row more than allowed is enough to know the file has too many.
            try:
                frame = _read_csv(path, skip, limit.rows + 1)
            except pl.exceptions.ComputeError:
                frame = _read_csv(
                    io.BytesIO(_windows_text(path.read_bytes())), skip, limit.rows + 1
                )
        else:
            raise FileRejected([Problem(0, "file", "The file must be .csv or .xlsx")])
    except FileRejected:
        raise
    except Exception as exc:  # polars/calamine raise many types for a broken file
        raise FileRejected([Problem(0, "file", f"The file could not be read: {exc}")]) from exc
    filelimits.check_rows(frame.height, limit)
    frame = frame.rename({c: c.strip() for c in frame.columns})
    frame = frame.with_columns(pl.all().cast(pl.String).fill_null(""))
    wanted = frame.columns if strip is None else [c for c in frame.columns if c.lower() in strip]
    return strip_padded(frame, wanted)


def _read_csv(source: Path | io.BytesIO, skip: set[str] | None, n_rows: int) -> pl.DataFrame:
    """Read strictly as UTF-8 (polars raises ComputeError on any other byte)."""
    if not skip:
        return pl.read_csv(source, infer_schema=False, n_rows=n_rows)
    headings = pl.read_csv(source, infer_schema=False, n_rows=0).columns
    if isinstance(source, io.BytesIO):
        source.seek(0)
    wanted = [h for h in headings if h.strip().lower() not in skip]
    return pl.read_csv(source, infer_schema=False, columns=wanted, n_rows=n_rows)


class _NotText(Exception):
    def __init__(self, position: int, byte: int):
        super().__init__(position, byte)
        self.position = position
        self.byte = byte


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    try:
        return bytes(bad).decode("cp1252"), error.end
    except UnicodeDecodeError:
        raise _NotText(error.start, bad[0]) from None


codecs.register_error("fraudcase-windows-1252", _windows_1252)


def _windows_text(data: bytes) -> bytes:
    """UTF-8 bytes for a file saved partly or wholly in Windows-1252 (Excel's "CSV" on Windows).

    Valid UTF-8 is kept as it is; every other byte is read as Windows-1252. A byte that
    Windows-1252 does not define either (0x81, 0x8D, 0x8F, 0x90, 0x9D) refuses the file,
    naming its row (the heading is row 1; a cell written over several lines counts each).
    """
    try:
        return data.decode("utf-8", errors="fraudcase-windows-1252").encode("utf-8")
    except _NotText as bad:
        row = data.count(b"\n", 0, bad.position) + 1
        raise FileRejected(
            [
                Problem(
                    row,
                    "file",
                    f"Row {row} has a byte (0x{bad.byte:02X}) that is neither UTF-8 nor "
                    "Windows-1252 text: save the file as 'CSV UTF-8' and import it again",
                )
            ]
        ) from None


NUL = "\x00"


def nul_problems(frame: pl.DataFrame, columns: list[str]) -> list[Problem]:
    """A Problem for each cell of `columns` holding a NUL character (no database stores it).

    One cheap look per column (a byte search); only a column with a NUL is looked at again."""
    columns = [c for c in columns if c in frame.columns and frame.schema[c] == pl.String]
    if not columns or frame.height == 0:
        return []
    hits = frame.select(pl.col(c).str.contains(NUL, literal=True).any() for c in columns).row(0)
    problems = []
    for column, hit in zip(columns, hits, strict=True):
        if hit:
            rows = frame.filter(pl.col(column).str.contains(NUL, literal=True))["row"].to_list()
            problems += [
                Problem(
                    row,
                    column,
                    "The cell has a NUL character (\\x00), which is not "
                    "text: remove it and import the file again",
                )
                for row in rows
            ]
    return problems


def strip_padded(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Strip surrounding spaces, rewriting only the columns that have any (most have none).

    Returns `frame` itself when no cell is padded."""
    if not columns or frame.height == 0:
        return frame
    stripped = (
        pl.col(c).str.len_bytes() != pl.col(c).str.strip_chars().str.len_bytes() for c in columns
    )
    padded = frame.lazy().select(e.any() for e in stripped).collect().row(0)
    dirty = [c for c, has in zip(columns, padded, strict=True) if has]
    return frame.with_columns(pl.col(dirty).str.strip_chars()) if dirty else frame


def apply_profile(
    frame: pl.DataFrame,
    profile: Profile,
    *,
    columns: list[str],
    required: set[str],
    empty: str = "",
) -> pl.DataFrame:
    """Rename the file's headings to the default `columns` by the profile's map; add absent
    optional ones as ""; number the rows as a spreadsheet does (`row`, from 2).

    Raises FileRejected naming every missing required heading and the profile used, or, given
    `empty` (the words for it), when the file has no rows.
    """
    default_columns, column_map, profile_name = columns, profile.column_map, profile.name
    lookup = {c.lower(): c for c in frame.columns}
    selected = []
    problems = []
    for column in default_columns:
        heading = column_map.get(column, column)
        actual = lookup.get(heading.lower())
        if actual is not None:
            selected.append(pl.col(actual).alias(column))
        elif column in required:
            problems.append(
                Problem(
                    1, column, f"Missing required heading '{heading}' (profile '{profile_name}')"
                )
            )
        else:
            selected.append(pl.lit("").alias(column))
    if problems:
        raise FileRejected(problems, profile=profile_name)
    if empty and frame.height == 0:
        raise FileRejected([Problem(2, "file", empty)], profile=profile_name)
    return frame.select(selected).with_row_index("row", offset=2)


def formula_columns(frame: pl.DataFrame, names: list[str]) -> list[str]:
    """Which of `names` hold a cell that starts like a spreadsheet formula: one cheap pass."""
    if not names or frame.height == 0:
        return []
    hits = frame.select(pl.col(c).str.contains(FORMULA_PATTERN).any() for c in names).row(0)
    return [c for c, hit in zip(names, hits, strict=True) if hit]


def neutralised(column: str) -> pl.Expr:
    """The column with every formula-like cell prefixed by an apostrophe (shown as text)."""
    return pl.col(column).str.replace(FORMULA_PATTERN, "'$0")


def neutralise_frame(frame: pl.DataFrame, columns: list[str] | None = None) -> pl.DataFrame:
    """Column-wise formula neutralisation for bulk exports: every text column, or `columns`.

    Only the columns that hold a cell starting like a formula are rewritten: finding them is
    one cheap pass, rewriting a million-row column is not.
    """
    names = columns or [c for c, dtype in frame.schema.items() if dtype == pl.String]
    dirty = formula_columns(frame, names)
    return frame.with_columns(neutralised(c) for c in dirty) if dirty else frame


def date_expr(column: str, fmt: str = "") -> pl.Expr:
    """A Date column from text, in the profile's format or ISO then UK day-first; null if none.

    Spreadsheets give dates as "2026-10-05 00:00:00": the time is dropped first.
    """
    text = pl.col(column).str.replace(r"\s.*$", "")
    formats = (fmt,) if fmt else DATE_FORMATS
    return pl.coalesce([text.str.strptime(pl.Date, f, strict=False) for f in formats])


def first_date_expr(column: str, fmt: str = "") -> pl.Expr:
    """`date_expr` in its first format only (the profile's, or ISO): most lists need no more.

    `complete_dates` then tries the other formats where this left a written cell empty."""
    if fmt:
        return date_expr(column, fmt)
    return pl.col(column).str.strptime(pl.Date, DATE_FORMATS[0], strict=False)


def complete_dates(frame: pl.DataFrame, dates: dict[str, str], fmt: str = "") -> pl.DataFrame:
    """Finish `first_date_expr` columns (`dates`: date column -> text column) with `date_expr`,
    only for columns where a written cell did not parse."""
    if fmt:
        return frame
    for name, text in dates.items():
        if (frame[name].is_null() & (frame[text] != "")).any():
            parsed = frame.select(date_expr(text).alias(name)).to_series()
            frame = frame.replace_column(frame.get_column_index(name), parsed)
    return frame
