"""Reads and writes for reports. Every read goes through `visible_reports` or `get_report`.

A report the user may not see does not exist for them: `get_report` raises Http404 (never a
403 that would confirm it exists), and it is absent from search results, counts and exports.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking
from fraudcase.accounts.services import visibility_filter
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction

from . import rules
from .models import (
    Attachment,
    CallForService,
    CallForServiceDecision,
    EnquiryLogEntry,
    EntryKind,
    Identifier,
    Referral,
    ReferrerType,
    Report,
    ReportStatus,
    Source,
    StatusChange,
    Suspect,
    Victim,
    VictimType,
)
from .references import allocate_references

# ---------------------------------------------------------------- access-checked reads


def visible_reports(user) -> QuerySet[Report]:
    """Every report this user may see, and no other."""
    return Report.objects.filter(visibility_filter(user))


class JustificationRequired(Exception):
    """Consulting a restricted record needs a recorded reason (DPA 2018 s.62)."""


def get_report(
    user,
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


def search_reports(user, term: str) -> QuerySet[Report]:
    """Reports matching a local reference, NFRC, victim name, postcode or suspect identifier."""
    parsed = rules.classify_search_term(term)
    if parsed.nfrc:
        match = Q(nfrc_numbers__number=parsed.nfrc)
    elif parsed.local_reference:
        match = Q(local_reference=parsed.local_reference)
    elif parsed.postcode:
        match = Q(victim__postcode=parsed.postcode)
    else:
        match = Q(pk__in=[])
        if parsed.identifiers:
            match |= Q(
                pk__in=Identifier.objects.filter(normalised__in=parsed.identifiers).values(
                    "report_id"
                )
            )
        if parsed.name:
            match |= Q(
                pk__in=Victim.objects.filter(search_name__contains=parsed.name).values("report_id")
            )
            match |= Q(
                pk__in=Suspect.objects.filter(name__icontains=parsed.name).values("report_id")
            )
    return (
        visible_reports(user)
        .filter(match)
        .select_related("victim")
        .distinct()
        .order_by("-received_at", "-id")
    )


def audit_search(
    user, term: str, count: int, *, disclosure: bool = False, justification: str = ""
) -> None:
    action = AuditAction.DISCLOSURE if disclosure else AuditAction.CONSULTATION
    verb = "Exported" if disclosure else "Searched"
    audit.record(user, action, "search", term[:100], f"{verb} '{term[:80]}': {count} reports",
                 justification.strip())  # fmt: skip


def restricted_among(found: QuerySet[Report]) -> int:
    """How many of these reports are restricted (an export of them needs a reason)."""
    return found.filter(
        ~Q(handling_marking=HandlingMarking.OFFICIAL) | Q(restricted_to_team__isnull=False)
    ).count()


def report_timeline(report: Report) -> QuerySet[EnquiryLogEntry]:
    return report.log_entries.select_related("author")


def nfrc_numbers(report: Report) -> list[str]:
    return list(report.nfrc_numbers.order_by("number").values_list("number", flat=True))


# ---------------------------------------------------------------- enquiry log


@transaction.atomic
def add_log_entry(user, report: Report, text: str, kind: str = EntryKind.NOTE) -> EnquiryLogEntry:
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


# ---------------------------------------------------------------- calls for service


@dataclass(frozen=True)
class CallForServiceInput:
    caller_forename: str
    caller_surname: str
    caller_phone: str
    caller_postcode: str
    caller_dob: date | None
    summary: str
    fraud_type: str
    loss_gbp: object
    criteria: list[str]
    other_reason: str


class InvalidInput(Exception):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@transaction.atomic
def record_call_for_service(user, data: CallForServiceInput) -> CallForService:
    """Apply the call-for-service criteria (§5.1): record a report, or record the advice given."""
    outcome = rules.call_for_service_decision(data.criteria, data.other_reason)
    if outcome.problems:
        raise InvalidInput(outcome.problems)
    now = timezone.now()
    call = CallForService(
        taken_at=now,
        taken_by=user,
        caller_forename=data.caller_forename,
        caller_surname=data.caller_surname,
        caller_phone=data.caller_phone,
        caller_postcode=rules.normalise_postcode(data.caller_postcode),
        summary=data.summary,
        criteria=sorted(set(data.criteria)),
        other_reason=data.other_reason.strip(),
        decision=(
            CallForServiceDecision.ACCEPTED
            if outcome.accepted
            else CallForServiceDecision.ADVISED_ACTION_FRAUD
        ),
        advice_given=outcome.advice,
    )
    if outcome.accepted:
        call.report = _new_report(
            user,
            Source.CALL_FOR_SERVICE,
            now,
            data.summary,
            fraud_type=data.fraud_type,
            loss_gbp=data.loss_gbp,
            victim={
                "victim_type": VictimType.INDIVIDUAL,
                "forename": data.caller_forename,
                "surname": data.caller_surname,
                "phone": data.caller_phone,
                "postcode": data.caller_postcode,
                "dob": data.caller_dob,
            },
            log_text="Recorded as a call for service: " + ", ".join(call.criteria),
        )
    call.save()
    audit.record(
        user,
        AuditAction.COLLECTION,
        "call_for_service",
        str(call.pk),
        f"Call for service {call.get_decision_display().lower()}",
    )
    return call


def calls_to_double_key(user) -> QuerySet[CallForService]:
    """Accepted calls for service not yet sent to NFIB, oldest first (visible reports only)."""
    return (
        CallForService.objects.filter(
            decision=CallForServiceDecision.ACCEPTED,
            nfib_sent_at__isnull=True,
            report__in=visible_reports(user),
        )
        .select_related("report", "taken_by")
        .order_by("taken_at")
    )


@transaction.atomic
def mark_sent_to_nfib(user, call_id: int, nfib_reference: str = "") -> CallForService:
    call = calls_to_double_key(user).select_for_update(of=("self",)).filter(pk=call_id).first()
    if call is None:
        raise Http404("No call for service waiting to be sent")
    call.nfib_sent_at = timezone.now()
    call.nfib_sent_by = user
    call.nfib_reference = nfib_reference.strip().upper()
    call.save(update_fields=["nfib_sent_at", "nfib_sent_by", "nfib_reference"])
    text = "Double-keyed to NFIB" + (f" as {call.nfib_reference}" if call.nfib_reference else "")
    EnquiryLogEntry.objects.create(
        report=call.report, kind=EntryKind.NOTE, at=call.nfib_sent_at, author=user, text=text + "."
    )
    audit.record(user, AuditAction.DISCLOSURE, "report", call.report.local_reference, text)
    return call


# ---------------------------------------------------------------- referrals and attachments


def _new_report(
    user,
    source: str,
    received_at,
    narrative: str,
    *,
    victim: dict,
    log_text: str,
    fraud_type: str = "",
    loss_gbp=None,
) -> Report:
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
    )
    name = (
        f"{victim.get('forename', '')} {victim.get('surname', '')}".strip()
        if victim["victim_type"] == VictimType.INDIVIDUAL
        else victim.get("business_name", "")
    )
    victim["postcode"] = rules.normalise_postcode(victim.get("postcode", ""))
    Victim.objects.create(report=report, search_name=name.lower(), **victim)
    EnquiryLogEntry.objects.create(
        report=report, kind=EntryKind.RECORDED, at=received_at, author=user, text=log_text
    )
    audit.record(user, AuditAction.COLLECTION, "report", reference, log_text[:200])
    return report


class AttachmentRejected(Exception):
    pass


def check_attachment(upload: UploadedFile) -> None:
    """Refuse files over the size limit or of a type we do not accept."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise AttachmentRejected(
            f"{upload.name} is larger than {limit} MB: record a storage decision instead"
        )
    if upload.content_type not in settings.ATTACHMENT_CONTENT_TYPES:
        raise AttachmentRejected(f"{upload.name} is not a type we accept ({upload.content_type})")


def _store(upload: UploadedFile) -> tuple[str, str]:
    """Write the file under ATTACHMENT_ROOT with a random name; return (storage name, sha256)."""
    settings.ATTACHMENT_ROOT.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    digest = hashlib.sha256()
    with open(settings.ATTACHMENT_ROOT / name, "xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    return name, digest.hexdigest()


@dataclass(frozen=True)
class ReferralInput:
    referrer_type: str
    referrer_name: str
    received_on: date
    victim_type: str
    forename: str
    surname: str
    business_name: str
    postcode: str
    summary: str
    storage_decision: str


def record_referral(user, data: ReferralInput, uploads: list[UploadedFile]) -> Referral:
    """Record a referral with its material; files are checked before anything is written.

    Raises InvalidInput for an unknown referrer or victim type, AttachmentRejected for a file.
    """
    problems = {}
    if data.referrer_type not in ReferrerType.values:
        problems["referrer_type"] = f"'{data.referrer_type}' is not a referrer type"
    if data.victim_type not in VictimType.values:
        problems["victim_type"] = f"'{data.victim_type}' is not a victim type"
    if problems:
        raise InvalidInput(problems)
    for upload in uploads:
        check_attachment(upload)
    stored = [(_store(upload), upload) for upload in uploads]
    try:
        with transaction.atomic():
            report = _new_report(
                user,
                Source.REFERRAL,
                timezone.now(),
                data.summary,
                victim={
                    "victim_type": data.victim_type,
                    "forename": data.forename,
                    "surname": data.surname,
                    "business_name": data.business_name,
                    "postcode": data.postcode,
                },
                log_text=f"Recorded from a referral by {data.referrer_name} "
                f"({ReferrerType(data.referrer_type).label}).",
            )
            referral = Referral.objects.create(
                report=report,
                referrer_type=data.referrer_type,
                referrer_name=data.referrer_name,
                received_on=data.received_on,
                storage_decision=data.storage_decision.strip(),
            )
            for (storage_name, sha256), upload in stored:
                Attachment.objects.create(
                    report=report,
                    filename=upload.name[:255],
                    content_type=upload.content_type,
                    size=upload.size,
                    sha256=sha256,
                    storage_name=storage_name,
                    uploaded_by=user,
                )
    except Exception:
        for (storage_name, _), _upload in stored:
            (settings.ATTACHMENT_ROOT / storage_name).unlink(missing_ok=True)
        raise
    return referral


def open_attachment(user, local_reference: str, attachment_id: int, justification: str = ""):
    """The attachment and an open file, audited as a disclosure; Http404 if not visible."""
    report = get_report(
        user, local_reference, justification=justification, purpose=AuditAction.DISCLOSURE
    )
    attachment = report.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("No such attachment")
    return attachment, open(settings.ATTACHMENT_ROOT / attachment.storage_name, "rb")


# ---------------------------------------------------------------- erasure


class NotPermitted(Exception):
    pass


# ---------------------------------------------------------------- moving a report on


class Conflict(Exception):
    """Someone else moved the report first (or it is not where this step starts); nothing saved."""


def may(user, transition: str, report: Report) -> bool:
    """Whether this user may make this move on this report now (for showing buttons)."""
    role = getattr(user, "role", "system") if user is not None else "system"
    return rules.transition_problem(transition, role, report.status) is None


def move(
    user, report: Report, transition: str, to: str, *, reason: str = "", log: str = ""
) -> StatusChange:
    """Move a report on, inside the caller's transaction: exactly one of two racing moves wins.

    Checks the role and starting status against `rules.LIFECYCLE`; a role that may never make
    the move gets Http404 (the step does not exist for them); a report that has moved on
    raises Conflict. Records who, when and why as a StatusChange, on the report's timeline
    and in the audit log. `user` None is the system (the daily evidence job).
    """
    role = user.role if user is not None else "system"
    starts, roles = rules.LIFECYCLE[transition]
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
        report=report, transition=transition, from_status=current, to_status=to, at=now,
        by=user, reason=reason.strip(),
    )  # fmt: skip
    report.status = to
    text = log or f"{ReportStatus(to).label}." + (f" {reason.strip()}" if reason.strip() else "")
    EnquiryLogEntry.objects.create(report=report, kind=EntryKind.STATUS, at=now, author=user,
                                   text=text)  # fmt: skip
    audit.record(user, AuditAction.ALTERATION, "report", report.local_reference,
                 f"{transition}: {current} -> {to}"[:200])  # fmt: skip
    return change


ERASED = "[erased]"


def erase_personal_data(user, report: Report, reason: str) -> None:
    """Erase the personal data on a report (DPA 2018 s.47), keeping what is not personal.

    The local reference, NFRC numbers, source, dates, fraud type and loss stay so that returns
    still reconcile; names, contact details, narrative, suspects, identifiers, log text and
    material go. Only administrators may do it, with a reason; files are removed after commit.
    """
    if user.role != "administrator":
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
        report.attachments.all().delete()
        report.log_entries.update(text=ERASED)
        CallForService.objects.filter(report=report).update(
            caller_forename=ERASED,
            caller_surname="",
            caller_phone="",
            caller_postcode="",
            summary=ERASED,
        )
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

        def remove_files():
            for name in storage_names:
                (settings.ATTACHMENT_ROOT / name).unlink(missing_ok=True)

        transaction.on_commit(remove_files)
