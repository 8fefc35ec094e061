"""Reads and writes for reports. Every read goes through `visible_reports` or `get_report`.

A report the user may not see does not exist for them: `get_report` raises Http404 (never a
403 that would confirm it exists), and it is absent from search results, counts and exports.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import reduce
from io import BufferedReader
from operator import or_
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts import services as account_services
from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import HandlingMarking, User
from fraudcase.accounts.rules import markings_cleared_for
from fraudcase.accounts.services import visibility_filter
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk, dates, filetypes
from fraudcase.core.errors import (
    AttachmentRejected,
    Conflict,
    InvalidInput,
    JustificationRequired,
    NotPermitted,
)
from fraudcase.core.prefix import starts_with

from . import deadlines, rules
from .enums import EntryKind, ReportStatus, VictimType
from .models import (
    Attachment,
    EnquiryLogEntry,
    Identifier,
    NameKey,
    NFRCNumber,
    Report,
    StatusChange,
    Suspect,
    Victim,
)
from .references import allocate_references

# What a list shows: reports, rows with a `report` (calls for service, cases...), or references.
Shown = QuerySet[Any] | Iterable[str]

# ---------------------------------------------------------------- access-checked reads


def visible_reports(user: User) -> QuerySet[Report]:
    """Every report this user may see, and no other."""
    return Report.objects.filter(visibility_filter(user))


def on_visible_reports(user: User, relation: str = "report") -> Q:
    """A filter for rows hanging off a report (`relation`) that keeps those on reports this
    user may see: a join, so the planner can start from the rows' own index (a semi-join on
    `visible_reports` can read every report first)."""
    return visibility_filter(user, prefix=f"{relation}__")


def hidden_reports(user: User) -> QuerySet[Report]:
    """The reports this user may NOT see: the complement of `visible_reports`, read from the
    small partial index of reports not for everyone (a marking above OFFICIAL, or restricted
    to a team). Empty for a user cleared for every marking in every team that restricts."""
    if not user.is_authenticated or not user.is_active:
        return Report.objects.all()
    team_ids = account_services.team_ids(user)
    cleared = markings_cleared_for(user.clearance)
    hidden = Q(restricted_to_team__isnull=False)
    if team_ids:
        hidden &= ~Q(restricted_to_team__in=team_ids)
    if set(cleared) != set(HandlingMarking.values):
        hidden |= ~Q(handling_marking__in=cleared)
    # The index's own condition, said again so that the planner reads the index.
    not_for_everyone = ~Q(handling_marking=HandlingMarking.OFFICIAL) | Q(
        restricted_to_team__isnull=False
    )
    return Report.objects.filter(not_for_everyone).filter(hidden)


def off_hidden_reports(user: User, relation: str = "report") -> Q:
    """Rows hanging off a report (`relation`) on reports this user may see, as "not on one
    they may not see": the same rows as `on_visible_reports`, but a whole year of them is
    counted without joining every report. For aggregates
    over many rows (the performance pack); `on_visible_reports` suits a page of rows."""
    # NOT EXISTS, not NOT IN: the planner makes it an anti-join (the hidden few hashed once)
    # however many they are; NOT IN falls back to a subquery per row when they outgrow memory.
    return ~Q(Exists(hidden_reports(user).filter(pk=OuterRef(f"{relation}_id"))))


def get_report(
    user: User,
    local_reference: str,
    *,
    justification: str = "",
    purpose: AuditAction = AuditAction.CONSULTATION,
) -> Report:
    """The report, audited as consulted (or disclosed); Http404 if the user may not see it.

    Raises JustificationRequired for a restricted report when no justification is given.
    """
    report = (
        visible_reports(user)
        .select_related("victim", "package", "restricted_to_team", "recorded_by")
        .filter(local_reference=local_reference)
        .first()
    )
    if report is None:
        raise Http404("No report with that reference")
    if report.is_restricted and not justification.strip():
        raise JustificationRequired(local_reference)
    audit.record(
        user,
        purpose,
        "report",
        report.local_reference,
        f"Viewed report {report.local_reference}",
        justification.strip(),
    )
    return report


# A term matching at least this many rows is read newest first (see `search_page`).
WALK_FROM = 1000


@dataclass(frozen=True)
class Search:
    """One search's reports in two forms: `shown` to read a page of, `counted` to count."""

    shown: QuerySet[Report]
    counted: QuerySet[Report]


def search_reports(
    user: User,
    term: str,
    *,
    source: str = "",
    status: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
) -> QuerySet[Report]:
    """Reports matching a local reference, NFRC, victim name, postcode (or its district or
    sector) or suspect identifier, newest received first, narrowed by source, status and the
    days they were received (UK dates, both ends included). An empty term with a filter finds
    every report it allows; with none, nothing.

    Each kind of term is read through an index (issue 16): the matches are found first, then
    sorted, the cheapest way to count them or to sort them by any column. A page in received
    order reads faster through `search_page`."""
    return search_page(
        user,
        term,
        newest_first=False,
        source=source,
        status=status,
        received_from=received_from,
        received_to=received_to,
    ).counted


def search_page(
    user: User,
    term: str,
    *,
    newest_first: bool = True,
    source: str = "",
    status: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
) -> Search:
    """`search_reports`, with the form to read a page of in received order (`newest_first`):
    when the term matches many rows (WALK_FROM or more), the reports are walked newest first
    and each is checked against the term through an index, so that a common surname costs a
    few hundred index probes instead of sorting every match (PostgreSQL finds this plan by
    itself; SQLite does not). Count `counted`, which reads the matches from the index."""
    parts = _matching(term) if term.strip() else []
    match = Q()
    if term.strip() and not parts:  # a local reference: a column of the report itself
        match = Q(local_reference=rules.classify_search_term(term).local_reference)
    elif parts:
        # A term that may be an identifier and a name (a web address, an IBAN) looks for both:
        # one UNION of report ids, each side from its own index.
        match = Q(pk__in=parts[0] if len(parts) == 1 else parts[0].union(*parts[1:]))
    walk = None
    if parts and newest_first and _at_least(parts, WALK_FROM):
        walk = reduce(or_, (Q(Exists(rows.filter(report_id=OuterRef("pk")))) for rows in parts))
    narrow = Q()
    if not (term.strip() or source or status or received_from or received_to):
        narrow = Q(pk__in=[])
    if source:
        narrow &= Q(source=source)
    if status:
        narrow &= Q(status=status)
    if received_from:
        narrow &= Q(received_at__gte=dates.start_of(received_from))
    if received_to:
        narrow &= Q(received_at__lt=dates.start_of(received_to + timedelta(days=1)))
    # Every match is a subquery on the report's own id, so no row is repeated: no DISTINCT,
    # and a page sorts by any column and counts cheaply.
    visible = visible_reports(user).filter(narrow).order_by("-received_at", "-id")
    counted = visible.filter(match).select_related("victim")
    return Search(
        counted if walk is None else visible.filter(walk).select_related("victim"), counted
    )


def _at_least(parts: list[QuerySet[Any]], many: int) -> bool:
    """Whether these rows number `many` or more: one count over at most `many` index rows."""
    return sum(rows.order_by()[:many].count() for rows in parts) >= many


def _matching(term: str) -> list[QuerySet[Any]]:
    """What a term finds: querysets of `report_id`, each read through an index on both
    databases (issue 16); empty for a local reference (a column of the report itself).
    Two when the term may be an identifier and a name (a web address, an IBAN)."""
    parsed = rules.classify_search_term(term)
    if parsed.nfrc:
        return [NFRCNumber.objects.filter(number=parsed.nfrc).values("report_id")]
    if parsed.local_reference:
        return []
    if parsed.postcode:
        return [Victim.objects.filter(postcode=parsed.postcode).values("report_id")]
    if parsed.postcode_prefix:
        prefix = starts_with("postcode", parsed.postcode_prefix)
        return [Victim.objects.filter(prefix).values("report_id")]
    found = []
    if parsed.identifiers:
        found.append(
            Identifier.objects.filter(normalised__in=parsed.identifiers).values("report_id")
        )
    if parsed.names:
        found.append(_named(parsed.names))
    return found or [NameKey.objects.none().values("report_id")]


def _named(words: tuple[str, ...]) -> QuerySet[Any]:
    """Ids of reports with a name key starting with each of `rules.name_search_keys(words)`
    ("joan patel": a name with Joan and Patel in it)."""
    first, *others = rules.name_search_keys(words)
    keys = NameKey.objects.filter(starts_with("key", first))
    for word in others:
        keys = keys.filter(
            Exists(
                NameKey.objects.filter(starts_with("key", word), report_id=OuterRef("report_id"))
            )
        )
    return keys.values("report_id")


def index_new_reports(report_ids: Sequence[int]) -> None:
    """Make reports just written in bulk (an NFIB import) findable through the indexes: their
    name keys, and, for a large import, fresh statistics for the planner (of the tables an
    import writes)."""
    write_name_keys(report_ids)
    if len(report_ids) >= WALK_FROM:
        bulk.refresh_planner_statistics_after_writing(
            Report,
            Victim,
            NFRCNumber,
            NameKey,
            Suspect,
            Identifier,
            StatusChange,
            EnquiryLogEntry,
        )


def write_name_keys(report_ids: Iterable[int]) -> int:
    """Replace the name keys of these reports (`models.NameKey`) with those of the names their
    victim and suspects carry now; set-based, a few thousand reports a statement. Called
    wherever victims and suspects are written. Returns how many keys were written."""
    written = 0
    for chunk in bulk.chunked(sorted(set(report_ids))):
        NameKey.objects.filter(report_id__in=chunk).delete()
        victims = Victim.objects.filter(report_id__in=chunk).values_list(
            "report_id", "forename", "surname", "business_name"
        )
        # The forename and surname as one name, so that they are also keyed together.
        names = [(rid, f"{fore} {sur}") for rid, fore, sur, _ in victims]
        names += [(rid, business) for rid, _, _, business in victims]
        names += Suspect.objects.filter(report_id__in=chunk).values_list("report_id", "name")
        written += bulk.insert_rows(NameKey, ["report", "key"], rules.report_name_keys(names))
    return written


def audit_search(
    user: User,
    term: str,
    shown: Shown,
    *,
    disclosure: bool = False,
    justification: str = "",
) -> None:
    """Record a search whose `shown` results (reports, or a page's local references) are about
    to be listed or exported: through `disclose`, so restricted results need a justification."""
    # A COUNT, also of a slice: never loads the rows to count them.
    count = shown.count() if isinstance(shown, QuerySet) else len(list(shown))
    verb = "Exported" if disclosure else "Searched"
    disclose(
        user,
        shown,
        justification,
        listing=term,
        object_type="search",
        summary=f"{verb} '{term[:80]}': {count} reports",
        action=AuditAction.DISCLOSURE if disclosure else AuditAction.CONSULTATION,
    )


def restricted_among(found: QuerySet[Report]) -> int:
    """How many of these reports are restricted (showing or exporting them needs a reason)."""
    return (
        _unsliced(found)
        .filter(~Q(handling_marking=HandlingMarking.OFFICIAL) | Q(restricted_to_team__isnull=False))
        .count()
    )


def _unsliced(found: QuerySet[Report]) -> QuerySet[Report]:
    if found.query.is_sliced:
        return Report.objects.filter(pk__in=list(found.values_list("pk", flat=True)))
    return found


def reports_of(shown: Shown) -> QuerySet[Report]:
    """The reports behind a list: reports, rows with a `report` (calls for service, cases,
    tasks...), or local references."""
    if not isinstance(shown, QuerySet):
        return Report.objects.filter(local_reference__in=list(shown))
    if shown.model is Report:
        return _unsliced(shown)
    ids = shown.values_list("report_id", flat=True)
    return Report.objects.filter(pk__in=list(ids) if shown.query.is_sliced else ids)


def reports_with_nfrc(nfrcs: Iterable[str] | QuerySet[Any]) -> QuerySet[Report]:
    """The reports carrying these NFRC numbers (a list or a values() queryset): what a row of
    an NFIB victim list is linked to."""
    return Report.objects.filter(
        pk__in=NFRCNumber.objects.filter(number__in=nfrcs).values("report_id")
    )


def disclose(
    user: User,
    shown: Shown,
    justification: str,
    *,
    listing: str,
    summary: str,
    action: AuditAction = AuditAction.DISCLOSURE,
    object_type: str = "list",
) -> int:
    """The one gate every list of reports passes before it is shown or exported.

    `shown` is what is about to be disclosed (see `reports_of`). When any of it is restricted
    and no justification is given, raises JustificationRequired naming how many (the pages ask
    for a reason, the API answers 428); otherwise records the list in the audit log, with the
    justification when it held restricted records. Returns how many were restricted.
    """
    reports = reports_of(shown)
    restricted = restricted_among(reports)
    reason = justification.strip()
    if restricted and not reason:
        raise JustificationRequired("", restricted, reports.count())
    if restricted:
        summary = f"{summary} ({restricted} restricted)"
    audit.record(
        user, action, object_type, listing[:100], summary[:200], reason if restricted else ""
    )
    return restricted


def report_timeline(report: Report) -> QuerySet[EnquiryLogEntry]:
    """The report's enquiry log, with each entry's author."""
    return report.log_entries.select_related("author")


def nfrc_numbers(report: Report) -> list[str]:
    """The report's NFRC numbers in order."""
    return list(report.nfrc_numbers.order_by("number").values_list("number", flat=True))


# ---------------------------------------------------------------- enquiry log


@transaction.atomic
def add_log_entry(
    user: User | None, report: Report, text: str, kind: str = EntryKind.NOTE
) -> EnquiryLogEntry:
    """Add to a report's timeline. The caller obtained `report` through get_report."""
    entry = EnquiryLogEntry.objects.create(
        report=report, kind=kind, at=timezone.now(), author=user, text=text.strip()
    )
    audit.record(
        user,
        AuditAction.ALTERATION,
        "report",
        report.local_reference,
        f"Enquiry log entry added ({kind})",
    )
    return entry


# ---------------------------------------------------------------- suspects kept by hand


def keep_suspect(
    user: User | None,
    report: Report,
    *,
    name: str,
    identifiers: Sequence[tuple[str, str]],
    suspect: Suspect | None = None,
    reason: str = "",
) -> Suspect:
    """Record a suspect on `report` (the caller obtained it through get_report), or change
    `suspect` (one of the report's): its name, its name key, and its identifiers replaced by
    `identifiers` ((IdentifierKind value, as typed) pairs), each normalised as an NFIB
    package's are (`rules.normalise_identifier`), so that search finds the report by them and
    linking joins it to others. The report's name keys are rewritten; audited with `reason`.

    Inside the caller's transaction. Raises InvalidInput naming an identifier that cannot be
    normalised. Linking is the caller's to run (it sits above this app)."""
    problems: dict[str, str] = {}
    rows: list[tuple[str, str, str]] = []
    for kind, raw in identifiers:
        normalised = rules.normalise_identifier(kind, raw) if raw.strip() else None
        if normalised is None:
            problems.setdefault(kind, f"'{raw.strip()[:40]}' is not a valid {kind} identifier")
            continue
        if (kind, normalised) not in {(k, n) for k, _, n in rows}:
            rows.append((kind, raw.strip()[:300], normalised))
    if problems:
        raise InvalidInput(problems)
    if suspect is not None and suspect.report_id != report.pk:
        raise Http404("No such suspect on this report")
    changed = suspect is not None
    if suspect is None:
        suspect = Suspect(report=report)
    suspect.name = name.strip()[:200]
    suspect.name_key = rules.normalise_name(suspect.name)
    suspect.save()
    Identifier.objects.filter(suspect=suspect).delete()
    Identifier.objects.bulk_create(
        Identifier(report=report, suspect=suspect, kind=kind, raw=raw, normalised=normalised)
        for kind, raw, normalised in rows
    )
    write_name_keys([report.pk])
    audit.record(
        user,
        AuditAction.ALTERATION if changed else AuditAction.COLLECTION,
        "report",
        report.local_reference,
        f"Suspect {'changed' if changed else 'added'} ({len(rows)} identifiers)",
        reason.strip(),
    )
    return suspect


def drop_suspect(user: User | None, report: Report, suspect: Suspect, *, reason: str) -> None:
    """Remove a suspect and its identifiers from `report`, with the reason (audited): search
    no longer finds the report by them. Inside the caller's transaction; the caller relinks."""
    if suspect.report_id != report.pk:
        raise Http404("No such suspect on this report")
    if not reason.strip():
        raise InvalidInput({"reason": "Enter why the suspect is removed"})
    suspect.delete()  # its identifiers go with it (CASCADE)
    write_name_keys([report.pk])
    audit.record(
        user,
        AuditAction.ALTERATION,
        "report",
        report.local_reference,
        "Suspect removed",
        reason.strip(),
    )


def create_report(
    user: User,
    source: str,
    received_at: datetime,
    narrative: str,
    *,
    victim: dict[str, Any],  # a form's cleaned data: Victim's fields by name
    log_text: str,
    fraud_type: str = "",
    loss_gbp: Decimal | None = None,
    route: str = "",
) -> Report:
    """Record one new report with its victim, first timeline entry and audit entry (§5.1).

    Used by every way a report comes in by hand; the caller holds the transaction. `route`
    (enums.Route, decided by intake.rules.route) sends it to the cyber or Protect team too,
    with that team's first contact due (deadlines.schedule_routes).
    """
    reference = allocate_references(1, received_at)[0]
    report = Report.objects.create(
        local_reference=reference,
        source=source,
        received_at=received_at,
        recording_deadline=rules.recording_deadline(received_at),
        recorded_by=user,
        narrative=narrative,
        fraud_type=fraud_type,
        loss_gbp=loss_gbp,
        route=route,
    )
    name = (
        f"{victim.get('forename', '')} {victim.get('surname', '')}".strip()
        if victim["victim_type"] == VictimType.INDIVIDUAL
        else victim.get("business_name", "")
    )
    victim["postcode"] = rules.normalise_postcode(victim.get("postcode", ""))
    Victim.objects.create(report=report, search_name=name.lower(), **victim)
    deadlines.schedule_first_updates(Report.objects.filter(pk=report.pk))
    if route:
        deadlines.schedule_routes(Report.objects.filter(pk=report.pk))
        report.refresh_from_db(fields=["route_due", "first_update_due"])
    write_name_keys([report.pk])
    EnquiryLogEntry.objects.create(
        report=report, kind=EntryKind.RECORDED, at=received_at, author=user, text=log_text
    )
    audit.record(user, AuditAction.COLLECTION, "report", reference, log_text[:200])
    return report


def check_attachment(upload: UploadedFile) -> str:
    """The type of an offered file, read from its content; refuses files over the size limit,
    of a type we do not accept, or whose content is not what their label says ("x.pdf is not
    a PDF"). The label a browser gives is only believed as far as the content bears it out;
    a file sent as application/octet-stream (or unlabelled) is taken for what it is."""
    if (upload.size or 0) > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise AttachmentRejected(
            f"{upload.name} is larger than {limit} MB: record a storage decision instead"
        )
    accepted = settings.ATTACHMENT_CONTENT_TYPES
    label = (upload.content_type or "").split(";")[0].strip().lower()
    detected = filetypes.detect(cast(BinaryIO, upload))  # a Django File reads as one
    if label in ("", "application/octet-stream"):
        stored = detected
    elif label not in accepted:
        raise AttachmentRejected(f"{upload.name} is not a type we accept ({label})")
    elif not filetypes.matches(label, detected):
        raise AttachmentRejected(f"{upload.name} is not {filetypes.NAMES.get(label, label)}")
    else:
        stored = filetypes.stored_type(label, detected)
    if stored not in accepted:
        raise AttachmentRejected(f"{upload.name} is not a type we accept ({stored})")
    return stored


def store_file(upload: UploadedFile) -> tuple[str, str]:
    """Write the file under ATTACHMENT_ROOT with a random name; return (storage name, sha256)."""
    settings.ATTACHMENT_ROOT.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    digest = hashlib.sha256()
    with open(settings.ATTACHMENT_ROOT / name, "xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    return name, digest.hexdigest()


def open_attachment(
    user: User, local_reference: str, attachment_id: int, justification: str = ""
) -> tuple[Attachment, BufferedReader]:
    """The attachment and an open file, audited as a disclosure; Http404 if not visible."""
    report = get_report(
        user, local_reference, justification=justification, purpose=AuditAction.DISCLOSURE
    )
    attachment = report.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("No such attachment")
    return attachment, open(settings.ATTACHMENT_ROOT / attachment.storage_name, "rb")


# ---------------------------------------------------------------- erasure


# ---------------------------------------------------------------- moving a report on


def may(user: User | None, transition: str, report: Report) -> bool:
    """Whether this user may make this move on this report now (for showing buttons)."""
    role = getattr(user, "role", rules.SYSTEM) if user is not None else rules.SYSTEM
    return rules.transition_problem(transition, role, report.status) is None


def move(
    user: User | None, report: Report, transition: str, to: str, *, reason: str = "", log: str = ""
) -> StatusChange:
    """Move a report on, inside the caller's transaction: exactly one of two racing moves wins.

    Checks the role and starting status against `rules.LIFECYCLE`; a role that may never make
    the move gets Http404 (the step does not exist for them); a report that has moved on
    raises Conflict. Records who, when and why as a StatusChange, on the report's timeline
    and in the audit log. `user` None is the system (the daily evidence job).
    """
    role = user.role if user is not None else rules.SYSTEM
    starts, roles = rules.LIFECYCLE[rules.Transition(transition)]
    if role not in roles:
        raise Http404("No such page")
    current = report.status
    # Conditional on the status this user saw: if anyone moved it since, nothing is changed.
    moved = 0
    if current in starts:
        moved = Report.objects.filter(pk=report.pk, status=current).update(status=to)
    if moved != 1:
        raise Conflict("This report has moved on since you opened it: look again")
    now = timezone.now()
    change = StatusChange.objects.create(
        report=report,
        transition=transition,
        from_status=current,
        to_status=to,
        at=now,
        by=user,
        reason=reason.strip(),
        days_from_receipt=rules.days_from_receipt(report.received_at, now),
    )
    report.status = to
    text = log or f"{ReportStatus(to).label}." + (f" {reason.strip()}" if reason.strip() else "")
    EnquiryLogEntry.objects.create(
        report=report, kind=EntryKind.STATUS, at=now, author=user, text=text
    )
    audit.record(
        user,
        AuditAction.ALTERATION,
        "report",
        report.local_reference,
        f"{transition}: {current} -> {to}"[:200],
    )
    return change


ERASED = "[erased]"
_ERASERS: list[Callable[[Report], None]] = []


def on_erasure(eraser: Callable[[Report], None]) -> Callable[[Report], None]:
    """Register what an app erases of its own personal data when a report is erased.

    Apps above this one keep personal data about a report (a caller's name on a call for
    service); they register an eraser from their AppConfig.ready, so this module need not
    know them. Erasers run inside the erasure's transaction.
    """
    _ERASERS.append(eraser)
    return eraser


def erase_personal_data(user: User, report: Report, reason: str) -> None:
    """Erase the personal data on a report (DPA 2018 s.47), keeping what is not personal.

    The local reference, NFRC numbers, source, dates, fraud type and loss stay so that returns
    still reconcile; names, contact details, narrative, suspects, identifiers, log text and
    material go. Only administrators may do it, with a reason; files are removed after commit.
    """
    if user.role != Role.ADMINISTRATOR:
        raise NotPermitted("Only an administrator can erase personal data")
    if not reason.strip():
        raise InvalidInput({"reason": "Enter the reason for erasure"})
    storage_names = list(report.attachments.values_list("storage_name", flat=True))
    with transaction.atomic():
        Victim.objects.filter(report=report).update(
            forename="",
            surname="",
            business_name=ERASED,
            dob=None,
            address="",
            postcode="",
            phone="",
            email="",
            search_name="",
        )
        Report.objects.filter(pk=report.pk).update(narrative=ERASED)
        report.identifiers.all().delete()
        report.suspects.all().delete()
        report.name_keys.all().delete()
        report.attachments.all().delete()
        report.log_entries.update(text=ERASED)
        for eraser in _ERASERS:
            eraser(report)
        EnquiryLogEntry.objects.create(
            report=report,
            kind=EntryKind.NOTE,
            at=timezone.now(),
            author=user,
            text="Personal data erased.",
        )
        audit.record(
            user,
            AuditAction.ERASURE,
            "report",
            report.local_reference,
            "Personal data erased",
            reason.strip(),
        )

        def remove_files() -> None:
            for name in storage_names:
                (settings.ATTACHMENT_ROOT / name).unlink(missing_ok=True)

        transaction.on_commit(remove_files)
