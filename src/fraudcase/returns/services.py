"""Reads and writes for the monthly NFIB return and the reconciliation (seed 001 §5.7; seed 002
¶14, ¶64; DOMAIN.md "The monthly NFIB return").

Every read starts from the NFRC numbers on the reports the user may see
(`reports.services.on_visible_reports`), or from every NFRC when the user is None (the whole
unit: the command and the benchmark). Everything is set-based: the month's rows are one query
(a range over the finalisations' `finalised_at` index joined to the NFRC numbers), its counts
one aggregate, and the reconciliation's counts one GROUP BY.

How a month's return comes into existence (no page that is only read writes anything): a row
of NFIBReturn is made when an outcome is recorded (a post_save receiver on cases.Finalisation,
`apps.py`), by `ensure_months` (set-based, from the command, every POST on the returns pages
and this app's data migration, for outcomes written without the ORM's signals), and for the
month after a return is sent, so the next return (where corrections go) always exists.

Corrections. Returns are sent in month order. An outcome recorded after its month's return
was sent (a late outcome: finalised_at in a month already sent), or one whose outcome or date
no longer matches what NFIB was last sent (`ReturnedNFRC`), goes into the next return, the
month after the last one sent, marked as a correction. An NFRC finalised in the month itself
that NFIB was sent before is marked as a correction too.
"""

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import polars as pl
import xlsxwriter  # type: ignore[import-untyped]
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases.models import Finalisation
from fraudcase.cases.rules import HOME_OFFICE_OUTCOMES
from fraudcase.core import exports
from fraudcase.core.dates import start_of
from fraudcase.core.errors import Conflict
from fraudcase.core.tables import neutralise_frame
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import ReportStatus, Source
from fraudcase.reports.models import NFRCNumber, Report
from fraudcase.reports.services import on_visible_reports

from . import rules
from .models import ErasedNFRC, NFIBReturn, ReturnedNFRC, SentRow
from .rules import MonthState, NFRCState

READERS, SENDERS = rules.READERS, rules.SENDERS

_FIN = "report__finalisation__"


def may_read(user: User) -> bool:
    """Whether the user's role reads the returns and the reconciliation."""
    return getattr(user, "role", None) in READERS


def may_send(user: User) -> bool:
    """Whether the user's role marks a return sent (§5.7: the VFT supervisor)."""
    return getattr(user, "role", None) in SENDERS


def require_reader(user: User) -> None:
    """No such page for a role that does not read the returns."""
    if not may_read(user):
        raise Http404("No such page")


def _nfrcs(user: User | None) -> QuerySet[NFRCNumber]:
    """Every NFRC number on a report the user may see (every one, for the whole unit)."""
    found = NFRCNumber.objects.all()
    return found if user is None else found.filter(on_visible_reports(user))


def _bounds(month: date) -> tuple[datetime, datetime]:
    """The month in London time: from the first instant of its first day to the next month's."""
    return start_of(month), start_of(rules.month_after(month))


# ---------------------------------------------------------------- which months exist


def latest_sent() -> date | None:
    """The month of the last return sent (returns are sent in month order)."""
    return (
        NFIBReturn.objects.filter(sent_at__isnull=False)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )


def _make_months(months: set[date]) -> int:
    made = [NFIBReturn(month=m, due=rules.due(m)) for m in sorted(months)]
    before = NFIBReturn.objects.filter(month__in=months).count()
    NFIBReturn.objects.bulk_create(made, ignore_conflicts=True)
    return len(months) - before


def ensure_month_of(finalised_at: datetime) -> None:
    """The return of the month an outcome was recorded in exists (unless that month is already
    sent or closed: the outcome is then a correction in the next return)."""
    month = timezone.localtime(finalised_at).date().replace(day=1)
    last = latest_sent()
    if last is None or month > last:
        _make_months({month})


def ensure_months() -> int:
    """Set-based: a return row for every month after the last one sent in which an outcome was
    recorded, and for the month after the last one sent; and the due date of each return not
    yet sent restamped (after a change of bank holidays). Returns how many were made."""
    last = latest_sent()
    finalised = Finalisation.objects.all()
    if last is not None:
        finalised = finalised.filter(finalised_at__gte=start_of(rules.month_after(last)))
    months = {
        timezone.localtime(m).date()
        for m in finalised.annotate(m=TruncMonth("finalised_at"))
        .order_by()
        .values_list("m", flat=True)
        .distinct()
    }
    if last is not None:
        months.add(rules.month_after(last))
    made = _make_months(months)
    # The due dates of the returns not yet sent, again (bank holidays may have changed).
    for month, due in NFIBReturn.objects.filter(sent_at__isnull=True).values_list("month", "due"):
        if rules.due(month) != due:
            NFIBReturn.objects.filter(month=month).update(due=rules.due(month))
    return made


# ---------------------------------------------------------------- the month's return


ROW_FIELDS = (
    "nfrc",
    "local_reference",
    "outcome",
    "finalised_at",
    "crime",
    "team",
    "correction",
    "report_id",
)


# The states of a number whose outcome is recorded but not (or no longer) what NFIB has.
FINALISED_GAPS = [NFRCState.NOT_RETURNED.value, NFRCState.TRANSFERRED.value, NFRCState.ERASED.value]


def _live_rows(user: User | None, month: date, *, corrections_before: date | None) -> QuerySet[Any]:
    """The rows of a return not yet sent: each NFRC finalised in the month, and (for the next
    return) each NFRC finalised before `corrections_before` whose outcome NFIB does not have."""
    start, end = _bounds(month)
    in_month = Q(**{f"{_FIN}finalised_at__gte": start, f"{_FIN}finalised_at__lt": end})
    rows = _nfrcs(user)
    if corrections_before is not None:
        # NFIB does not have their outcome (the stored state, read from the gaps' index).
        # (An "open" number has no outcome, so the finalised states are the ones to read.)
        late = Q(**{f"{_FIN}finalised_at__lt": start_of(corrections_before)}) & Q(
            reconciliation__in=FINALISED_GAPS
        )
        # Two index reads, each a few rows of the history: the month's outcomes (by the time
        # they were recorded) and the numbers NFIB has no outcome for (the gaps' index). An OR
        # of the two would be read against every number held.
        ids = NFRCNumber.objects.filter(in_month).values("pk")
        rows = rows.filter(pk__in=ids.union(NFRCNumber.objects.filter(late).values("pk")))
    else:
        rows = rows.filter(in_month)
    return rows.values(
        "report_id",
        nfrc=F("number"),
        local_reference=F("report__local_reference"),
        outcome=F(f"{_FIN}outcome"),
        finalised_at=F(f"{_FIN}finalised_at"),
        crime=Case(
            When(report__source=Source.NFIB_DISSEMINATION, then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        ),
        team=Coalesce(
            F("report__case__team__name"),
            F("report__assessment__team"),
            Value(""),
            output_field=CharField(),
        ),
        correction=Case(
            When(Q(**{f"{_FIN}finalised_at__lt": start}), then=Value(True)),
            When(returned__isnull=False, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        nfrc_id=F("pk"),
    )


def _sent_rows(user: User | None, record: NFIBReturn) -> QuerySet[Any]:
    rows = SentRow.objects.filter(nfib_return=record)
    if user is not None:
        rows = rows.filter(on_visible_reports(user))
    found: QuerySet[Any] = rows.values(*ROW_FIELDS)
    return found


@dataclass
class MonthReturn:
    """One month's return as the user may see it: its rows (a values() queryset ordered by
    NFRC, read a page at a time or whole for the file) and its counts."""

    month: date
    due: date
    state: MonthState
    record: NFIBReturn | None
    rows: QuerySet[Any]
    outcomes: int
    corrections: int
    is_next: bool  # the return corrections go into
    closed: bool  # a month before the last one sent that had no return of its own

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"


def month_return(
    user: User | None, year: int, month: int, today: date | None = None
) -> MonthReturn:
    """The return for a month: the rows as sent, once sent; otherwise the NFRCs finalised in
    the month (and, for the next return, the corrections). Two or three queries."""
    first = date(year, month, 1)
    today = today or timezone.localdate()
    record = NFIBReturn.objects.filter(month=first).select_related("sent_by").first()
    last = latest_sent()
    closed = False
    is_next = False
    if record is not None and record.is_sent:
        rows = _sent_rows(user, record)
    elif last is not None and first <= last:
        closed = True
        rows = SentRow.objects.none().values(*ROW_FIELDS)
    else:
        after_last = rules.month_after(last) if last is not None else None
        is_next = first == after_last
        rows = _live_rows(user, first, corrections_before=after_last if is_next else None)
    counts = rows.order_by().aggregate(
        outcomes=Count("nfrc", filter=Q(correction=False)),
        corrections=Count("nfrc", filter=Q(correction=True)),
    )
    sent = record is not None and record.is_sent
    return MonthReturn(
        month=first,
        due=rules.due(first),
        state=rules.month_state(first, sent, today),
        record=record,
        rows=rows.order_by("nfrc"),
        outcomes=counts["outcomes"] or 0,
        corrections=counts["corrections"] or 0,
        is_next=is_next,
        closed=closed,
    )


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The rows in the layout NFIB takes (rules.COLUMNS), in NFRC order."""
    return pl.DataFrame(
        [
            (
                r["nfrc"],
                r["local_reference"],
                r["outcome"],
                HOME_OFFICE_OUTCOMES.get(r["outcome"], ""),
                timezone.localtime(r["finalised_at"]).date().isoformat(),
                rules.crime_label(r["crime"]),
                r["team"],
                "Yes" if r["correction"] else "No",
            )
            for r in rows
        ],
        schema={c: (pl.Int64 if c == "Outcome type" else pl.String) for c in rules.COLUMNS},
        orient="row",
    )


# A fixed creation time inside the xlsx file, so the same rows always make the same bytes.
_XLSX_CREATED = datetime(2000, 1, 1)  # noqa: DTZ001 (xlsx holds a naive time)


def file_bytes(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """The return's file: csv (UTF-8, comma, header row) or xlsx (one sheet). Deterministic:
    the same rows give the same bytes, so the SHA-256 kept when it is sent is the file's."""
    data = frame(rows)
    if fmt != "xlsx":
        return exports.frame_bytes(data, "csv")
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        book.set_properties({"created": _XLSX_CREATED})
        neutralise_frame(data).write_excel(book, worksheet="NFIB return", autofit=False)
    return buffer.getvalue()


def export_return(user: User, ret: MonthReturn, fmt: str, justification: str) -> tuple[bytes, str]:
    """The month's file for download, through the disclosure gate (it names reports): the
    file as sent when it was sent in this format, else made from the rows."""
    fmt = fmt if fmt in exports.CONTENT_TYPES else "csv"
    rows = list(ret.rows)
    report_services.disclose(
        user,
        Report.objects.filter(pk__in=[r["report_id"] for r in rows if r["report_id"]]),
        justification,
        listing=f"nfib-return-{ret.key}",
        summary=f"Exported the NFIB return for {ret.key} ({len(rows)} rows, {fmt})",
    )
    record = ret.record
    # The file as sent, to a user who may see every row of it; else the rows they may see.
    whole = record is not None and record.is_sent and len(rows) == record.rows_sent
    if whole and record is not None and record.file_format == fmt and record.content:
        return bytes(record.content), record.filename
    return file_bytes(rows, fmt), rules.filename(ret.month, fmt)


def send_problem(month: date, today: date) -> str | None:
    """Why this month's return (not yet sent) cannot be marked sent today; None if it can."""
    last = latest_sent()
    return rules.send_problem(
        month,
        today,
        sent=False,
        earlier_unsent=NFIBReturn.objects.filter(month__lt=month, sent_at__isnull=True).exists(),
        later_sent=last is not None and last > month,
    )


@transaction.atomic
def mark_sent(
    user: User, year: int, month: int, fmt: str, justification: str = "", today: date | None = None
) -> NFIBReturn:
    """Record that this month's return was sent to NFIB: who, when, the file (kept whole) and
    its SHA-256, and each row as sent. Sent in month order, once, after the month ends."""
    if not may_send(user):
        raise Http404("No such page")
    today = today or timezone.localdate()
    fmt = fmt if fmt in exports.CONTENT_TYPES else "csv"
    first = date(year, month, 1)
    ensure_months()
    NFIBReturn.objects.get_or_create(month=first, defaults={"due": rules.due(first)})
    record = NFIBReturn.objects.select_for_update().get(month=first)
    problem = "This return has already been marked as sent" if record.is_sent else None
    problem = problem or send_problem(first, today)
    if problem:
        raise Conflict(problem)
    ret = month_return(user, year, month, today)
    rows = list(ret.rows)
    content = file_bytes(rows, fmt)
    report_services.disclose(
        user,
        Report.objects.filter(pk__in=[r["report_id"] for r in rows]),
        justification,
        listing=f"nfib-return-{ret.key}",
        summary=f"Sent the NFIB return for {ret.key} ({len(rows)} rows, {fmt})",
    )
    now = timezone.now()
    record.sent_at, record.sent_by, record.file_format = now, user, fmt
    record.filename = rules.filename(first, fmt)
    record.sha256 = hashlib.sha256(content).hexdigest()
    record.content = content
    record.rows_sent = len(rows)
    record.corrections_sent = sum(1 for r in rows if r["correction"])
    record.save()
    SentRow.objects.bulk_create(
        SentRow(
            nfib_return=record,
            report_id=r["report_id"],
            **{k: r[k] for k in ROW_FIELDS if k != "report_id"},
        )
        for r in rows
    )
    ids = [r["nfrc_id"] for r in rows]
    ReturnedNFRC.objects.filter(nfrc_id__in=ids).delete()
    ReturnedNFRC.objects.bulk_create(
        ReturnedNFRC(
            nfrc_id=r["nfrc_id"],
            outcome=r["outcome"],
            finalised_at=r["finalised_at"],
            nfib_return=record,
        )
        for r in rows
    )
    restate(NFRCNumber.objects.filter(pk__in=ids))
    _make_months({rules.month_after(first)})
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "nfib-return",
        ret.key,
        f"NFIB return for {ret.key} marked as sent ({len(rows)} rows, SHA-256 {record.sha256})",
    )
    return record


# ---------------------------------------------------------------- the months


def months(user: User, today: date | None = None) -> QuerySet[NFIBReturn]:
    """The returns up to this month, newest first (rows exist for months with outcomes)."""
    today = today or timezone.localdate()
    return NFIBReturn.objects.filter(month__lte=today.replace(day=1)).select_related("sent_by")


def month_counts(user: User, records: list[NFIBReturn], today: date) -> list[MonthReturn]:
    """Each listed month's return with its counts (a page of months: two queries a month)."""
    return [month_return(user, r.month.year, r.month.month, today) for r in records]


# ---------------------------------------------------------------- reconciliation


def _states(user: User | None) -> Any:
    """Every NFRC number the user may see, with the one state it is in (rules.NFRCState: the
    first that holds)."""
    return _nfrcs(user).annotate(
        state=Case(
            When(
                Q(returned__outcome=F(f"{_FIN}outcome"))
                & Q(returned__finalised_at=F(f"{_FIN}finalised_at")),
                then=Value(NFRCState.RETURNED.value),
            ),
            When(erased__isnull=False, then=Value(NFRCState.ERASED.value)),
            When(
                Q(**{f"{_FIN}outcome": rules.TRANSFERRED_OUTCOME}),
                then=Value(NFRCState.TRANSFERRED.value),
            ),
            When(
                Q(**{f"{_FIN}id__isnull": False}),
                then=Value(NFRCState.NOT_RETURNED.value),
            ),
            default=Value(NFRCState.OPEN.value),
            output_field=CharField(),
        )
    )


# Each NFRC number's state as `_states` computes it, written onto the number
# (NFRCNumber.reconciliation), for the numbers chosen: one UPDATE, each row deciding its state
# from four unique-index lookups. The same order as NFRCState: the first that holds.
_RESTATE = """
UPDATE {nfrc} SET reconciliation = CASE
    WHEN EXISTS (SELECT 1 FROM {returned} rt JOIN {finalisation} f ON f.report_id = {nfrc}.report_id
                 WHERE rt.nfrc_id = {nfrc}.id AND rt.outcome = f.outcome
                   AND rt.finalised_at = f.finalised_at) THEN %s
    WHEN EXISTS (SELECT 1 FROM {erased} e WHERE e.nfrc_id = {nfrc}.id) THEN %s
    WHEN EXISTS (SELECT 1 FROM {finalisation} f WHERE f.report_id = {nfrc}.report_id
                   AND f.outcome = %s) THEN %s
    WHEN EXISTS (SELECT 1 FROM {finalisation} f WHERE f.report_id = {nfrc}.report_id) THEN %s
    ELSE %s END
WHERE {chosen}
"""


def restate(numbers: QuerySet[NFRCNumber] | None = None) -> None:
    """Bring the stored reconciliation state of these NFRC numbers (every one, when None) up to
    date with what it is derived from: the outcome recorded, the outcome last returned, an
    erasure. Called wherever one of those changes (an outcome recorded, a number added, a return
    sent, personal data erased): so the counts and the gap list read an index, not every
    number, and `misstated` finds any that were not."""
    chosen, chosen_params = "1 = 1", ()
    if numbers is not None:
        sql, chosen_params = numbers.values("pk").query.sql_with_params()
        chosen = f"id IN ({sql})"
    query = _RESTATE.format(
        nfrc=NFRCNumber._meta.db_table,
        finalisation=Finalisation._meta.db_table,
        returned=ReturnedNFRC._meta.db_table,
        erased=ErasedNFRC._meta.db_table,
        chosen=chosen,
    )
    params = (
        NFRCState.RETURNED.value,
        NFRCState.ERASED.value,
        rules.TRANSFERRED_OUTCOME,
        NFRCState.TRANSFERRED.value,
        NFRCState.NOT_RETURNED.value,
        NFRCState.OPEN.value,
        *chosen_params,
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)


def restate_reports(report_ids: list[int]) -> None:
    """Restate the NFRC numbers of these reports."""
    restate(NFRCNumber.objects.filter(report_id__in=report_ids))


def misstated() -> int:
    """How many NFRC numbers have a stored state other than the one computed now (0, unless a
    change reached the tables by a way that did not restate them): `fraudcase returns restate
    --check` reports it, and `fraudcase returns restate` puts it right."""
    stale: int = _states(None).exclude(reconciliation=F("state")).count()
    return stale


@dataclass
class Reconciliation:
    counts: dict[NFRCState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def gaps(self) -> int:
        return self.total - self.counts[NFRCState.RETURNED]


def _numbers(user: User | None) -> QuerySet[NFRCNumber]:
    """The NFRC numbers a user may see, for counting and listing many: those not on a report
    hidden from them (reports.services.off_hidden_reports: no join through every report)."""
    found = NFRCNumber.objects.all()
    return found if user is None else found.filter(report_services.off_hidden_reports(user))


def reconciliation(user: User | None) -> Reconciliation:
    """How many NFRC numbers are in each state, from the stored states: the gaps by state
    through their partial index, and every number counted once; the returned are the rest
    (and, for the whole unit, the tombstones whose NFRC row is gone count as erased)."""
    counts = dict.fromkeys(NFRCState, 0)
    numbers = _numbers(user)
    gaps = (
        numbers.exclude(reconciliation=NFRCState.RETURNED.value)
        .order_by()
        .values("reconciliation")
        .annotate(n=Count("pk"))
    )
    for row in gaps:
        counts[NFRCState(row["reconciliation"])] += row["n"]
    counts[NFRCState.RETURNED] = numbers.count() - sum(counts.values())
    if user is None:
        counts[NFRCState.ERASED] += ErasedNFRC.objects.filter(nfrc__isnull=True).count()
    return Reconciliation(counts)


def gap_list(user: User | None, state: str = "") -> QuerySet[Any]:
    """The NFRC numbers without a returned outcome (or of one gap state), oldest report first
    (in the order reports were recorded: the gaps' index, so a page costs the same whatever
    the history holds): number, local reference, state, stage (the report's status),
    received."""
    rows = _numbers(user).exclude(reconciliation=NFRCState.RETURNED.value)
    if state in rules.GAP_STATES:
        rows = rows.filter(reconciliation=state)
    found: QuerySet[Any] = rows.values(
        "report_id",
        state=F("reconciliation"),
        nfrc=F("number"),
        local_reference=F("report__local_reference"),
        stage=F("report__status"),
        received_at=F("report__received_at"),
        outcome=F(f"{_FIN}outcome"),
    ).order_by("report_id", "pk")
    return found


def age_days(received_at: datetime, today: date) -> int:
    """Whole days from the day a report was received (London) to today."""
    return (today - timezone.localtime(received_at).date()).days


def gap_frame(rows: list[dict[str, Any]], today: date) -> pl.DataFrame:
    """The gap list's rows as a table for export."""
    return pl.DataFrame(
        [
            (
                r["nfrc"],
                r["local_reference"],
                NFRCState(r["state"]).label,
                ReportStatus(r["stage"]).label if r["stage"] else "",
                timezone.localtime(r["received_at"]).date().isoformat(),
                age_days(r["received_at"], today),
                r["outcome"],
            )
            for r in rows
        ],
        schema={
            "NFRC number": pl.String,
            "Local reference": pl.String,
            "State": pl.String,
            "Stage": pl.String,
            "Received": pl.String,
            "Age (days)": pl.Int64,
            "Outcome type": pl.Int64,
        },
        orient="row",
    )


# ---------------------------------------------------------------- erasure (reports.on_erasure)


def keep_erased_nfrcs(report: Report) -> None:
    """A report's personal data is being erased: keep its NFRC numbers as tombstones, so the
    reconciliation still accounts for them (state "erased")."""
    now = timezone.now()
    ErasedNFRC.objects.bulk_create(
        [
            ErasedNFRC(number=n.number, nfrc=n, erased_at=now)
            for n in NFRCNumber.objects.filter(report=report)
        ],
        ignore_conflicts=True,
    )
    restate_reports([report.pk])


# ---------------------------------------------------------------- the command's summary


def disseminated(user: User | None, month: date) -> tuple[int, int]:
    """D: the NFRC numbers on reports the force received in the month (London time; a
    package's receipt, a call for service's or referral's when taken); W: of those, how many
    have no outcome recorded yet. One aggregate."""
    start, end = _bounds(month)
    got = (
        _nfrcs(user)
        .filter(report__received_at__gte=start, report__received_at__lt=end)
        .aggregate(
            d=Count("pk"),
            w=Count("pk", filter=Q(**{f"{_FIN}id__isnull": True})),
        )
    )
    return got["d"] or 0, got["w"] or 0
