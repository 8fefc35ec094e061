"""Scan an NFIB victim list: every row gets one vulnerability status, column-wise in DuckDB.

The rules are those of `victims/rules.py` (seed 001 §6, App. C), written once more as SQL so
that a million-row list is scanned in seconds; tests check that both agree row for row.
A bad list is rejected whole with every (row, column, problem) and no output is written.
"""

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import polars as pl

from fraudcase.intake.rules import DATE_FORMATS, VICTIM_TYPES
from fraudcase.tables import DEFAULT_PROFILE, FileRejected, Problem, Profile, read_text_table

from . import rules
from .rules import RESPONSES, SEARCH_TERMS, VulnerabilityStatus

DEFAULT_COLUMNS = [
    "nfrc", "report_date", "victim_type", "forename", "surname", "business_name", "dob",
    "postcode", "loss_gbp", "referred_for_investigation", "fraud_type", "contact_method",
    "segment", "narrative",
]  # fmt: skip
REQUIRED_COLUMNS = {"nfrc", "report_date", "victim_type", "dob"}
# Columns the rules read are trimmed; the rest are passed through as given.
TRIMMED = {
    "nfrc",
    "report_date",
    "victim_type",
    "forename",
    "surname",
    "dob",
    "referred_for_investigation",
    "segment",
    "loss_gbp",
}
OUTPUT_COLUMNS = [
    "nfrc", "report_date", "victim_type", "forename", "surname", "business_name", "dob",
    "postcode", "loss_gbp", "fraud_type", "status", "under_18", "dob_missing", "keywords",
    "response", "reasons", "repeat_reports",
]  # fmt: skip


LONDON = ZoneInfo("Europe/London")


def _profile(name: str) -> Profile:
    """The default profile needs no database, so a plain scan starts without Django's ORM."""
    if name == "default":
        return DEFAULT_PROFILE
    from fraudcase.intake.profiles import load_profile

    return load_profile(name, "victim_list")


@dataclass
class ScanResult:
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    under_18: int = 0
    dob_missing: int = 0
    repeat_victims: int = 0
    held_reports_checked: bool = False
    profile: str = "default"
    output: str = ""

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "counts": self.counts,
            "under_18": self.under_18,
            "dob_missing": self.dob_missing,
            "repeat_victims": self.repeat_victims,
            "held_reports_checked": self.held_reports_checked,
            "profile": self.profile,
            "output": self.output,
        }


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _date_sql(column: str, fmt: str) -> str:
    """A DATE from text: ISO by a fast cast, then each UK day-first format (or the profile's)."""
    text = f"split_part({column}, ' ', 1)"
    if fmt:
        return f"try_strptime({text}, {_sql_text(fmt)})::DATE"
    tries = ", ".join(
        f"try_strptime({text}, {_sql_text(f)})::DATE" for f in DATE_FORMATS if f != "%Y-%m-%d"
    )
    return f"coalesce(try_cast({text} AS DATE), {tries})"


def _load(con, path: Path, profile, original_name: str) -> None:
    """Create table `list` (default column names, typed columns) and view `list_rows`."""
    name = (original_name or path.name).lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            headings = [
                r[0]
                for r in con.execute(
                    "DESCRIBE SELECT * FROM read_csv(?, all_varchar=true, header=true)",
                    [str(path)],
                ).fetchall()
            ]
        except duckdb.Error as exc:
            raise FileRejected([Problem(0, "file", f"The file could not be read: {exc}")]) from exc
        source = "read_csv(?, all_varchar=true, header=true)"
        params = [str(path)]
    else:
        frame = read_text_table(path, original_name=original_name)
        con.register("xlsx_frame", frame)
        headings = frame.columns
        source = "xlsx_frame"
        params = []
    lookup = {h.strip().lower(): h for h in headings}
    selected, problems = [], []
    for column in DEFAULT_COLUMNS:
        heading = profile.column_map.get(column, column)
        actual = lookup.get(heading.lower())
        if actual is not None:
            quoted = '"' + actual.replace('"', '""') + '"'
            value = f"coalesce({quoted}, '')"
            selected.append(f"{'trim(' + value + ')' if column in TRIMMED else value} AS {column}")
        elif column in REQUIRED_COLUMNS:
            problems.append(
                Problem(
                    1, column, f"Missing required heading '{heading}' (profile '{profile.name}')"
                )
            )
        else:
            selected.append(f"'' AS {column}")
    if problems:
        raise FileRejected(problems, profile=profile.name)
    # One pass over the file: the text columns under their default names, then typed ones.
    # Insertion order is kept, so rowid + 2 is the row number a spreadsheet shows.
    type_map = {**VICTIM_TYPES, **profile.victim_type_map}
    cases = " ".join(
        f"WHEN {_sql_text(k.lower())} THEN {_sql_text(v)}" for k, v in type_map.items()
    )
    con.execute(
        f"""CREATE TEMP TABLE list AS SELECT *,
            {_date_sql("report_date", profile.date_format)} AS report_day,
            {_date_sql("dob", profile.date_format)} AS dob_day,
            TRY_CAST(replace(replace(loss_gbp, ',', ''), '£', '') AS DECIMAL(14, 2)) AS loss,
            CASE lower(victim_type) {cases} ELSE NULL END AS kind,
            lower(forename) AS fore_key, lower(surname) AS sur_key
        FROM (SELECT {", ".join(selected)} FROM {source})""",
        params,
    )
    con.execute("CREATE TEMP VIEW list_rows AS SELECT rowid + 2 AS row, * FROM list")


def _problems(con, today: date) -> list[Problem]:
    checks = [
        ("nfrc", "nfrc = ''", "'NFRC number is missing'"),
        ("report_date", "report_date = ''", "'Date is missing'"),
        ("report_date", "report_date <> '' AND report_day IS NULL",
         "'''' || report_date || ''' is not a real date'"),
        ("report_date", f"report_day > DATE '{today}'", "report_date || ' is in the future'"),
        ("dob", "dob <> '' AND dob_day IS NULL", "'''' || dob || ''' is not a real date'"),
        ("dob", "dob_day > report_day", "dob || ' is after the report date'"),
        ("loss_gbp", "loss_gbp <> '' AND loss IS NULL",
         "'''' || loss_gbp || ''' is not an amount of money'"),
        ("victim_type", "kind IS NULL",
         "'''' || victim_type || ''' is not a victim type (Individual, Business, Charity, "
         "Public body, Other organisation)'"),
        ("referred_for_investigation",
         "upper(referred_for_investigation) NOT IN ('', 'Y', 'N', 'YES', 'NO', 'TRUE', 'FALSE', "
         "'1', '0')", "'''' || referred_for_investigation || ''' is not Y or N'"),
    ]  # fmt: skip
    union = " UNION ALL ".join(
        f"SELECT row, '{column}' AS col, {message} AS problem FROM list_rows WHERE {condition}"
        for column, condition, message in checks
    )
    order = {c: i for i, c in enumerate(DEFAULT_COLUMNS)}
    found = con.execute(union).fetchall()
    return sorted((Problem(r, c, p) for r, c, p in found), key=lambda p: (p.row, order[p.column]))


def _held_reports(con, user, first: date, last: date) -> bool:
    """Register `held`: individual victims of reports this user may see, received in the window."""
    if user is None:
        con.execute(
            "CREATE TEMP TABLE held (fore_key VARCHAR, sur_key VARCHAR, dob_day DATE, "
            "received DATE)"
        )
        return False
    from fraudcase.intake.services import visible_reports

    start = datetime.combine(first - timedelta(days=366), time.min, tzinfo=LONDON)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=LONDON)
    rows = (
        visible_reports(user)
        .filter(
            received_at__gte=start,
            received_at__lt=end,
            victim__victim_type="individual",
            victim__dob__isnull=False,
        )
        .values_list("victim__forename", "victim__surname", "victim__dob", "received_at")
    )
    frame = pl.DataFrame(
        [(f.lower(), s.lower(), d, r.date()) for f, s, d, r in rows.iterator(chunk_size=20000)],
        schema={
            "fore_key": pl.String,
            "sur_key": pl.String,
            "dob_day": pl.Date,
            "received": pl.Date,
        },
        orient="row",
    )
    con.register("held_frame", frame)
    con.execute("CREATE TEMP TABLE held AS SELECT * FROM held_frame")
    return True


def scan_sql() -> str:
    """The SELECT that applies every rule of `rules.vulnerability_status` to table `list`."""
    term_cases = ", ".join(
        f"CASE WHEN contains(lower(narrative), {_sql_text(t.lower())}) THEN {_sql_text(t)} END"
        for t in SEARCH_TERMS
    )
    segments = ", ".join(_sql_text(s) for s in rules.VULNERABLE_SEGMENTS)
    responses = " ".join(
        f"WHEN {_sql_text(s.value)} THEN {_sql_text(r)}" for s, r in RESPONSES.items()
    )
    return f"""
    WITH base AS (
        SELECT *,
            upper(referred_for_investigation) IN ('Y', 'YES', 'TRUE', '1') AS referred,
            kind = 'individual' AS individual,
            CASE WHEN kind = 'individual' AND dob_day IS NOT NULL THEN
                date_diff('year', dob_day, report_day)
                - CASE WHEN (month(report_day), day(report_day)) < (month(dob_day), day(dob_day))
                  THEN 1 ELSE 0 END
            END AS age,
            concat_ws(';', {term_cases}) AS keywords,
            regexp_matches(lower(contact_method), {_sql_text(rules.DIRECT_CONTACT_METHOD)})
              OR regexp_matches(lower(narrative), {_sql_text(rules.DIRECT_CONTACT_NARRATIVE)})
              AS direct_contact,
            CASE WHEN kind = 'individual' AND dob_day IS NOT NULL AND (fore_key <> ''
                      OR sur_key <> '')
                 THEN count(*) OVER (PARTITION BY fore_key, sur_key, dob_day) ELSE 1 END
              AS in_list
        FROM list_rows
    ), counted AS (
        SELECT base.*, coalesce(h.n, 0) AS held_n FROM base LEFT JOIN (
            SELECT b.row, count(*) AS n FROM base b JOIN held h
              ON h.fore_key = b.fore_key AND h.sur_key = b.sur_key AND h.dob_day = b.dob_day
             AND h.received <= b.report_day AND h.received > b.report_day - INTERVAL 12 MONTH
            WHERE b.individual GROUP BY b.row
        ) h USING (row)
    ), decided AS (
        SELECT *,
            in_list > 1 OR held_n > 0 AS repeat,
            coalesce(age < {rules.ADULT}, false) AS under_18,
            CASE
                WHEN referred THEN 'REFERRED'
                WHEN NOT individual THEN 'BUSINESS'
                WHEN age >= {rules.AGE_VS4} THEN 'VS4'
                WHEN age >= {rules.AGE_VS3} THEN 'VS3'
                WHEN in_list > 1 OR held_n > 0 OR direct_contact THEN 'VS2'
                WHEN upper(segment) IN ({segments}) OR keywords <> ''
                     OR coalesce(age < {rules.ADULT}, false) THEN 'VS1'
                ELSE 'NONE'
            END AS status
        FROM counted
    )
    SELECT row, nfrc, report_date, victim_type, forename, surname, business_name, dob, postcode,
        loss_gbp, fraud_type, status, under_18,
        individual AND dob_day IS NULL AS dob_missing,
        keywords,
        CASE status {responses} END AS response,
        concat_ws('; ',
            CASE WHEN referred THEN 'Referred to the force for investigation' END,
            CASE WHEN NOT individual THEN 'Not an individual (' || victim_type || ')' END,
            CASE WHEN age IS NOT NULL THEN 'Aged ' || age || ' on the report date' END,
            CASE WHEN individual AND dob_day IS NULL THEN 'No date of birth' END,
            CASE WHEN in_list > 1 THEN 'Repeat victim: ' || in_list || ' reports in this list' END,
            CASE WHEN held_n > 0 THEN 'Repeat victim: ' || held_n
                 || ' reports already held in the last 12 months' END,
            CASE WHEN direct_contact THEN 'Direct contact with the fraudster'
                 || CASE WHEN contact_method <> '' THEN ' (' || contact_method || ')' ELSE '' END
                 END,
            CASE WHEN upper(segment) IN ({segments}) THEN 'Home Office segment '
                 || upper(segment) END,
            CASE WHEN keywords <> '' THEN 'Search terms in the narrative: '
                 || replace(keywords, ';', ', ') END,
            CASE WHEN under_18 THEN 'Under 18: tell the victim care unit' END
        ) AS reasons,
        in_list + held_n - 1 AS repeat_reports
    FROM decided
    ORDER BY row
    """


NEUTRALISE = (
    "CASE WHEN left({c}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || {c} ELSE {c} END"
)
TEXT_OUTPUTS = {
    "nfrc",
    "report_date",
    "victim_type",
    "forename",
    "surname",
    "business_name",
    "dob",
    "postcode",
    "loss_gbp",
    "fraud_type",
    "keywords",
    "reasons",
}


def _safe_select() -> str:
    """The output columns with spreadsheet formulas neutralised in every text cell."""
    return ", ".join(
        (NEUTRALISE.format(c=c) + f" AS {c}") if c in TEXT_OUTPUTS else c for c in OUTPUT_COLUMNS
    )


def _prepare(path: Path, *, user, profile_name: str, original_name: str, today: date | None):
    """Load and check a list; return the connection ready for `scan_sql` and the result so far."""
    today = today or datetime.now(LONDON).date()
    profile = _profile(profile_name)
    con = duckdb.connect(config={"threads": os.cpu_count() or 2})
    con.execute("SET enable_progress_bar = false")
    _load(con, path, profile, original_name)
    problems = _problems(con, today)
    if problems:
        raise FileRejected(problems, profile=profile.name)
    first, last = con.execute("SELECT min(report_day), max(report_day) FROM list").fetchall()[0]
    if first is None:
        raise FileRejected([Problem(2, "file", "The list has no rows")], profile=profile.name)
    result = ScanResult(profile=profile.name)
    result.held_reports_checked = _held_reports(con, user, first, last)
    return con, result


def scan_to_frame(
    path: Path,
    *,
    user=None,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
) -> tuple[ScanResult, pl.DataFrame]:
    """Scan a list into a frame (one row per input row, as stored; not neutralised)."""
    con, result = _prepare(
        path, user=user, profile_name=profile_name, original_name=original_name, today=today
    )
    frame = con.sql(f"SELECT * FROM ({_stored_sql()}) ORDER BY row").pl()
    con.register("scanned_frame", frame)
    _count(con, "scanned_frame", result)
    return result, frame


def _stored_sql() -> str:
    """The scan with the typed columns the workbench stores alongside the text."""
    return (
        scan_sql()
        .replace(
            "SELECT row, nfrc,",
            "SELECT row, report_day, dob_day, loss, referred, contact_method, "
            "segment, narrative, nfrc,",
            1,
        )
        .replace("ORDER BY row", "")
    )


def scan_victim_list(
    path: Path,
    *,
    out: Path,
    user=None,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
) -> ScanResult:
    """Scan a list and write `out` (.csv or .xlsx). Raises FileRejected; then nothing is written."""
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise FileRejected([Problem(0, "out", "The output file must end .csv or .xlsx")])
    con, result = _prepare(
        path, user=user, profile_name=profile_name, original_name=original_name, today=today
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, suffix=out.suffix)
    os.close(handle)
    try:
        query = f"SELECT {_safe_select()} FROM ({scan_sql()}) ORDER BY row"
        if out.suffix.lower() == ".csv":
            # Stream straight to the file, then count from its narrow columns: cheaper than
            # holding a million finished rows in memory.
            con.execute(f"COPY ({query}) TO {_sql_text(temp)} (HEADER, DELIMITER ',')")
            source = (
                f"read_csv({_sql_text(temp)}, header=true, all_varchar=true)"
                if os.path.getsize(temp)
                else "(SELECT NULL AS status WHERE false)"
            )
            _count(con, source, result)
        else:
            frame = con.sql(query).pl()
            con.register("scanned_frame", frame)
            _count(con, "scanned_frame", result)
            frame.write_excel(temp, autofit=False)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    result.output = str(out)
    return result


def _count(con, source: str, result: ScanResult) -> None:
    rows = con.execute(
        f"SELECT status, count(*), count(*) FILTER (under_18::BOOLEAN), "
        f"count(*) FILTER (dob_missing::BOOLEAN), "
        f"count(*) FILTER (repeat_reports::INTEGER > 0) FROM {source} GROUP BY status"
    ).fetchall()
    counts = {status: n for status, n, *_ in rows}
    result.counts = {s.value: counts.get(s.value, 0) for s in VulnerabilityStatus}
    result.rows = sum(r[1] for r in rows)
    result.under_18 = sum(r[2] for r in rows)
    result.dob_missing = sum(r[3] for r in rows)
    result.repeat_victims = sum(r[4] for r in rows)
