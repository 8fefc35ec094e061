"""Reading csv and xlsx files into all-text polars frames under the default column names.

Shared by every import (NFIB packages, victim lists): the file's headings are mapped onto the
default columns by an import profile, and every problem is reported as (row, column, problem)
with the row number a spreadsheet shows (the heading is row 1).
"""

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
    UTF-8 (Windows exports) is read with bad bytes replaced.
    """
    name = (original_name or path.name).lower()
    try:
        if name.endswith((".xlsx", ".xlsm", ".xls")):
            frame = pl.read_excel(path, engine="calamine", infer_schema_length=0)
        elif name.endswith((".csv", ".txt")):
            try:
                frame = _read_csv(path, skip, "utf8")
            except pl.exceptions.ComputeError:
                frame = _read_csv(path, skip, "utf8-lossy")
        else:
            raise FileRejected([Problem(0, "file", "The file must be .csv or .xlsx")])
    except FileRejected:
        raise
    except Exception as exc:  # polars/calamine raise many types for a broken file
        raise FileRejected([Problem(0, "file", f"The file could not be read: {exc}")]) from exc
    frame = frame.rename({c: c.strip() for c in frame.columns})
    frame = frame.with_columns(pl.all().cast(pl.String).fill_null(""))
    wanted = frame.columns if strip is None else [c for c in frame.columns if c.lower() in strip]
    return strip_padded(frame, wanted)


def _read_csv(path: Path, skip: set[str] | None, encoding: str) -> pl.DataFrame:
    if not skip:
        return pl.read_csv(path, infer_schema=False, encoding=encoding)
    headings = pl.read_csv(path, infer_schema=False, n_rows=0, encoding=encoding).columns
    wanted = [h for h in headings if h.strip().lower() not in skip]
    return pl.read_csv(path, infer_schema=False, columns=wanted, encoding=encoding)


def strip_padded(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Strip surrounding spaces, rewriting only the columns that have any (most have none).

    Returns `frame` itself when no cell is padded."""
    if not columns or frame.height == 0:
        return frame
    stripped = (pl.col(c).str.len_bytes() != pl.col(c).str.strip_chars().str.len_bytes()
                for c in columns)  # fmt: skip
    padded = frame.lazy().select(e.any() for e in stripped).collect().row(0)
    dirty = [c for c, has in zip(columns, padded, strict=True) if has]
    return frame.with_columns(pl.col(dirty).str.strip_chars()) if dirty else frame


def apply_profile(
    frame: pl.DataFrame,
    *,
    default_columns: list[str],
    required: set[str],
    column_map: dict[str, str],
    profile_name: str,
) -> pl.DataFrame:
    """Rename the file's headings to the default columns; add absent optional ones as "".

    Raises FileRejected naming every missing required heading and the profile used.
    """
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
