"""Reads and writes for the file for the CPS. Every read starts from the case's investigation
file (investigation.services.open_file: a report the user may not see is a 404, a restricted
one asks for a reason, a report that is not a case is a 404); every write is one transaction,
by a user who works cases, audited and put on the report's timeline.
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import BufferedReader

import polars as pl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases.models import Case
from fraudcase.cases.rules import HOME_OFFICE_OUTCOMES
from fraudcase.core import paging
from fraudcase.core.errors import AttachmentRejected, InvalidInput, NotPermitted
from fraudcase.investigation import services as investigation
from fraudcase.investigation.models import Exhibit
from fraudcase.investigation.services import File, open_file
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Report, Suspect

from . import rules
from .models import (
    ChargingDecision,
    DisclosureReport,
    Document,
    DocumentVersion,
    Hearing,
    Interview,
    Schedule,
    ScheduleItem,
)

__all__ = ["File", "open_file"]


def may_work(file: File) -> bool:
    """Whether this user adds to the file for the CPS (the roles that work cases)."""
    return investigation.may_work_plan(file)


def _require(file: File) -> None:
    if not may_work(file):
        raise NotPermitted("Your role does not work case files")


def _lock(file: File) -> None:
    """One writer at a time on this case's file: numbers run on without a clash."""
    Case.objects.select_for_update().filter(pk=file.case.pk).first()


def _done(file: File, action: AuditAction, what: str, timeline: str) -> None:
    audit.record(file.user, action, "casefile", file.reference, what[:200])
    report_services.add_log_entry(file.user, file.report, timeline[:2000])


# ---------------------------------------------------------------- statements and documents


def documents(file: File) -> QuerySet[Document]:
    """The case's statements and documents in order, each with its versions: two queries."""
    versions = DocumentVersion.objects.select_related("added_by").order_by("version")
    return file.report.case_documents.select_related("recorded_by").prefetch_related(
        Prefetch("versions", queryset=versions)
    )


def get_document(file: File, document_id: int) -> Document:
    """One document of this case; Http404 if it is not on this case."""
    found = documents(file).filter(pk=document_id).first()
    if found is None:
        raise Http404("No such document")
    return found


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    title: str
    author: str
    dated: date
    upload: UploadedFile
    note: str = ""


def _check_upload(upload: UploadedFile | None, problems: dict[str, str]) -> str:
    if upload is None:
        problems["upload"] = "Select the file"
        return ""
    try:
        return report_services.check_attachment(upload)
    except AttachmentRejected as rejected:
        problems["upload"] = str(rejected)
        return ""


def _version(
    document: Document, number: int, upload: UploadedFile, kind: str, note: str, file: File
) -> DocumentVersion:
    stored, digest = report_services.store_file(upload)
    return DocumentVersion.objects.create(
        document=document,
        version=number,
        filename=(upload.name or "document")[:255],
        storage_name=stored,
        content_type=kind,
        size=upload.size or 0,
        sha256=digest,
        note=note.strip()[:300],
        added_by=file.user,
        added_at=timezone.now(),
    )


@transaction.atomic
def add_document(file: File, data: DocumentInput) -> Document:
    """Attach a statement or document to the case, its file as version 1 with its SHA-256.
    The disclosure schedules are then due a review (rules.material_to_review)."""
    _require(file)
    problems: dict[str, str] = {}
    if data.kind not in rules.DocumentKind.values:
        problems["kind"] = "Select what kind of document it is"
    for name in ("title", "author"):
        if not getattr(data, name).strip():
            problems[name] = "Enter this"
    if data.dated > timezone.localdate():
        problems["dated"] = "The date must be today or in the past"
    content_type = _check_upload(data.upload, problems)
    if problems:
        raise InvalidInput(problems)
    _lock(file)
    number = (file.report.case_documents.aggregate(n=Max("number"))["n"] or 0) + 1
    document = Document.objects.create(
        report=file.report,
        number=number,
        kind=data.kind,
        title=data.title.strip()[:200],
        author=data.author.strip()[:200],
        dated=data.dated,
        recorded_by=file.user,
        recorded_at=timezone.now(),
    )
    _version(document, 1, data.upload, content_type, data.note, file)
    _done(
        file,
        AuditAction.COLLECTION,
        f"Document {document.reference} attached",
        f"{document.get_kind_display()} {document.reference} attached: {document.title}, "
        f"by {document.author}, dated {document.dated:%d/%m/%Y}",
    )
    return document


@transaction.atomic
def add_version(file: File, document_id: int, upload: UploadedFile, note: str) -> DocumentVersion:
    """A new version of the document's file; the earlier versions are kept as they were."""
    _require(file)
    problems: dict[str, str] = {}
    content_type = _check_upload(upload, problems)
    if not note.strip():
        problems["note"] = "Enter what changed in this version"
    if problems:
        raise InvalidInput(problems)
    _lock(file)
    document = get_document(file, document_id)
    number = rules.next_version(v.version for v in document.versions.all())
    version = _version(document, number, upload, content_type, note, file)
    _done(
        file,
        AuditAction.ALTERATION,
        f"Document {document.reference} version {number} added",
        f"{document.reference} {document.title}: version {number} added ({version.note})",
    )
    return version


def open_version(
    file: File, document_id: int, number: int
) -> tuple[DocumentVersion, BufferedReader]:
    """One version's file, opened (the caller audits the disclosure); Http404 if none."""
    document = get_document(file, document_id)
    version = next((v for v in document.versions.all() if v.version == number), None)
    if version is None:
        raise Http404("No such version")
    return version, open(settings.ATTACHMENT_ROOT / version.storage_name, "rb")


def documents_frame(file: File) -> pl.DataFrame:
    """The statements index, for csv, xlsx and the bundle."""
    rows = []
    for d in documents(file):
        versions = list(d.versions.all())
        latest = versions[-1] if versions else None
        rows.append(
            {
                "Reference": d.reference,
                "Kind": d.get_kind_display(),
                "Title": d.title,
                "Author": d.author,
                "Dated": f"{d.dated:%d/%m/%Y}",
                "Versions": str(len(versions)),
                "Latest file": latest.filename if latest else "",
                "SHA-256": latest.sha256 if latest else "",
            }
        )
    columns = [
        "Reference",
        "Kind",
        "Title",
        "Author",
        "Dated",
        "Versions",
        "Latest file",
        "SHA-256",
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))


# ---------------------------------------------------------------- disclosure schedules


def _kind(kind: str) -> rules.ScheduleKind:
    if kind not in rules.ScheduleKind.values:
        raise Http404("No such schedule")
    return rules.ScheduleKind(kind)


def schedule(file: File, kind: str) -> Schedule:
    """The case's schedule of this kind (one not yet started is an unsaved, empty one: a read
    never writes)."""
    found = (
        file.report.disclosure_schedules.filter(kind=_kind(kind))
        .select_related("reviewed_by")
        .first()
    )
    return found or Schedule(report=file.report, kind=kind)


def items(sched: Schedule) -> list[ScheduleItem]:
    """The schedule's items in number order, withdrawn ones included: one query."""
    if sched.pk is None:
        return []
    return list(sched.items.select_related("added_by", "withdrawn_by").order_by("number"))


def material(file: File) -> list[tuple[str, datetime]]:
    """The material added to the case (label, when): every statement or document version and
    every exhibit recorded. Two queries."""
    found = [
        (
            f"{v.document.reference} {v.document.title}"
            + (f" (version {v.version})" if v.version > 1 else ""),
            v.added_at,
        )
        for v in DocumentVersion.objects.filter(document__report=file.report)
        .select_related("document")
        .order_by("added_at", "pk")
    ]
    found += [
        (f"Exhibit {e.reference} {e.description[:80]}", e.recorded_at)
        for e in Exhibit.objects.filter(report=file.report).order_by("recorded_at", "pk")
    ]
    return sorted(found, key=lambda m: m[1])


def to_review(file: File, sched: Schedule) -> list[str]:
    """The material added since the schedule was last reviewed (rules.material_to_review)."""
    return rules.material_to_review(sched.reviewed_at, material(file))


def _locked_schedule(file: File, kind: str) -> Schedule:
    _lock(file)
    sched, _ = Schedule.objects.get_or_create(report=file.report, kind=_kind(kind))
    return sched


@dataclass(frozen=True)
class ItemInput:
    description: str
    location: str
    decision: str = ""  # MG6C
    sensitivity: str = ""  # MG6D


@transaction.atomic
def add_item(file: File, kind: str, data: ItemInput) -> ScheduleItem:
    """Add an item of unused material to the schedule, numbered after every item ever on it
    (rules.next_item_number), with the disclosure officer's decision (MG6C) or the reason it
    is sensitive (MG6D)."""
    _require(file)
    kind = _kind(kind)
    problems = rules.item_problems(
        kind, data.description, data.location, data.decision, data.sensitivity
    )
    if problems:
        raise InvalidInput(problems)
    sched = _locked_schedule(file, kind)
    number = rules.next_item_number(sched.items.values_list("number", flat=True))
    item = ScheduleItem.objects.create(
        schedule=sched,
        number=number,
        description=data.description.strip(),
        location=data.location.strip()[:200],
        decision=data.decision if kind == rules.ScheduleKind.MG6C else "",
        sensitivity=data.sensitivity.strip() if kind == rules.ScheduleKind.MG6D else "",
        added_by=file.user,
        added_at=timezone.now(),
    )
    label = kind.upper()
    _done(
        file,
        AuditAction.COLLECTION,
        f"{label} item {number} added",
        f"{label} item {number} scheduled: {item.description}"
        + (f" ({item.get_decision_display()})" if item.decision else ""),
    )
    return item


def _item(sched: Schedule, number: int) -> ScheduleItem:
    found = sched.items.filter(number=number).first()
    if found is None:
        raise Http404("No such item")
    return found


@transaction.atomic
def withdraw_item(file: File, kind: str, number: int, reason: str) -> ScheduleItem:
    """Withdraw an item from the schedule: it keeps its number, marked withdrawn with the
    reason (numbers are never reused or renumbered)."""
    _require(file)
    sched = _locked_schedule(file, kind)
    item = _item(sched, number)
    if problem := rules.withdraw_problem(item.withdrawn_at is not None, reason):
        raise InvalidInput({"reason": problem})
    ScheduleItem.objects.filter(pk=item.pk).update(
        withdrawn_at=timezone.now(), withdrawn_by=file.user, withdrawn_reason=reason.strip()[:300]
    )
    label = sched.kind.upper()
    _done(
        file,
        AuditAction.ALTERATION,
        f"{label} item {number} withdrawn",
        f"{label} item {number} withdrawn: {reason.strip()}",
    )
    return _item(sched, number)


@transaction.atomic
def record_prosecutor_decision(file: File, number: int, decision: str) -> ScheduleItem:
    """Record the prosecutor's decision on a sensitive item (MG6D)."""
    _require(file)
    if decision not in rules.ProsecutorDecision.values or not decision:
        raise InvalidInput({"prosecutor_decision": "Select the prosecutor's decision"})
    sched = _locked_schedule(file, rules.ScheduleKind.MG6D)
    item = _item(sched, number)
    ScheduleItem.objects.filter(pk=item.pk).update(prosecutor_decision=decision)
    label = rules.ProsecutorDecision(decision).label
    _done(
        file,
        AuditAction.ALTERATION,
        f"MG6D item {number}: prosecutor's decision recorded",
        f"MG6D item {number}: prosecutor's decision: {label}",
    )
    return _item(sched, number)


@transaction.atomic
def mark_reviewed(file: File, kind: str) -> Schedule:
    """The disclosure officer has reviewed the schedule against the material now on the
    case: what was added before now is no longer shown as due a review."""
    _require(file)
    sched = _locked_schedule(file, kind)
    now = timezone.now()
    Schedule.objects.filter(pk=sched.pk).update(reviewed_at=now, reviewed_by=file.user)
    label = sched.kind.upper()
    _done(file, AuditAction.ALTERATION, f"{label} reviewed", f"{label} reviewed by {file.user}")
    return schedule(file, kind)


def schedule_frame(file: File, kind: str) -> pl.DataFrame:
    """A schedule's items for csv and xlsx: every item, withdrawn ones marked."""
    sched = schedule(file, kind)
    columns = ["Item", "Description", "Location", "Decision", "Withdrawn"]
    if sched.kind == rules.ScheduleKind.MG6D:
        columns = [
            "Item",
            "Description",
            "Location",
            "Reason sensitive",
            "Prosecutor's decision",
            "Withdrawn",
        ]
    rows = []
    for i in items(sched):
        withdrawn = (
            f"Withdrawn {timezone.localtime(i.withdrawn_at):%d/%m/%Y}: {i.withdrawn_reason}"
            if i.withdrawn_at
            else ""
        )
        row = {"Item": str(i.number), "Description": i.description, "Location": i.location}
        if sched.kind == rules.ScheduleKind.MG6D:
            row["Reason sensitive"] = i.sensitivity
            row["Prosecutor's decision"] = (
                i.get_prosecutor_decision_display() if i.prosecutor_decision else "Not yet decided"
            )
        else:
            row["Decision"] = i.decision
        row["Withdrawn"] = withdrawn
        rows.append(row)
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))


def disclosure_reports(file: File) -> QuerySet[DisclosureReport]:
    return file.report.disclosure_reports.select_related("certified_by")


@transaction.atomic
def certify(file: File, attention: str) -> DisclosureReport:
    """The disclosure officer's report (MG6E): the officer certifies that the material has
    been retained, recorded and reviewed and that the schedules are complete (CPIA Code
    para 10.1), naming any material for the prosecutor's attention. Each certificate is kept."""
    _require(file)
    _lock(file)
    entry = DisclosureReport.objects.create(
        report=file.report,
        attention=attention.strip(),
        certified_by=file.user,
        certified_at=timezone.now(),
    )
    _done(file, AuditAction.COLLECTION, "MG6E certified", f"MG6E certified by {file.user}")
    return entry


# ---------------------------------------------------------------- charging and court


def suspects(file: File) -> list[Suspect]:
    """The report's suspects, whatever their source: those its NFIB package carried and those
    an officer recorded (investigation.nominals, issue 15 item 1)."""
    return list(file.report.suspects.select_related("nominal").order_by("pk"))


def suspect_choices(file: File) -> list[tuple[int, str]]:
    """The report's suspects for a form, each labelled with where it came from."""
    return [(s.pk, suspect_label(s)) for s in suspects(file)]


def suspect_label(suspect: Suspect) -> str:
    by_hand = getattr(suspect, "nominal", None) is not None
    return f"{suspect} ({'recorded by an officer' if by_hand else 'from the report'})"


def suspect_named_in_file(suspect: Suspect) -> str | None:
    """Registered with investigation.nominals: a suspect interviewed, put for charging or at
    court stays on the report, so the file for the CPS keeps saying who (three EXISTS)."""
    for model, what in (
        (Interview, "interviewed"),
        (ChargingDecision, "put for a charging decision"),
        (Hearing, "at court"),
    ):
        if model.objects.filter(suspect=suspect).exists():
            return f"{suspect} was {what} in the file for the CPS: the suspect stays on the report"
    return None


def _suspect(file: File, suspect_id: int | None, problems: dict[str, str]) -> Suspect | None:
    found = file.report.suspects.filter(pk=suspect_id).first() if suspect_id else None
    if found is None:
        problems["suspect"] = "Select a suspect on this report"
    return found


def who(entry: Interview | ChargingDecision | Hearing) -> str:
    """The suspect an entry is about, or "[erased]" once the report's personal data is."""
    return str(entry.suspect) if entry.suspect else report_services.ERASED


def interviews(file: File) -> QuerySet[Interview]:
    return file.report.suspect_interviews.select_related("suspect", "recorded_by")


def charging(file: File) -> QuerySet[ChargingDecision]:
    return file.report.charging_decisions.select_related("suspect", "recorded_by")


def hearings(file: File) -> QuerySet[Hearing]:
    return file.report.court_hearings.select_related("suspect", "recorded_by")


def _not_future(day: date | None, name: str, problems: dict[str, str]) -> None:
    if day is None:
        problems[name] = "Enter the date"
    elif day > timezone.localdate():
        problems[name] = "The date must be today or in the past"


@transaction.atomic
def record_interview(
    file: File, *, suspect: int | None, held_on: date | None, kind: str, notes: str = ""
) -> Interview:
    _require(file)
    problems: dict[str, str] = {}
    found = _suspect(file, suspect, problems)
    _not_future(held_on, "held_on", problems)
    if kind not in rules.InterviewKind.values:
        problems["kind"] = "Select the type of interview"
    if problems:
        raise InvalidInput(problems)
    assert found is not None and held_on is not None
    entry = Interview.objects.create(
        report=file.report,
        suspect=found,
        held_on=held_on,
        kind=kind,
        notes=notes.strip(),
        recorded_by=file.user,
        recorded_at=timezone.now(),
    )
    _done(
        file,
        AuditAction.COLLECTION,
        "Suspect interview recorded",
        f"{found} interviewed on {held_on:%d/%m/%Y}: {entry.get_kind_display()}",
    )
    return entry


@transaction.atomic
def request_charging(
    file: File,
    *,
    suspect: int | None,
    decision_maker: str,
    requested_on: date | None,
    notes: str = "",
) -> ChargingDecision:
    _require(file)
    problems: dict[str, str] = {}
    found = _suspect(file, suspect, problems)
    _not_future(requested_on, "requested_on", problems)
    if decision_maker not in rules.DecisionMaker.values:
        problems["decision_maker"] = "Select who makes the charging decision"
    if problems:
        raise InvalidInput(problems)
    assert found is not None and requested_on is not None
    entry = ChargingDecision.objects.create(
        report=file.report,
        suspect=found,
        decision_maker=decision_maker,
        requested_on=requested_on,
        notes=notes.strip(),
        recorded_by=file.user,
        recorded_at=timezone.now(),
    )
    _done(
        file,
        AuditAction.COLLECTION,
        "Charging decision requested",
        f"Charging decision on {found} requested from the "
        f"{entry.get_decision_maker_display()} on {requested_on:%d/%m/%Y}",
    )
    return entry


@transaction.atomic
def record_charging_decision(
    file: File, request_id: int, *, decision: str, decided_on: date | None
) -> ChargingDecision:
    """The charging decision received on a request made earlier."""
    _require(file)
    _lock(file)
    entry = charging(file).filter(pk=request_id).first()
    if entry is None:
        raise Http404("No such charging request")
    problems: dict[str, str] = {}
    if decision not in rules.ChargingOutcome.values:
        problems["decision"] = "Select the decision"
    _not_future(decided_on, "decided_on", problems)
    if decided_on and decided_on < entry.requested_on:
        problems["decided_on"] = "The decision cannot come before it was requested"
    if problems:
        raise InvalidInput(problems)
    ChargingDecision.objects.filter(pk=entry.pk).update(decision=decision, decided_on=decided_on)
    label = rules.ChargingOutcome(decision).label
    _done(
        file,
        AuditAction.ALTERATION,
        "Charging decision recorded",
        f"Charging decision on {who(entry)} ({entry.get_decision_maker_display()}): {label}",
    )
    return charging(file).get(pk=entry.pk)


@transaction.atomic
def add_hearing(
    file: File, *, suspect: int | None, held_on: date | None, court: str, kind: str
) -> Hearing:
    _require(file)
    problems: dict[str, str] = {}
    found = _suspect(file, suspect, problems)
    if held_on is None:
        problems["held_on"] = "Enter the date of the hearing"
    if not court.strip():
        problems["court"] = "Enter the court"
    if kind not in rules.HearingKind.values:
        problems["kind"] = "Select the type of hearing"
    if problems:
        raise InvalidInput(problems)
    assert found is not None and held_on is not None
    entry = Hearing.objects.create(
        report=file.report,
        suspect=found,
        held_on=held_on,
        court=court.strip()[:200],
        kind=kind,
        recorded_by=file.user,
        recorded_at=timezone.now(),
    )
    _done(
        file,
        AuditAction.COLLECTION,
        "Court hearing added",
        f"{entry.get_kind_display()} for {found} at {entry.court} on {held_on:%d/%m/%Y}",
    )
    return entry


@transaction.atomic
def record_hearing_result(file: File, hearing_id: int, *, result: str, notes: str = "") -> Hearing:
    _require(file)
    entry = hearings(file).filter(pk=hearing_id).first()
    if entry is None:
        raise Http404("No such hearing")
    if not result or result not in rules.HearingResult.values:
        raise InvalidInput({"result": "Select the result"})
    Hearing.objects.filter(pk=entry.pk).update(result=result, result_notes=notes.strip())
    label = rules.HearingResult(result).label
    _done(
        file,
        AuditAction.ALTERATION,
        "Court result recorded",
        f"{entry.get_kind_display()} for {who(entry)} at {entry.court}: {label}"
        + (f". {notes.strip()}" if notes.strip() else ""),
    )
    return hearings(file).get(pk=entry.pk)


@dataclass(frozen=True)
class Suggestion:
    outcome: int
    label: str


def suggestion(decisions: list[ChargingDecision]) -> Suggestion | None:
    """The Home Office outcome the charging decisions suggest (rules.suggested_outcome)."""
    outcome = rules.suggested_outcome((d.decision, d.decision_maker) for d in decisions)
    return Suggestion(outcome, HOME_OFFICE_OUTCOMES[outcome]) if outcome else None


# ---------------------------------------------------------------- erasure


def erase(report: Report) -> None:
    """What the file for the CPS erases when a report's personal data is erased (registered
    with reports.services.on_erasure; runs inside the erasure's transaction): the files of
    every document version (removed after commit) and the text that may name people; the
    numbers, kinds, dates and decisions stay, so the record of what was done remains."""
    erased = report_services.ERASED
    versions = DocumentVersion.objects.filter(document__report=report)
    names = list(versions.values_list("storage_name", flat=True))
    versions.delete()
    report.case_documents.update(title=erased, author=erased)
    ScheduleItem.objects.filter(schedule__report=report).update(
        description=erased, location=erased, sensitivity=erased, withdrawn_reason=""
    )
    report.disclosure_reports.update(attention=erased)
    report.suspect_interviews.update(notes="")
    report.charging_decisions.update(notes="")
    report.court_hearings.update(result_notes="")

    def remove_files() -> None:
        for name in names:
            (settings.ATTACHMENT_ROOT / name).unlink(missing_ok=True)

    transaction.on_commit(remove_files)


# ---------------------------------------------------------------- the report page's part


def report_part(user: User, report: Report) -> dict[str, object]:
    """What the report page shows of the file for the CPS (the caller opened `report`
    through get_report): how much each part holds. Empty for a report that is not a case.
    A fixed number of queries."""
    if not hasattr(report, "case"):  # read once a page: the report keeps its case
        return {}
    documents, unused, charging = paging.counts(
        [
            report.case_documents.all(),
            ScheduleItem.objects.filter(schedule__report=report, withdrawn_at__isnull=True),
            report.charging_decisions.all(),
        ]
    )
    return {"documents": documents, "unused": unused, "charging": charging}
