"""Importing the month's SARs from the UKFIU: a csv or xlsx in the layout of
docs/admin-guide.md "Importing SARs".

The whole file is checked first and refused whole with every (row, column, problem); nothing is
written from a refused file. A SAR already recorded (by its UKFIU reference) is left as it is,
so importing the same file again creates nothing twice. The rows are checked with polars
expressions and written set-based (core.bulk.insert_rows: COPY on PostgreSQL), never a row at a
time through the ORM.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk
from fraudcase.core.errors import FileRejected, NotPermitted, Problem
from fraudcase.core.tables import (
    apply_profile,
    date_expr,
    nul_problems,
    read_text_table,
)
from fraudcase.intake.models import ImportKind
from fraudcase.intake.profiles import load_profile
from fraudcase.reports import rules as report_rules

from . import rules, services
from .models import Sar

COLUMNS = [
    "ukfiu_reference",
    "disclosed_on",
    "reporting_institution",
    "subjects",
    "reason",
    "amount_gbp",
    "daml",
    "linked_references",
    "named_users",
    "victim_name",
    "victim_dob",
    "victim_postcode",
]
REQUIRED = {"ukfiu_reference", "disclosed_on", "reporting_institution", "subjects", "reason"}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
AMOUNT = r"^\d{1,10}(\.\d{1,2})?$"
# How many cells a list of problems names before it stops (a wholly wrong file is not listed
# to the last cell: the first thousand say what is wrong).
MOST_PROBLEMS = 1000


@dataclass(frozen=True)
class Imported:
    added: int
    already: int  # rows whose SAR was recorded before: left as they were


def _problems(frame: pl.DataFrame, today: date) -> list[Problem]:
    """Every (row, column, problem) of the checked frame, in row order."""
    checks: list[tuple[str, pl.Expr, str]] = [
        (
            "ukfiu_reference",
            ~pl.col("ref").str.contains(rules.REFERENCE.pattern),
            "Enter the UKFIU reference: letters, digits and hyphens, 3 to 40 characters",
        ),
        (
            "ukfiu_reference",
            pl.col("ref").is_duplicated() & (pl.col("ref") != ""),
            "The same UKFIU reference is on more than one row",
        ),
        (
            "disclosed_on",
            pl.col("disclosed").is_null(),
            "Enter the date of disclosure as YYYY-MM-DD or DD/MM/YYYY",
        ),
        (
            "disclosed_on",
            pl.col("disclosed") > pl.lit(today),
            "The date of disclosure must be today or in the past",
        ),
        (
            "reporting_institution",
            pl.col("reporting_institution") == "",
            "Enter the reporting institution",
        ),
        (
            "reporting_institution",
            pl.col("reporting_institution").str.len_chars() > 200,
            "The reporting institution must be 200 characters or fewer",
        ),
        ("subjects", pl.col("subjects") == "", "Enter at least one subject"),
        ("reason", pl.col("reason") == "", "Enter the reason for suspicion"),
        (
            "amount_gbp",
            (pl.col("amount") != "") & ~pl.col("amount").str.contains(AMOUNT),
            "Enter an amount in pounds, like 1250.00",
        ),
        (
            "daml",
            ~pl.col("daml").str.to_lowercase().is_in(list(YES | NO)),
            "Enter yes or no (whether it asks for consent)",
        ),
        (
            "victim_name",
            (pl.col("victim_name") == "")
            & ((pl.col("victim_dob") != "") | (pl.col("victim_postcode") != "")),
            "Enter the victim's name, or leave the victim's details blank",
        ),
        (
            "victim_dob",
            (pl.col("victim_dob") != "") & pl.col("dob").is_null(),
            "Enter the victim's date of birth as YYYY-MM-DD or DD/MM/YYYY",
        ),
        (
            "victim_dob",
            pl.col("dob") > pl.lit(today),
            "The victim's date of birth must be in the past",
        ),
        (
            "victim_postcode",
            pl.col("postcode_problem") != "",
            "Enter a UK postcode, like LE2 7QT, or leave it blank",
        ),
    ]
    flagged = frame.select(
        pl.col("row"), *(expr.alias(f"c{i}") for i, (_, expr, _) in enumerate(checks))
    )
    problems = []
    for i, (column, _, problem) in enumerate(checks):
        for row in flagged.filter(pl.col(f"c{i}"))["row"].to_list():
            problems.append(Problem(row, column, problem))
    return problems


def _user_problems(frame: pl.DataFrame) -> tuple[list[Problem], dict[str, int]]:
    """Named usernames that are no active user's, and the ids of those that are: one query."""
    named = (
        frame.select("row", pl.col("named_users").str.split(";").alias("name"))
        .explode("name")
        .with_columns(pl.col("name").str.strip_chars())
        .filter(pl.col("name").is_not_null() & (pl.col("name") != ""))
    )
    wanted = named["name"].unique().to_list()
    ids = dict(
        User.objects.filter(is_active=True, username__in=wanted).values_list("username", "pk")
    )
    unknown = named.filter(~pl.col("name").is_in(list(ids)))
    return [
        Problem(row, "named_users", f"No active user has the username {name}")
        for row, name in unknown.select("row", "name").iter_rows()
    ], ids


def _postcode_problem(text: str) -> str:
    return report_rules.postcode_problem(text) or ""


def _joined(column: str) -> pl.Expr:
    """A cell of items separated by semicolons as one item a line, blanks dropped."""
    return (
        pl.col(column)
        .str.split(";")
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element() != ""))
        .list.join("\n")
    )


def import_sars(
    path: Path, *, user: User, profile_name: str = "default", original_name: str = ""
) -> Imported:
    """Import the SARs in the file at `path`, its headings mapped by the import profile of
    kind "UKFIU SAR file" named `profile_name` (its date format too). FileRejected (nothing
    written) for any problem, an unknown profile among them; NotPermitted for a user who does
    not keep the register."""
    if not services.may_keep_register(user):
        raise NotPermitted("Only the financial intelligence team imports SARs")
    today = timezone.localdate()
    profile = load_profile(profile_name or "default", ImportKind.SAR)
    raw = read_text_table(path, original_name=original_name)
    frame = apply_profile(
        raw, profile, columns=COLUMNS, required=REQUIRED, empty="The file has no SARs"
    )
    problems = nul_problems(frame, COLUMNS)
    if problems:
        raise FileRejected(problems[:MOST_PROBLEMS])
    frame = frame.with_columns(
        pl.col("ukfiu_reference").str.to_uppercase().alias("ref"),
        date_expr("disclosed_on", profile.date_format).alias("disclosed"),
        pl.col("amount_gbp").str.replace_all(r"[,£]", "").alias("amount"),
        date_expr("victim_dob", profile.date_format).alias("dob"),
        pl.col("victim_postcode")
        .map_elements(
            lambda text: report_rules.postcode_problem(text) or "", return_dtype=pl.String
        )
        .alias("postcode_problem"),
    )
    problems = _problems(frame, today)
    user_problems, _ = _user_problems(frame)
    problems = sorted(problems + user_problems, key=lambda p: (p.row, COLUMNS.index(p.column)))
    if problems:
        raise FileRejected(problems[:MOST_PROBLEMS])
    with transaction.atomic():
        refs = frame["ref"].to_list()
        already: set[str] = set()
        for chunk in bulk.chunked(refs):
            already |= set(
                Sar.objects.filter(ukfiu_reference__in=chunk).values_list(
                    "ukfiu_reference", flat=True
                )
            )
        new = frame.filter(~pl.col("ref").is_in(list(already)))
        added = _insert(new, user)
    return Imported(added, len(already))


def _insert(new: pl.DataFrame, user: User) -> int:
    """Write the new SARs, the users named on them and their audit entries, set-based."""
    if new.height == 0:
        return 0
    now = timezone.now()
    notice = {day: rules.notice_period_ends(day) for day in new["disclosed"].unique().to_list()}
    rows = new.select(
        "ref",
        "disclosed",
        "reporting_institution",
        _joined("subjects").alias("subjects"),
        "reason",
        pl.when(pl.col("amount") == "").then(None).otherwise(pl.col("amount")).alias("amount"),
        pl.col("daml").str.to_lowercase().is_in(list(YES)).alias("asks"),
        _joined("linked_references").str.to_uppercase().alias("linked"),
        "victim_name",
        "dob",
        pl.col("victim_postcode")
        .map_elements(report_rules.normalise_postcode, return_dtype=pl.String)
        .alias("postcode"),
    )
    awaiting, none = rules.DamlState.AWAITING.value, rules.DamlState.NONE.value
    bulk.check_constraints_per_statement()
    written = bulk.insert_rows(
        Sar,
        [
            "ukfiu_reference",
            "disclosed_on",
            "reporting_institution",
            "subjects",
            "reason",
            "amount_gbp",
            "linked_references",
            "recorded_by",
            "recorded_at",
            "imported",
            "daml",
            "daml_state",
            "notice_ends",
            "daml_due",
            "decision",
            "decision_reason",
            "victim_name",
            "victim_dob",
            "victim_postcode",
        ],
        (
            (
                ref,
                day,
                institution,
                subjects,
                reason,
                amount,
                linked,
                user.pk,
                now,
                True,
                asks,
                awaiting if asks else none,
                notice[day] if asks else None,
                notice[day] if asks else None,
                "",
                "",
                victim,
                dob,
                postcode,
            )
            for (
                ref,
                day,
                institution,
                subjects,
                reason,
                amount,
                asks,
                linked,
                victim,
                dob,
                postcode,
            ) in rows.iter_rows()
        ),
    )
    ids = {}
    for chunk in bulk.chunked(new["ref"].to_list()):
        ids |= dict(
            Sar.objects.filter(ukfiu_reference__in=chunk).values_list("ukfiu_reference", "pk")
        )
    named = (
        new.select("ref", pl.col("named_users").str.split(";").alias("name"))
        .explode("name")
        .with_columns(pl.col("name").str.strip_chars())
        .filter(pl.col("name").is_not_null() & (pl.col("name") != ""))
        .unique(["ref", "name"])
    )
    user_ids = dict(
        User.objects.filter(username__in=named["name"].unique().to_list()).values_list(
            "username", "pk"
        )
    )
    bulk.insert_rows(
        Sar.named_users.through,
        ["sar", "user"],
        ((ids[ref], user_ids[name]) for ref, name in named.iter_rows()),
    )
    audit.record_many(
        user,
        [
            audit.Entry(
                AuditAction.COLLECTION, services.AUDITED, ref, f"Imported SAR {ref} from the UKFIU"
            )
            for ref in new["ref"].to_list()
        ],
    )
    services.scan_for_victims(Sar.objects.filter(recorded_by=user, recorded_at=now))
    return written
