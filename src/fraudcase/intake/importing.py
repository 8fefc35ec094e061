"""Import an NFIB dissemination package: validate the whole file, then write it in one go.

§5.1 and App. A: one local reference per victim, carrying every NFRC number that belongs to it,
recorded within 24 hours of the force receiving it (§5.1.1: the import time, or an earlier time
the importer gives with a reason). A file with any bad row is rejected whole with every (row,
column, problem) and nothing written; importing the same package again creates nothing. All
checks are column-wise (polars) and all writes set-based (fraudcase.core.bulk).
"""

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import polars as pl
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk, clashes
from fraudcase.core.errors import FileRejected, ImportClash, Problem
from fraudcase.core.formats import VICTIM_TYPES
from fraudcase.core.tables import (
    Profile,
    apply_profile,
    date_expr,
    nul_problems,
    read_text_table,
)
from fraudcase.jobs.registry import Upload
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports import rules
from fraudcase.reports import services as report_services
from fraudcase.reports import signals as report_signals
from fraudcase.reports.enums import (
    CYBER_CODES,
    CYBER_ROUTES,
    EntryKind,
    ReportStatus,
    Route,
    Source,
)
from fraudcase.reports.models import (
    DisseminationPackage,
    EnquiryLogEntry,
    Identifier,
    NFRCNumber,
    Report,
    Suspect,
    Victim,
)
from fraudcase.reports.references import allocate_references

from . import held, hooks
from . import rules as intake_rules
from .profiles import load_profile
from .receipt import LONDON, Receipt, when_words

# The victim's own columns: read from the package under these names and stored as they are.
VICTIM_DETAILS = (
    "forename",
    "surname",
    "business_name",
    "dob",
    "address",
    "postcode",
    "phone",
    "email",
)
SUSPECT_COLUMNS = (
    "suspect_name",
    "suspect_phone",
    "suspect_email",
    "suspect_website",
    "suspect_sort_code",
    "suspect_account_number",
)
DEFAULT_COLUMNS = [
    "package_ref",
    "nfrc",
    "disseminated_on",
    "fraud_type",
    "victim_type",
    *VICTIM_DETAILS,
    "loss_gbp",
    *SUSPECT_COLUMNS,
    "narrative",
    # Optional routing columns (§5.4; seed 002 ¶38; docs/user-guide.md "Package columns").
    "referral_type",
    "referred_by",
    "crime_in_action",
]
REQUIRED_COLUMNS = {"package_ref", "nfrc", "disseminated_on", "victim_type"}
VICTIM_KEY = ["package_ref", "victim_type_value", "_fore", "_sur", "_bus", "dob"]


@dataclass
class ImportResult:
    created: int = 0
    already_recorded: int = 0
    nfrc_added: int = 0
    packages_created: int = 0
    packages_already_recorded: int = 0
    rows: int = 0
    profile: str = "default"
    local_references: list[str] = field(default_factory=list)
    # New reports routed as they came in (§5.4; seed 002 ¶38).
    victim_support_only: int = 0
    to_cyber_team: int = 0

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["local_references"] = data["local_references"][:50]
        return data

    @property
    def message(self) -> str:
        if not self.created and not self.nfrc_added:
            return f"Nothing new: all {self.already_recorded} victims were already recorded."
        routed = ""
        if self.victim_support_only:
            routed += (
                f" {self.victim_support_only} victim-support-only referrals went to the "
                "Protect team, not to assessment."
            )
        if self.to_cyber_team:
            routed += f" {self.to_cyber_team} went to the cyber team too."
        return (
            f"{self.created} victims recorded, {self.already_recorded} already recorded, "
            f"{self.nfrc_added} NFRC numbers added to existing reports.{routed}"
        )


def _prepare(
    frame: pl.DataFrame, profile: Profile, today: date, received: datetime | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """Parse and check every cell column-wise. Returns the typed frame and all problems.

    `received` is the earlier receipt time the importer gave, if any: a package cannot have
    been received before the day it was disseminated.
    """
    type_map = {**VICTIM_TYPES, **{k.lower(): v for k, v in profile.victim_type_map.items()}}
    frame = frame.with_columns(
        pl.col("package_ref").str.to_uppercase(),
        pl.col("nfrc")
        .str.to_uppercase()
        .str.replace_all(r"[;,\s]+", ";")
        .str.split(";")
        .list.eval(pl.element().filter(pl.element() != ""))
        .alias("nfrc_list"),
        date_expr("disseminated_on", profile.date_format).alias("disseminated_date"),
        date_expr("dob", profile.date_format).alias("dob_date"),
        pl.col("loss_gbp")
        .str.replace_all(r"[£,]", "")
        .cast(pl.Decimal(14, 2), strict=False)
        .alias("loss"),
        pl.col("victim_type")
        .str.to_lowercase()
        .replace_strict(type_map, default=None, return_dtype=pl.String)
        .alias("victim_type_value"),
        pl.col("forename").str.to_lowercase().alias("_fore"),
        pl.col("surname").str.to_lowercase().alias("_sur"),
        pl.col("business_name").str.to_lowercase().alias("_bus"),
    )
    frame = _routes(frame)
    bad_nfrc = (
        pl.col("nfrc_list")
        .list.eval(pl.element().str.contains(rules.NFRC_PATTERN.pattern).not_())
        .list.any()
    )
    checks: list[tuple[str, pl.Expr, pl.Expr]] = [
        ("package_ref", pl.col("package_ref") == "", pl.lit("Package reference is missing")),
        ("nfrc", pl.col("nfrc") == "", pl.lit("NFRC number is missing")),
        (
            "nfrc",
            (pl.col("nfrc") != "") & bad_nfrc,
            pl.format("'{}' is not an NFRC number (NFRC followed by digits)", pl.col("nfrc")),
        ),
        ("disseminated_on", pl.col("disseminated_on") == "", pl.lit("Date is missing")),
        (
            "disseminated_on",
            (pl.col("disseminated_on") != "") & pl.col("disseminated_date").is_null(),
            pl.format("'{}' is not a real date", pl.col("disseminated_on")),
        ),
        (
            "disseminated_on",
            pl.col("disseminated_date") > today,
            pl.format("{} is in the future", pl.col("disseminated_on")),
        ),
        (
            "dob",
            (pl.col("dob") != "") & pl.col("dob_date").is_null(),
            pl.format("'{}' is not a real date", pl.col("dob")),
        ),
        ("dob", pl.col("dob_date") > today, pl.format("{} is in the future", pl.col("dob"))),
        (
            "loss_gbp",
            (pl.col("loss_gbp") != "") & pl.col("loss").is_null(),
            pl.format("'{}' is not an amount of money", pl.col("loss_gbp")),
        ),
        ("loss_gbp", pl.col("loss") < 0, pl.lit("A loss cannot be negative")),
        (
            "victim_type",
            pl.col("victim_type_value").is_null(),
            pl.format(
                "'{}' is not a victim type (Individual, Business, Charity, Public body, "
                "Other organisation)",
                pl.col("victim_type"),
            ),
        ),
        (
            "surname",
            (pl.col("victim_type_value") == "individual")
            & (pl.col("forename") == "")
            & (pl.col("surname") == ""),
            pl.lit("An individual victim needs a forename or surname"),
        ),
        (
            "business_name",
            pl.col("victim_type_value").is_not_null()
            & (pl.col("victim_type_value") != "individual")
            & (pl.col("business_name") == ""),
            pl.lit("An organisation victim needs a business name"),
        ),
        (
            "referral_type",
            pl.col("referral_type_value").is_null(),
            pl.format(
                "'{}' is not a referral type ({})",
                pl.col("referral_type"),
                pl.lit(intake_rules.REFERRAL_TYPE_WORDS),
            ),
        ),
        (
            "referred_by",
            pl.col("referred_by_value").is_null(),
            pl.format(
                "'{}' is not who refers a package ({})",
                pl.col("referred_by"),
                pl.lit(intake_rules.REFERRED_BY_WORDS),
            ),
        ),
        (
            "crime_in_action",
            pl.col("crime_in_action_value").is_null(),
            pl.format(
                "'{}' is not yes or no ({})",
                pl.col("crime_in_action"),
                pl.lit(intake_rules.FLAG_WORDS),
            ),
        ),
        (
            "crime_in_action",
            (pl.col("referral_type_value") == "victim_support") & pl.col("crime_in_action_value"),
            pl.lit(
                "A victim-support-only referral is not for investigation, so it cannot be a "
                "crime in action"
            ),
        ),
    ]
    if received is not None:
        checks.append(
            (
                "disseminated_on",
                (pl.col("disseminated_date") <= today)
                & (pl.col("disseminated_date") > timezone.localdate(received, LONDON)),
                pl.format(
                    "Package {} was disseminated on {}, after the time given as received ({})",
                    pl.col("package_ref"),
                    pl.col("disseminated_on"),
                    pl.lit(when_words(received)),
                ),
            )
        )
    found = pl.concat(
        [
            frame.filter(condition.fill_null(False)).select(
                "row", pl.lit(column).alias("column"), message.alias("problem")
            )
            for column, condition, message in checks
        ]
    )
    problems = [Problem(r, c, p) for r, c, p in found.iter_rows()]
    problems += nul_problems(frame, DEFAULT_COLUMNS)
    frame = frame.with_columns(pl.col("dob_date").cast(pl.String).fill_null("").alias("dob"))

    # One NFRC number belongs to one victim: the same number on two different victims is refused.
    exploded = (
        frame.select("row", "nfrc_list", *VICTIM_KEY)
        .explode("nfrc_list")
        .drop_nulls("nfrc_list")
        .rename({"nfrc_list": "number"})
    )
    clashes = (
        exploded.group_by("number")
        .agg(pl.col("row"), pl.struct(VICTIM_KEY).n_unique().alias("victims"))
        .filter(pl.col("victims") > 1)
    )
    for number, rows, _ in clashes.iter_rows():
        rows = sorted(rows)
        for row in rows[1:]:
            problems.append(
                Problem(row, "nfrc", f"{number} is also on row {rows[0]} for another victim")
            )
    dates = (
        frame.filter(pl.col("disseminated_date").is_not_null())
        .group_by("package_ref")
        .agg(pl.col("disseminated_date").n_unique().alias("n"), pl.col("row").min().alias("r"))
        .filter(pl.col("n") > 1)
    )
    for package_ref, _, row in dates.iter_rows():
        problems.append(
            Problem(row, "disseminated_on", f"Package {package_ref} has more than one date")
        )
    return frame, problems


def _routes(frame: pl.DataFrame) -> pl.DataFrame:
    """Each row's referral type, referrer and crime-in-action flag read (None where the cell
    is not one: a problem), and where the row routes (intake.rules.route, column-wise): the
    distinct spellings are read once each, not row by row."""

    def read(
        column: str,
        table: Mapping[str, object],
        key: Callable[[str], str],
        dtype: type[pl.DataType],
    ) -> pl.Expr:
        values = {v: table.get(key(v)) for v in frame[column].unique().to_list() if v}
        return (
            pl.when(pl.col(column).str.strip_chars() == "")
            .then(pl.lit(table[""], dtype=dtype))
            .otherwise(pl.col(column).replace_strict(values, default=None, return_dtype=dtype))
        )

    frame = frame.with_columns(
        read(
            "referral_type", intake_rules.REFERRAL_TYPES, intake_rules.referral_type_key, pl.String
        ).alias("referral_type_value"),
        read("referred_by", intake_rules.REFERRED_BY, intake_rules.name_key, pl.String).alias(
            "referred_by_value"
        ),
        read("crime_in_action", intake_rules.FLAGS, intake_rules.name_key, pl.Boolean).alias(
            "crime_in_action_value"
        ),
    )
    return frame.with_columns(
        pl.when(pl.col("referral_type_value") == "victim_support")
        .then(pl.lit(ROUTE_RANK[Route.VICTIM_SUPPORT]))
        .when(pl.col("crime_in_action_value"))
        .then(pl.lit(ROUTE_RANK[Route.CRIME_IN_ACTION]))
        .when(pl.col("fraud_type").str.strip_chars().str.to_uppercase().is_in(CYBER_CODES))
        .then(pl.lit(ROUTE_RANK[Route.CYBER]))
        .otherwise(pl.lit(0))
        .alias("route_rank")
    )


# A victim on several rows takes the first route of intake.rules.route any of its rows has.
ROUTE_RANK = {Route.CYBER: 1, Route.CRIME_IN_ACTION: 2, Route.VICTIM_SUPPORT: 3}
ROUTE_OF_RANK = {0: "", **{rank: str(route) for route, rank in ROUTE_RANK.items()}}


def _normalise_column(
    frame: pl.DataFrame, column: str, fn: Callable[[str], str | None]
) -> pl.Series:
    """Apply a Python normaliser once per distinct value, then join back column-wise."""
    values = [v for v in frame[column].unique().to_list() if v]
    mapping = {v: fn(v) for v in values}
    return frame[column].replace_strict(mapping, default=None, return_dtype=pl.String)


def _victims(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per victim: rows of the same package and person are one victim with all NFRCs."""
    return (
        frame.group_by(VICTIM_KEY, maintain_order=True)
        .agg(
            pl.col("row").min(),
            pl.col("nfrc_list")
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique(maintain_order=True),
            pl.col("disseminated_date").first(),
            *[
                pl.col(c).filter(pl.col(c) != "").first().fill_null("")
                for c in (
                    "fraud_type",
                    "forename",
                    "surname",
                    "business_name",
                    "address",
                    "postcode",
                    "phone",
                    "email",
                    "narrative",
                    "referred_by",
                )
            ],
            pl.col("loss").max(),
            pl.col("route_rank").max(),
        )
        .with_columns(
            pl.col("route_rank")
            .replace_strict(ROUTE_OF_RANK, return_dtype=pl.String)
            .alias("route"),
        )
    )


def _quiet(stage: str, percent: int) -> None:
    """No one is watching (the command line and the API wait for the result)."""


def import_nfib_package(
    path: Path,
    *,
    user: User | None,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
    progress: Callable[[str, int], None] = _quiet,
    received_at: datetime | None = None,
    received_reason: str = "",
    uploaded_at: datetime | None = None,
) -> ImportResult:
    """Validate and record a dissemination package file. On FileRejected nothing is written.

    The force received the package at `received_at` (§5.1.1), or now when it is None; an
    earlier time needs `received_reason`, and may be neither in the future nor before the
    package's dissemination date. `uploaded_at` is when the file reached fraudcase, if earlier
    than now (a page's import runs as a job after the upload). `progress(stage, percent)` is
    told as each stage starts (for the job page).
    """
    now = uploaded_at or timezone.now()
    today = today or timezone.localdate(now)
    wrong = intake_rules.receipt_problems(received_at, received_reason, now=now)
    if wrong:
        raise FileRejected([Problem(0, field, problem) for field, problem in wrong.items()])
    receipt = Receipt(received_at or now, received_reason.strip() if received_at else "")
    profile = load_profile(profile_name)
    frame, problems = _read_and_check(path, profile, original_name, today, received_at, progress)
    victims = _victims(frame)
    progress("Checking the NFRC numbers against the reports held", 45)
    existing = held.existing_reports(victims, user)
    problems += existing.pop("_problems")
    if problems:
        raise FileRejected(_in_file_order(problems), profile=profile.name)
    result = ImportResult(rows=frame.height, profile=profile.name)
    progress(f"Recording {victims.height:,} victims (all or nothing)", 60)
    try:
        with transaction.atomic():
            bulk.check_constraints_per_statement()
            _write(
                frame,
                victims,
                existing,
                user=user,
                result=result,
                filename=original_name or path.name,
                receipt=receipt,
            )
    # Each backend has `Database` (its driver module); django-stubs does not declare it.
    except (DatabaseError, connection.Database.DatabaseError) as error:  # type: ignore[attr-defined]
        # The unique package reference or NFRC number was written by another import that
        # committed after this one was checked, or that import holds what this one needs
        # (a deadlock; SQLite's lock): the loser of the race is told, not crashed.
        if not clashes.is_clash(error):
            raise
        raise _clash(frame) from error
    if result.local_references:
        for hook in hooks.AFTER_IMPORT:
            hook(result.local_references, user, progress)
    return result


def _read_and_check(
    path: Path,
    profile: Profile,
    original_name: str,
    today: date,
    received_at: datetime | None,
    progress: Callable[[str, int], None],
) -> tuple[pl.DataFrame, list[Problem]]:
    progress("Reading the file", 5)
    frame = read_text_table(path, original_name=original_name)
    frame = apply_profile(
        frame,
        profile,
        columns=DEFAULT_COLUMNS,
        required=REQUIRED_COLUMNS,
        empty="The file has no rows",
    )
    progress(f"Checking {frame.height:,} rows", 20)
    return _prepare(frame, profile, today, received_at)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(
        problems,
        key=lambda p: (
            p.row,
            DEFAULT_COLUMNS.index(p.column) if p.column in DEFAULT_COLUMNS else 99,
        ),
    )


@dataclass
class CheckedPackage:
    """A package file read and checked as an import would, without reading or writing the
    reports held: `rows` one per row of the file (its number in `row`), `victims` one per victim
    (rows of the same package and person, with `victim` numbering them from 0), and each row's
    `victim` in `rows` too."""

    rows: pl.DataFrame
    victims: pl.DataFrame
    profile: str


def check_package(
    path: Path,
    *,
    profile_name: str = "default",
    original_name: str = "",
    today: date | None = None,
    progress: Callable[[str, int], None] = _quiet,
) -> CheckedPackage:
    """Read and check a package file with the import's own rules (FileRejected with every
    problem if any), for work that reads a file without recording it (`fraudcase link FILE`)."""
    profile = load_profile(profile_name)
    frame, problems = _read_and_check(
        path, profile, original_name, today or timezone.localdate(), None, progress
    )
    if problems:
        raise FileRejected(_in_file_order(problems), profile=profile.name)
    victims = _victims(frame).with_row_index("victim")
    rows = frame.join(
        victims.select(*VICTIM_KEY, "victim"), on=VICTIM_KEY, how="left", nulls_equal=True
    )
    return CheckedPackage(rows.sort("row"), victims, profile.name)


def _clash(frame: pl.DataFrame) -> ImportClash:
    packages = frame["package_ref"].unique(maintain_order=True).to_list()
    more = f" and {len(packages) - 3} more" if len(packages) > 3 else ""
    named = ", ".join(packages[:3]) + more
    message = (
        f"Package {named} is already being imported, or was recorded while this file was "
        "checked: nothing was written from this file. Import it again in a minute to see what "
        "is already recorded."
    )
    return ImportClash([Problem(0, "file", message)])


def _write(
    frame: pl.DataFrame,
    victims: pl.DataFrame,
    existing: held.Existing,
    *,
    user: User | None,
    result: ImportResult,
    filename: str,
    receipt: Receipt,
) -> None:
    now = timezone.now()
    user_id = user.pk if user is not None and user.is_authenticated else None
    known: dict[str, int] = existing["known"]
    victims = victims.with_columns(
        pl.col("nfrc_list")
        .list.eval(pl.element().replace_strict(known, default=None, return_dtype=pl.Int64))
        .list.drop_nulls()
        .list.first()
        .alias("existing_report")
    )
    # NFRC numbers new to a victim already recorded are attached to that victim's report.
    old = victims.filter(pl.col("existing_report").is_not_null())
    added = [
        (number, report_id)
        for report_id, numbers in old.select("existing_report", "nfrc_list").iter_rows()
        for number in numbers
        if number not in known
    ]
    result.already_recorded = old.height
    result.nfrc_added = len(added)
    # Reports already held that gain a number: their reconciliation is looked at again.
    regained = sorted({report_id for _, report_id in added})
    new = victims.filter(pl.col("existing_report").is_null())
    result.created = new.height

    packages = frame.group_by("package_ref", maintain_order=True).agg(
        pl.col("disseminated_date").first()
    )
    package_ids = _package_ids(
        packages, user_id=user_id, filename=filename, result=result, receipt=receipt
    )

    if new.height:
        refs = allocate_references(new.height, now)
        after_id = _max_id(Report)
        result.local_references = refs
        # Every new victim was received with this file (a victim added to a package already
        # held was received now, not when the package first came).
        deadline = rules.recording_deadline(receipt.at)
        bulk.insert_rows(
            Report,
            [
                "local_reference",
                "source",
                "status",
                "handling_marking",
                "package",
                "fraud_type",
                "received_at",
                "recording_deadline",
                "recorded_at",
                "recorded_by",
                "loss_gbp",
                "narrative",
                "route",
            ],
            (
                (
                    ref,
                    Source.VICTIM_SUPPORT_ONLY
                    if route == Route.VICTIM_SUPPORT
                    else Source.NFIB_DISSEMINATION,
                    ReportStatus.RECORDED,
                    "OFFICIAL",
                    package_ids[pkg],
                    fraud_type,
                    receipt.at,
                    deadline,
                    now,
                    user_id,
                    loss,
                    narrative,
                    route,
                )
                for ref, (pkg, fraud_type, loss, narrative, route) in zip(
                    refs,
                    new.select(
                        "package_ref", "fraud_type", "loss", "narrative", "route"
                    ).iter_rows(),
                    strict=True,
                )
            ),
        )
        report_ids = _ids_by_reference(refs, after_id)
        report_deadlines.schedule_imported(after_id)
        report_deadlines.schedule_routes(Report.objects.filter(id__gt=after_id))
        result.victim_support_only = new.filter(pl.col("route") == Route.VICTIM_SUPPORT).height
        result.to_cyber_team = new.filter(pl.col("route").is_in(list(CYBER_ROUTES))).height
        new = new.with_columns(pl.Series("report_id", [report_ids[r] for r in refs]))
        new = new.with_columns(
            _normalise_column(new, "postcode", rules.normalise_postcode).fill_null("")
        )
        bulk.insert_rows(
            Victim,
            ["report", "victim_type", *VICTIM_DETAILS, "search_name"],
            new.select(
                "report_id",
                "victim_type_value",
                *(pl.col(c).str.to_date(strict=False) if c == "dob" else c for c in VICTIM_DETAILS),
                pl.when(pl.col("victim_type_value") == "individual")
                .then(pl.concat_str("_fore", pl.lit(" "), "_sur").str.strip_chars())
                .otherwise("_bus"),
            ).iter_rows(),
        )
        added += [
            (number, report_id)
            for report_id, numbers in new.select("report_id", "nfrc_list").iter_rows()
            for number in numbers
        ]
        _write_suspects(frame, new)
        report_services.index_new_reports(new["report_id"].to_list())
        bulk.insert_rows(
            EnquiryLogEntry,
            ["report", "kind", "at", "author", "text"],
            (
                (
                    report_id,
                    EntryKind.RECORDED,
                    now,
                    user_id,
                    f"Recorded from NFIB dissemination package {pkg} ({', '.join(nfrcs)}). "
                    f"{receipt.words}.{_routed_words(route, fraud_type, referred_by)}",
                )
                for report_id, pkg, nfrcs, route, fraud_type, referred_by in new.select(
                    "report_id", "package_ref", "nfrc_list", "route", "fraud_type", "referred_by"
                ).iter_rows()
            ),
        )
        audit.record_many(
            user,
            [
                audit.Entry(
                    AuditAction.COLLECTION,
                    "report",
                    ref,
                    f"Recorded from NFIB package {pkg} in file {filename}. {receipt.words}",
                )
                for ref, pkg in zip(refs, new["package_ref"].to_list(), strict=True)
            ],
        )
    if added:
        bulk.insert_rows(NFRCNumber, ["number", "report"], added)
        if regained:
            report_signals.nfrcs_added.send(sender=NFRCNumber, report_ids=regained)
    if result.nfrc_added:
        audit.record_many(
            user,
            [
                audit.Entry(
                    AuditAction.ALTERATION, "report", ref, "NFRC numbers added from package"
                )
                for ref in Report.objects.filter(
                    pk__in=list({r for _, r in added if r in set(known.values())})
                ).values_list("local_reference", flat=True)
            ],
        )


def _routed_words(route: str, fraud_type: str, referred_by: str) -> str:
    """The first timeline entry's words for a routed report, with the referrer's name as the
    file gave it (Action Fraud or Report Fraud)."""
    who = f" from {referred_by}" if referred_by else ""
    if route == Route.VICTIM_SUPPORT:
        return (
            f" A victim-support-only referral{who}: for the Protect team's support, "
            "not for assessment (§5.4)."
        )
    if route == Route.CRIME_IN_ACTION:
        return f" A crime in action{who}: routed to the cyber team, to act on the same day."
    if route == Route.CYBER:
        return f" Cyber-dependent crime ({fraud_type.upper()}): routed to the cyber team."
    return ""


def _package_ids(
    packages: pl.DataFrame,
    *,
    user_id: int | None,
    filename: str,
    result: ImportResult,
    receipt: Receipt,
) -> dict[str, int]:
    refs = packages["package_ref"].to_list()
    ids: dict[str, int] = {}
    for chunk in bulk.chunked(refs):
        ids.update(
            DisseminationPackage.objects.filter(package_ref__in=chunk).values_list(
                "package_ref", "id"
            )
        )
    result.packages_already_recorded = len(ids)
    missing = packages.filter(~pl.col("package_ref").is_in(list(ids)))
    result.packages_created = missing.height
    if missing.height:
        bulk.insert_rows(
            DisseminationPackage,
            [
                "package_ref",
                "disseminated_on",
                "imported_at",
                "imported_by",
                "source_filename",
                "received_at",
                "received_reason",
            ],
            (
                (ref, day, timezone.now(), user_id, filename[:255], receipt.at, receipt.reason)
                for ref, day in missing.iter_rows()
            ),
        )
        for chunk in bulk.chunked(missing["package_ref"].to_list()):
            ids.update(
                DisseminationPackage.objects.filter(package_ref__in=chunk).values_list(
                    "package_ref", "id"
                )
            )
    return ids


def _max_id(model: type[models.Model]) -> int:
    return model._default_manager.order_by("-id").values_list("id", flat=True).first() or 0


def _ids_by_reference(refs: list[str], after_id: int) -> dict[str, int]:
    """Ids of the reports just written: one range scan, not a 100,000-value IN list."""
    wanted = set(refs)
    rows = Report.objects.filter(id__gt=after_id).values_list("local_reference", "id")
    return {ref: pk for ref, pk in rows.iterator(chunk_size=20000) if ref in wanted}


IDENTIFIER_COLUMNS = {
    "phone": ("suspect_phone", rules.normalise_phone),
    "email": ("suspect_email", rules.normalise_email),
    "website": ("suspect_website", rules.normalise_website),
}


def _write_suspects(frame: pl.DataFrame, new: pl.DataFrame) -> None:
    """Each row's suspect (if it names one or gives an identifier) joins its victim's report."""
    suspect_cols = list(SUSPECT_COLUMNS)
    rows = (
        frame.join(
            new.select(*VICTIM_KEY, "report_id"), on=VICTIM_KEY, how="inner", nulls_equal=True
        )
        .filter(pl.any_horizontal(pl.col(c) != "" for c in suspect_cols))
        .unique(subset=["report_id", *suspect_cols], maintain_order=True)
        .with_row_index("ordinal")
    )
    if rows.height == 0:
        return
    after_id = _max_id(Suspect)
    name_key = _normalise_column(rows, "suspect_name", rules.normalise_name).fill_null("")
    bulk.insert_rows(
        Suspect,
        ["report", "name", "name_key"],
        rows.select("report_id", "suspect_name", name_key.alias("name_key")).iter_rows(),
    )
    # These reports are new, so all their suspects are ours, in insertion order per report.
    ours = set(rows["report_id"].to_list())
    suspect_ids = [
        pk
        for report_id, pk in Suspect.objects.filter(id__gt=after_id)
        .order_by("report_id", "id")
        .values_list("report_id", "id")
        .iterator(chunk_size=20000)
        if report_id in ours
    ]
    rows = rows.sort("report_id", "ordinal", maintain_order=True).with_columns(
        pl.Series("suspect_id", suspect_ids)
    )
    identifiers = suspect_identifiers(rows, ["report_id", "suspect_id"])
    bulk.insert_rows(
        Identifier, ["report", "suspect", "kind", "raw", "normalised"], identifiers.iter_rows()
    )


def suspect_identifiers(rows: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """The suspect identifiers the rows of a package give, normalised as the reports keep them:
    `keys` then kind, raw and normalised, one row per identifier given."""
    parts = []
    for kind, (column, fn) in IDENTIFIER_COLUMNS.items():
        parts.append(
            rows.select(
                *keys,
                pl.lit(kind).alias("kind"),
                pl.col(column).alias("raw"),
                _normalise_column(rows, column, fn).alias("normalised"),
            )
        )
    account_raw = pl.concat_str("suspect_sort_code", pl.lit(" "), "suspect_account_number")
    rows = rows.with_columns(account_raw.str.strip_chars().alias("_account"))
    parts.append(
        rows.select(
            *keys,
            pl.lit("uk_bank_account").alias("kind"),
            pl.col("_account").alias("raw"),
            _normalise_column(
                rows, "_account", lambda v: rules.normalise_identifier("uk_bank_account", v)
            ).alias("normalised"),
        )
    )
    return (
        pl.concat(parts)
        .filter(pl.col("raw") != "")
        .with_columns(
            # An identifier we cannot normalise is kept as typed, lower-cased, so it is still found.
            pl.coalesce("normalised", pl.col("raw").str.to_lowercase())
        )
    )


def run_import_job(upload: Upload) -> dict[str, object]:
    """The background job behind the web page's import (fraudcase.jobs). The page's options
    give the upload time and any earlier time received that was typed, in ISO 8601, and the
    reason for it."""
    uploaded_at, received_at = (upload.options.get(k, "") for k in ("uploaded_at", "received_at"))
    result = import_nfib_package(
        upload.path,
        user=upload.user,
        profile_name=upload.profile,
        original_name=upload.filename,
        progress=upload.progress,
        received_at=datetime.fromisoformat(received_at) if received_at else None,
        received_reason=upload.options.get("received_reason", ""),
        uploaded_at=datetime.fromisoformat(uploaded_at) if uploaded_at else None,
    )
    return {**result.as_dict(), "message": result.message}
