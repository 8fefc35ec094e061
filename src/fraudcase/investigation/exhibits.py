"""Exhibits with continuity (issue 15 item 4): the exhibit reference (the officer's initials
and a number, unique on the case), the seizure, every movement as one link of an unbroken
chain (rules.chain_problems), digital exhibits stored as reports' material is, with their
SHA-256, and property returned or destroyed with the authority. Reads start from
services.open_file (the report's access); writes are one transaction each, audited and on the
report's timeline.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BufferedReader

import polars as pl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import AttachmentRejected, InvalidInput
from fraudcase.reports import services as report_services

from . import rules
from .models import Exhibit, Movement
from .services import File, _lock, _require_plan, _timeline


def exhibits(file: File) -> QuerySet[Exhibit]:
    """The case's exhibits by reference, each with its movements: two queries."""
    moves = Movement.objects.order_by("start", "pk")
    return file.report.exhibits.select_related("seized_by", "disposed_by").prefetch_related(
        Prefetch("movements", queryset=moves)
    )


def get_exhibit(file: File, exhibit_id: int) -> Exhibit:
    """One exhibit of this case, with its movements; Http404 if it is not on this case."""
    found = exhibits(file).filter(pk=exhibit_id).first()
    if found is None:
        raise Http404("No such exhibit")
    return found


def _spans(exhibit: Exhibit) -> list[rules.Span]:
    return [rules.Span(m.held_by, m.start, m.end) for m in exhibit.movements.all()]


def chain_problems(exhibit: Exhibit) -> list[str]:
    """Why the exhibit's chain of continuity is broken ([] when it is unbroken)."""
    return rules.chain_problems(exhibit.seized_at, _spans(exhibit), exhibit.disposed_at)


@dataclass(frozen=True)
class ExhibitInput:
    initials: str
    description: str
    seized_from: str
    seized_where: str
    seized_at: datetime
    seal_number: str
    storage_location: str
    upload: UploadedFile | None = None


@transaction.atomic
def record_exhibit(file: File, data: ExhibitInput) -> Exhibit:
    """Record an exhibit seized by this user, numbered after the others with the same initials
    on the case, held by the seizing officer from the time of seizure (the first link of its
    chain). A digital exhibit's file is checked and stored with its SHA-256."""
    _require_plan(file)
    problems: dict[str, str] = {}
    if problem := rules.initials_problem(data.initials):
        problems["initials"] = problem
    for name in ("description", "seized_from", "seized_where", "storage_location"):
        if not getattr(data, name).strip():
            problems[name] = "Enter this"
    if data.seized_at > timezone.now():
        problems["seized_at"] = "The time it was seized must be in the past"
    content_type = ""
    if data.upload is not None:
        try:
            content_type = report_services.check_attachment(data.upload)
        except AttachmentRejected as rejected:
            problems["upload"] = str(rejected)
    if problems:
        raise InvalidInput(problems)
    _lock(file)
    initials = data.initials.strip().upper()
    number = (
        file.report.exhibits.filter(initials=initials).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    stored, digest = report_services.store_file(data.upload) if data.upload else ("", "")
    now = timezone.now()
    exhibit = Exhibit.objects.create(
        report=file.report,
        reference=rules.exhibit_reference(initials, number),
        initials=initials,
        number=number,
        description=data.description.strip(),
        seized_from=data.seized_from.strip(),
        seized_where=data.seized_where.strip(),
        seized_at=data.seized_at,
        seized_by=file.user,
        seal_number=data.seal_number.strip(),
        storage_location=data.storage_location.strip(),
        filename=(data.upload.name or "")[:255] if data.upload else "",
        storage_name=stored,
        content_type=content_type,
        size=data.upload.size if data.upload else None,
        sha256=digest,
        recorded_by=file.user,
        recorded_at=now,
    )
    Movement.objects.create(
        exhibit=exhibit,
        held_by=str(file.user),
        start=data.seized_at,
        reason="Seized",
        recorded_by=file.user,
        recorded_at=now,
    )
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "exhibit",
        f"{file.reference} {exhibit.reference}",
        f"Exhibit {exhibit.reference} recorded",
    )
    _timeline(
        file,
        f"Exhibit {exhibit.reference} seized from {exhibit.seized_from}: {exhibit.description}"[
            :2000
        ],
    )
    return exhibit


def _locked_exhibit(file: File, exhibit_id: int) -> Exhibit:
    _lock(file)
    return get_exhibit(file, exhibit_id)


@transaction.atomic
def move_exhibit(
    file: File, exhibit_id: int, *, held_by: str, at: datetime, reason: str
) -> Exhibit:
    """Record that the exhibit passed to `held_by` at `at`, for `reason`: the current holder's
    time ends at `at` and the new holder's begins, so the chain has no gap and no overlap
    (rules.chain_problems is checked before anything is saved)."""
    _require_plan(file)
    exhibit = _locked_exhibit(file, exhibit_id)
    moves = list(exhibit.movements.all())
    current = moves[-1] if moves and moves[-1].end is None else None
    span = rules.Span(current.held_by, current.start, None) if current else None
    problems = rules.handover_problems(span, at, timezone.now(), bool(exhibit.disposal))
    if not held_by.strip():
        problems["held_by"] = "Enter who has the exhibit now"
    if not reason.strip():
        problems["reason"] = "Enter why it moved"
    if problems:
        raise InvalidInput(problems)
    assert current is not None
    spans = [
        *_spans(exhibit)[:-1],
        rules.Span(current.held_by, current.start, at),
        rules.Span(held_by.strip(), at, None),
    ]
    if broken := rules.chain_problems(exhibit.seized_at, spans, None):
        raise InvalidInput({"at": broken[0]})
    now = timezone.now()
    Movement.objects.filter(pk=current.pk).update(end=at)
    Movement.objects.create(
        exhibit=exhibit,
        held_by=held_by.strip()[:200],
        start=at,
        reason=reason.strip()[:300],
        recorded_by=file.user,
        recorded_at=now,
    )
    audit.record(
        file.user,
        AuditAction.ALTERATION,
        "exhibit",
        f"{file.reference} {exhibit.reference}",
        f"Exhibit {exhibit.reference} moved",
    )
    _timeline(
        file, f"Exhibit {exhibit.reference} passed to {held_by.strip()}: {reason.strip()}"[:2000]
    )
    return get_exhibit(file, exhibit_id)


@transaction.atomic
def dispose_exhibit(
    file: File, exhibit_id: int, *, disposal: str, authority: str, at: datetime
) -> Exhibit:
    """Record the exhibit returned or destroyed at `at`, on `authority`: the last holder's time
    ends then, and it moves no more."""
    _require_plan(file)
    exhibit = _locked_exhibit(file, exhibit_id)
    moves = list(exhibit.movements.all())
    current = moves[-1] if moves and moves[-1].end is None else None
    span = rules.Span(current.held_by, current.start, None) if current else None
    problems = rules.handover_problems(span, at, timezone.now(), bool(exhibit.disposal))
    if disposal not in rules.Disposal.values:
        problems["disposal"] = "Select whether it was returned or destroyed"
    if not authority.strip():
        problems["authority"] = "Enter the authority for returning or destroying it"
    if problems:
        raise InvalidInput(problems)
    assert current is not None
    Movement.objects.filter(pk=current.pk).update(end=at)
    Exhibit.objects.filter(pk=exhibit.pk).update(
        disposal=disposal,
        disposal_authority=authority.strip()[:300],
        disposed_at=at,
        disposed_by=file.user,
    )
    label = rules.Disposal(disposal).label.lower()
    audit.record(
        file.user,
        AuditAction.ALTERATION,
        "exhibit",
        f"{file.reference} {exhibit.reference}",
        f"Exhibit {exhibit.reference} {disposal}",
    )
    _timeline(file, f"Exhibit {exhibit.reference} {label}. Authority: {authority.strip()}"[:2000])
    return get_exhibit(file, exhibit_id)


def open_exhibit_file(file: File, exhibit_id: int) -> tuple[Exhibit, BufferedReader]:
    """A digital exhibit's file, opened (the caller audits the disclosure); Http404 if the
    exhibit has no file."""
    exhibit = get_exhibit(file, exhibit_id)
    if not exhibit.storage_name:
        raise Http404("That exhibit has no file")
    return exhibit, open(settings.ATTACHMENT_ROOT / exhibit.storage_name, "rb")


def exhibit_frame(file: File) -> pl.DataFrame:
    """The exhibit list with each exhibit's continuity, for csv and xlsx."""
    rows = []
    for e in exhibits(file):
        chain = "; ".join(
            f"{m.held_by} from {timezone.localtime(m.start):%d/%m/%Y %H:%M}"
            + (f" to {timezone.localtime(m.end):%d/%m/%Y %H:%M}" if m.end else "")
            + f" ({m.reason})"
            for m in e.movements.all()
        )
        rows.append(
            {
                "Reference": e.reference,
                "Description": e.description,
                "Seized from": e.seized_from,
                "Where": e.seized_where,
                "When": f"{timezone.localtime(e.seized_at):%d/%m/%Y %H:%M}",
                "Seized by": str(e.seized_by),
                "Seal number": e.seal_number,
                "Storage location": e.storage_location,
                "File": e.filename,
                "SHA-256": e.sha256,
                "Continuity": chain,
                "Returned or destroyed": e.get_disposal_display() if e.disposal else "",
                "Authority": e.disposal_authority,
            }
        )
    columns = [
        "Reference",
        "Description",
        "Seized from",
        "Where",
        "When",
        "Seized by",
        "Seal number",
        "Storage location",
        "File",
        "SHA-256",
        "Continuity",
        "Returned or destroyed",
        "Authority",
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))
