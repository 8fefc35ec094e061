"""Scan an NFIB victim list: every row gets one vulnerability status, column-wise in polars.

The rules are those of `victims/rules.py` (seed 001 §6, App. C), written once more as polars
expressions so that a million-row list is scanned in seconds; a test checks that both agree
row for row. A bad list is rejected whole with every (row, column, problem) and no output is
written. Nothing here needs Django unless a user (for reports held) or a stored profile is given.
"""

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

import polars as pl

from fraudcase.core.errors import FileRejected, Problem
from fraudcase.core.formats import VICTIM_TYPES
from fraudcase.core.tables import (
    DEFAULT_PROFILE,
    Profile,
    apply_profile,
    complete_dates,
    first_date_expr,
    formula_columns,
    neutralised,
    nul_problems,
    read_text_table,
    strip_padded,
)

from . import rules
from .rules import RESPONSES, SEARCH_TERMS, VulnerabilityStatus

if TYPE_CHECKING:  # the scan runs without Django (ADR-0007): the user is only a type here
    from fraudcase.accounts.models import User

DEFAULT_COLUMNS = [
    "nfrc",
    "report_date",
    "victim_type",
    "forename",
    "surname",
    "business_name",
    "dob",
    "postcode",
    "loss_gbp",
    "referred_for_investigation",
    "fraud_type",
    "contact_method",
    "segment",
    "narrative",
]
REQUIRED_COLUMNS = {"nfrc", "report_date", "victim_type", "dob"}
# The output is the findings keyed by NFRC, row for row with the input: personal data the
# user already holds is not copied into another file unless asked (data minimisation, DPA 2018
# s.37) - which also keeps a million-row scan within its time budget.
FINDINGS = [
    "nfrc",
    "status",
    "under_18",
    "dob_missing",
    "keywords",
    "response",
    "reasons",
    "repeat_reports",
]
# The victim's details, copied to the output when asked: the list's columns but the NFRC
# (the output's first column anyway), the referral flag, contact method, segment and free text.
VICTIM_COLUMNS = [
    c
    for c in DEFAULT_COLUMNS
    if c not in {"nfrc", "referred_for_investigation", "contact_method", "segment", "narrative"}
]
OUTPUT_COLUMNS = ["nfrc", *VICTIM_COLUMNS, *FINDINGS[1:]]
# Read only to be copied to the output: no rule looks at them.
COPIED_ONLY = {"business_name", "postcode", "fraud_type"}
LONDON = ZoneInfo("Europe/London")
# An xlsx sheet holds 1,048,576 rows, the heading row included.
XLSX_MAX_ROWS = 1_048_575
KEY = ["fore_key", "sur_key", "dob_day"]
# What `_flags` adds to each row (`_texts` then puts the response and reasons in words).
FLAGS = [
    "referred",
    "individual",
    "age",
    "keywords",
    "direct_contact",
    "in_list",
    "segment_vulnerable",
    "said_before",
    "under_18",
    "dob_missing",
    "status",
    "repeat_reports",
]


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
    # Whose repeat-victim phrases were used: "defaults" (rules.REPEAT_PHRASES) or "database"
    # (the list an administrator edits).
    repeat_phrases: str = "defaults"

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "counts": self.counts,
            "under_18": self.under_18,
            "dob_missing": self.dob_missing,
            "repeat_victims": self.repeat_victims,
            "held_reports_checked": self.held_reports_checked,
            "profile": self.profile,
            "output": self.output,
            "repeat_phrases": self.repeat_phrases,
        }


def _profile(name: str) -> Profile:
    """The default profile needs no database, so a plain scan starts without Django's ORM."""
    if name == "default":
        return DEFAULT_PROFILE
    from fraudcase.intake.profiles import load_profile

    return load_profile(name, "victim_list")


# Cells the rules read are stripped of surrounding spaces; free text is passed through as given.
# These are stripped as they are read (a cheap look first: few lists have any)...
TRIMMED = {"nfrc", "forename", "surname", "segment", "contact_method"}
# ...and these only if the list fails its checks: a padded date, amount, victim type or
# referral flag does not pass them, so a clean list is not looked over twice.
CHECKED = ["report_date", "victim_type", "dob", "referred_for_investigation", "loss_gbp"]


def _stripped(profile: Profile) -> set[str]:
    return {profile.column_map.get(c, c).lower() for c in TRIMMED}


DATES = {"report_day": "report_date", "dob_day": "dob"}
NAMES = {"forename": "fore_key", "surname": "sur_key"}


def name_key_expr(column: str, clean: bool = True) -> pl.Expr:
    """`rules.name_key` as a column; `clean=False` when no name has a character it drops."""
    lowered = pl.col(column).str.to_lowercase()
    return lowered.str.replace_all(rules.NAME_IGNORED, "") if clean else lowered


def _name_key(frame: pl.DataFrame, column: str) -> pl.Expr:
    """Most names have nothing to drop: the look for one is cheaper than rewriting them all."""
    clean = frame[column].str.contains_any(list(rules.NAME_IGNORED_CHARACTERS)).any()
    return name_key_expr(column, clean=bool(clean))


def _typed(frame: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """The list with its cells typed alongside: dates, loss, victim kind, name keys."""
    type_map = {**VICTIM_TYPES, **{k.lower(): v for k, v in profile.victim_type_map.items()}}
    # A list has a handful of victim types, however written: each is looked up once.
    written = frame.lazy().select(pl.col("victim_type").unique()).collect().to_series()
    kinds = {text: type_map.get(text.lower()) for text in written.to_list()}
    typed = (
        frame.lazy()
        .select(
            *(
                first_date_expr(text, profile.date_format).alias(name)
                for name, text in DATES.items()
            ),
            pl.col("loss_gbp").cast(pl.Decimal(14, 2), strict=False).alias("loss"),
            pl.col("victim_type")
            .replace_strict(kinds, default=None, return_dtype=pl.String)
            .alias("kind"),
            *(_name_key(frame, name).alias(key) for name, key in NAMES.items()),
        )
        .collect()
    )
    # "£1,250.00" as typed by hand: read again without the symbols only if an amount failed.
    if (typed["loss"].is_null() & (frame["loss_gbp"] != "")).any():
        loss = frame.select(
            pl.col("loss_gbp")
            .str.replace_all(r"[£,]", "")
            .cast(pl.Decimal(14, 2), strict=False)
            .alias("loss")
        ).to_series()
        typed = typed.replace_column(typed.get_column_index("loss"), loss)
    # New columns only, put beside the list's own: nothing of the list is copied.
    return complete_dates(frame.hstack(typed.get_columns()), DATES, profile.date_format)


def _problems(frame: pl.DataFrame, today: date) -> list[Problem]:
    referred_ok = ["", "Y", "N", "YES", "NO", "TRUE", "FALSE", "1", "0"]
    col = pl.col
    checks: list[tuple[str, pl.Expr, pl.Expr]] = [
        ("nfrc", col("nfrc") == "", pl.lit("NFRC number is missing")),
        ("report_date", col("report_date") == "", pl.lit("Date is missing")),
        (
            "report_date",
            (col("report_date") != "") & col("report_day").is_null(),
            pl.format("'{}' is not a real date", col("report_date")),
        ),
        (
            "report_date",
            col("report_day") > today,
            pl.format("{} is in the future", col("report_date")),
        ),
        (
            "dob",
            (col("dob") != "") & col("dob_day").is_null(),
            pl.format("'{}' is not a real date", col("dob")),
        ),
        (
            "dob",
            col("dob_day") > col("report_day"),
            pl.format("{} is after the report date", col("dob")),
        ),
        (
            "loss_gbp",
            (col("loss_gbp") != "") & col("loss").is_null(),
            pl.format("'{}' is not an amount of money", col("loss_gbp")),
        ),
        ("loss_gbp", col("loss") < 0, pl.lit("A loss cannot be negative")),
        # Each row is one report: the same NFRC twice is a mistake in the list, and neither
        # row may be dropped in silence. Every row carrying it is named.
        (
            "nfrc",
            (col("nfrc") != "") & col("nfrc").is_duplicated(),
            pl.format(
                "{} is on more than one row ({}): each NFRC number belongs on one row",
                col("nfrc"),
                col("row").cast(pl.String).str.join(", ").over("nfrc"),
            ),
        ),
        (
            "victim_type",
            col("kind").is_null(),
            pl.format(
                "'{}' is not a victim type (Individual, Business, Charity, Public body, "
                "Other organisation)",
                col("victim_type"),
            ),
        ),
        (
            "referred_for_investigation",
            ~col("referred_for_investigation").str.to_uppercase().is_in(referred_ok),
            pl.format("'{}' is not Y or N", col("referred_for_investigation")),
        ),
    ]
    found = pl.concat(
        [
            frame.filter(condition.fill_null(False)).select(
                "row", pl.lit(column).alias("column"), message.alias("problem")
            )
            for column, condition, message in checks
        ]
    )
    order = {c: i for i, c in enumerate(DEFAULT_COLUMNS)}
    problems = [Problem(r, c, p) for r, c, p in found.iter_rows()]
    problems += nul_problems(frame, DEFAULT_COLUMNS)
    return sorted(problems, key=lambda p: (p.row, order[p.column]))


def _held_reports(user: "User | None", first: date, last: date) -> pl.DataFrame | None:
    """Individual victims of reports this user may see, received in the 12 months before."""
    if user is None:
        return None
    from fraudcase.reports.services import visible_reports

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
        .values_list("id", "victim__forename", "victim__surname", "victim__dob", "received_at")
    )
    held = pl.DataFrame(
        list(rows.iterator(chunk_size=20000)),
        schema={
            "report_id": pl.Int64,
            "forename": pl.String,
            "surname": pl.String,
            "dob_day": pl.Date,
            "received_at": pl.Datetime("us", "UTC"),
        },
        orient="row",
    )
    return held.select(
        "report_id",
        *(name_key_expr(name).alias(key) for name, key in NAMES.items()),
        "dob_day",
        pl.col("received_at").dt.convert_time_zone(str(LONDON)).dt.date().alias("received"),
    )


def _person_held(
    user: "User | None", frame: pl.DataFrame, first: date, last: date
) -> pl.DataFrame | None:
    """(nfrc, report_id, received) for reports held whose victim the person run linked to the
    victim of the report held under the row's NFRC number (linking.persons: despite a typo,
    case or a missing date of birth); None without a user."""
    if user is None:
        return None
    from fraudcase.linking.person_services import held_for_same_person

    start = datetime.combine(first - timedelta(days=366), time.min, tzinfo=LONDON)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=LONDON)
    rows = held_for_same_person(user, frame["nfrc"].to_list(), start, end)
    linked = pl.DataFrame(
        rows,
        schema={"nfrc": pl.String, "report_id": pl.Int64, "received_at": pl.Datetime("us", "UTC")},
        orient="row",
    )
    return linked.select(
        "nfrc",
        "report_id",
        pl.col("received_at").dt.convert_time_zone(str(LONDON)).dt.date().alias("received"),
    )


def _held_counts(
    frame: pl.DataFrame, held: pl.DataFrame | None, linked: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Per row, how many reports already held are of the same person in the 12 months before:
    the same name and date of birth, or the same person by the person run (`linked`), each
    report counted once."""
    if (held is None or held.height == 0) and (linked is None or linked.height == 0):
        return frame.with_columns(pl.lit(0, dtype=pl.UInt32).alias("held_n"))
    matched = []
    if held is not None and held.height:
        matched.append(
            frame.filter(pl.col("kind") == "individual")
            .select("row", "report_day", *KEY)
            .join(held, on=KEY, how="inner")
            .select("row", "report_day", "report_id", "received")
        )
    if linked is not None and linked.height:
        matched.append(
            frame.select("row", "report_day", "nfrc")
            .join(linked, on="nfrc", how="inner")
            .select("row", "report_day", "report_id", "received")
        )
    pairs = (
        pl.concat(matched)
        .filter(
            (pl.col("received") <= pl.col("report_day"))
            & (pl.col("received") > pl.col("report_day").dt.offset_by("-12mo"))
        )
        .unique(["row", "report_id"])
        .group_by("row")
        .agg(pl.len().cast(pl.UInt32).alias("held_n"))
    )
    return frame.join(pairs, on="row", how="left", maintain_order="left").with_columns(
        pl.col("held_n").fill_null(0)
    )


def _narrative_matches(frame: pl.DataFrame, phrases: Sequence[str]) -> list[pl.Series]:
    """The §6.6 search terms and the repeat-victim phrases in each narrative, as two columns.

    `keywords`: the terms in the seed's spelling and order, joined by ";". `said_before`: the
    phrases in the list's spelling and order, joined by ";". One Aho-Corasick pass finds both,
    in any case (the terms and phrases are plain ASCII); the few distinct combinations found,
    as written, are then spelled out once each."""
    terms = {t.lower(): i for i, t in enumerate(SEARCH_TERMS)}
    said = {p.lower(): i for i, p in enumerate(phrases)}
    patterns = list(dict.fromkeys([*terms, *said]))
    found = (
        frame.lazy()
        .select(
            pl.col("narrative")
            .str.extract_many(patterns, ascii_case_insensitive=True, overlapping=True)
            .list.join("|")
        )
        .collect()
        .to_series()
    )
    distinct = found.unique()
    matched = [{t.lower() for t in joined.split("|") if t} for joined in distinct.to_list()]

    def spelled(words: Sequence[str], place: dict[str, int]) -> pl.Series:
        return pl.Series(
            [
                ";".join(words[i] for i in sorted({place[t] for t in m if t in place}))
                for m in matched
            ],
            dtype=pl.String,
        )

    return [
        found.replace_strict(distinct, spelled(words, place), return_dtype=pl.String).alias(name)
        for name, words, place in (
            ("keywords", SEARCH_TERMS, terms),
            ("said_before", phrases, said),
        )
    ]


def _flags(frame: pl.DataFrame, phrases: Sequence[str] = rules.REPEAT_PHRASES) -> pl.DataFrame:
    """Apply every rule of `rules.vulnerability_status`, column-wise: the status and what it
    rests on (the `FLAGS` columns). The words for them are `_texts`."""
    col = pl.col
    individual = col("kind") == "individual"
    age = (
        col("report_day").dt.year().cast(pl.Int32)
        - col("dob_day").dt.year().cast(pl.Int32)
        - (
            (col("report_day").dt.month().cast(pl.Int32) * 100 + col("report_day").dt.day())
            < (col("dob_day").dt.month().cast(pl.Int32) * 100 + col("dob_day").dt.day())
        ).cast(pl.Int32)
    )
    keyed = (
        individual
        & col("dob_day").is_not_null()
        & ((col("fore_key") != "") | (col("sur_key") != ""))
    )
    lazy = frame.lazy().with_columns(_narrative_matches(frame, phrases))
    lazy = lazy.with_columns(
        col("referred_for_investigation")
        .str.to_uppercase()
        .is_in(["Y", "YES", "TRUE", "1"])
        .alias("referred"),
        individual.alias("individual"),
        pl.when(individual).then(age).alias("age"),
        (
            col("contact_method").str.contains("(?i)" + rules.DIRECT_CONTACT_METHOD)
            | col("narrative").str.contains("(?i)" + rules.DIRECT_CONTACT_NARRATIVE)
        ).alias("direct_contact"),
        pl.when(keyed).then(pl.len().over(KEY)).otherwise(1).cast(pl.UInt32).alias("in_list"),
        col("segment")
        .str.to_uppercase()
        .is_in(list(rules.VULNERABLE_SEGMENTS))
        .alias("segment_vulnerable"),
    )
    under_18 = col("age").fill_null(999) < rules.ADULT
    flags = (
        lazy.with_columns(
            under_18.alias("under_18"),
            (col("individual") & col("dob_day").is_null()).alias("dob_missing"),
            pl.when(col("referred"))
            .then(pl.lit("REFERRED"))
            .when(~col("individual"))
            .then(pl.lit("BUSINESS"))
            .when(col("age") >= rules.AGE_VS4)
            .then(pl.lit("VS4"))
            .when(col("age") >= rules.AGE_VS3)
            .then(pl.lit("VS3"))
            .when(
                (col("in_list") > 1)
                | (col("held_n") > 0)
                | (col("said_before") != "")
                | col("direct_contact")
            )
            .then(pl.lit("VS2"))
            .when(col("segment_vulnerable") | (col("keywords") != "") | under_18)
            .then(pl.lit("VS1"))
            .otherwise(pl.lit("NONE"))
            .alias("status"),
            (col("in_list") + col("held_n") - 1).alias("repeat_reports"),
        )
        .select(*FLAGS)
        .collect()
    )
    # Only the new columns come out of the query; the list's own columns are not copied.
    return frame.hstack(flags)


def _texts() -> list[pl.Expr]:
    """The likely response (App. C) and the reasons in words, from the `_flags` columns."""
    col = pl.col
    response = col("status").replace_strict(
        {s.value: r for s, r in RESPONSES.items()}, return_dtype=pl.String
    )
    # Each phrase is null where it does not apply (a null in, a null out) and left out.
    reasons = pl.concat_str(
        [
            pl.when(col("referred")).then(pl.lit("Referred to the force for investigation")),
            pl.format(
                "Not an individual ({})", pl.when(~col("individual")).then(col("victim_type"))
            ),
            pl.format("Aged {} on the report date", col("age")),
            pl.when(col("dob_missing")).then(pl.lit("No date of birth")),
            pl.format(
                "Repeat victim: {} reports in this list",
                pl.when(col("in_list") > 1).then(col("in_list")),
            ),
            pl.format(
                "Repeat victim: {} reports already held in the last 12 months",
                pl.when(col("held_n") > 0).then(col("held_n")),
            ),
            # rules.said_before_reason, column-wise: "...: 'second time', 'happened again'".
            pl.format(
                rules.SAID_BEFORE + "'{}'",
                pl.when(col("said_before") != "").then(
                    col("said_before").str.replace_all(";", "', '", literal=True)
                ),
            ),
            pl.when(col("direct_contact")).then(
                pl.concat_str(
                    pl.lit("Direct contact with the fraudster"),
                    pl.when(col("contact_method") != "")
                    .then(pl.format(" ({})", col("contact_method")))
                    .otherwise(pl.lit("")),
                )
            ),
            pl.format(
                "Home Office segment {}",
                pl.when(col("segment_vulnerable")).then(col("segment").str.to_uppercase()),
            ),
            pl.format(
                "Search terms in the narrative: {}",
                pl.when(col("keywords") != "").then(
                    col("keywords").str.replace_all(";", ", ", literal=True)
                ),
            ),
            pl.when(col("under_18")).then(pl.lit("Under 18: tell the victim care unit")),
        ],
        separator="; ",
        ignore_nulls=True,
    )
    return [response.alias("response"), reasons.alias("reasons")]


def _decide(frame: pl.DataFrame, phrases: Sequence[str] = rules.REPEAT_PHRASES) -> pl.DataFrame:
    """The list with its flags, status, response and reasons beside it."""
    flagged = _flags(frame, phrases)
    return flagged.hstack(flagged.lazy().select(_texts()).collect())


def _scan(
    path: Path,
    *,
    user: "User | None",
    profile_name: str,
    original_name: str,
    today: date | None,
    findings_only: bool = False,
    texts: bool = True,
    repeat_phrases: Sequence[str] | None = None,
) -> tuple[ScanResult, pl.DataFrame]:
    today = today or datetime.now(LONDON).date()
    phrases = rules.REPEAT_PHRASES if repeat_phrases is None else tuple(repeat_phrases)
    profile = _profile(profile_name)
    # Columns only copied to the output are not read when the output is the findings alone.
    skip = {profile.column_map.get(c, c).lower() for c in COPIED_ONLY} if findings_only else None
    frame = apply_profile(
        read_text_table(path, original_name=original_name, strip=_stripped(profile), skip=skip),
        profile,
        columns=DEFAULT_COLUMNS,
        required=REQUIRED_COLUMNS,
        empty="The list has no rows",
    )
    typed = _typed(frame, profile)
    problems = _problems(typed, today)
    if problems and (clean := strip_padded(frame, CHECKED)) is not frame:
        typed = _typed(clean, profile)
        problems = _problems(typed, today)
    if problems:
        raise FileRejected(problems, profile=profile.name)
    frame = typed
    result = ScanResult(
        profile=profile.name, repeat_phrases="defaults" if repeat_phrases is None else "database"
    )
    # Every row has its report date (checked above).
    first, last = cast(date, frame["report_day"].min()), cast(date, frame["report_day"].max())
    held = _held_reports(user, first, last)
    result.held_reports_checked = held is not None
    held_counted = _held_counts(frame, held, _person_held(user, frame, first, last))
    scanned = _decide(held_counted, phrases) if texts else _flags(held_counted, phrases)
    # Seven comparisons are far cheaper than hashing a million strings for value_counts.
    counts = scanned.select(
        (pl.col("status") == s.value).sum().alias(s) for s in VulnerabilityStatus
    )
    result.counts = {s.value: int(counts[s.value].item()) for s in VulnerabilityStatus}
    result.rows = scanned.height
    result.under_18 = int(scanned["under_18"].sum())
    result.dob_missing = int(scanned["dob_missing"].sum())
    result.repeat_victims = int(
        ((scanned["repeat_reports"] > 0) | (scanned["said_before"] != "")).sum()
    )
    return result, scanned


def scan_to_frame(
    path: Path,
    *,
    user: "User | None" = None,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
    repeat_phrases: Sequence[str] | None = None,
) -> tuple[ScanResult, pl.DataFrame]:
    """Scan a list into a frame: every input row with its status and the typed columns.

    `repeat_phrases`: the administrator's list of phrases saying the victim was defrauded
    before; None for the defaults (`rules.REPEAT_PHRASES`), with no database needed.
    """
    return _scan(
        path,
        user=user,
        profile_name=profile_name,
        original_name=original_name,
        today=today,
        repeat_phrases=repeat_phrases,
    )


def scan_victim_list(
    path: Path,
    *,
    out: Path,
    user: "User | None" = None,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
    victim_columns: bool = False,
    repeat_phrases: Sequence[str] | None = None,
) -> ScanResult:
    """Scan a list and write `out` (.csv or .xlsx). Raises FileRejected; then nothing is written.

    `out` has the findings per row, in the input's order; `victim_columns` adds the victim's
    details copied from the list.
    """
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise FileRejected([Problem(0, "out", "The output file must end .csv or .xlsx")])
    result, scanned = _scan(
        path,
        user=user,
        profile_name=profile_name,
        original_name=original_name,
        today=today,
        findings_only=not victim_columns,
        texts=False,
        repeat_phrases=repeat_phrases,
    )
    if out.suffix.lower() == ".xlsx" and result.rows > XLSX_MAX_ROWS:
        raise FileRejected(
            [
                Problem(
                    0,
                    "out",
                    f"{result.rows:,} rows do not fit in an xlsx sheet "
                    f"(at most {XLSX_MAX_ROWS:,}): write a .csv",
                )
            ]
        )
    columns = OUTPUT_COLUMNS if victim_columns else FINDINGS
    # Only cells copied from the list can hold a formula; the columns we write never start so.
    copied = [c for c in columns if c in DEFAULT_COLUMNS]
    unsafe = formula_columns(scanned, copied)
    # The response and reasons are put in words as the file is written, a slice at a time:
    # a million rows of text are never held in memory at once.
    texts = {e.meta.output_name(): e for e in _texts()}
    output = scanned.lazy().select(
        texts[c] if c in texts else neutralised(c) if c in unsafe else pl.col(c) for c in columns
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, suffix=out.suffix)
    os.close(handle)
    try:
        if out.suffix.lower() == ".csv":
            output.sink_csv(temp)
        else:
            output.collect().write_excel(temp, autofit=False)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    result.output = str(out)
    return result
