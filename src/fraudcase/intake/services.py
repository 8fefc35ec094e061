"""The ways reports come in by hand: calls for service (§5.1) and referrals with their material.

Each creates its report through `reports.services.create_report`; NFIB packages come in
through `intake.importing`.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import Conflict, InvalidInput, JustificationRequired
from fraudcase.reports import rules as report_rules
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import CYBER_CODES, Route
from fraudcase.reports.models import (
    Attachment,
    EnquiryLogEntry,
    EntryKind,
    NFRCNumber,
    Report,
    Source,
    VictimType,
)

from . import rules
from .models import CallForService, CallForServiceDecision, Criterion, Referral, ReferrerType


@dataclass(frozen=True)
class CallForServiceInput:
    caller_forename: str
    caller_surname: str
    caller_phone: str
    caller_postcode: str
    caller_dob: date | None
    summary: str
    fraud_type: str
    loss_gbp: Decimal | None
    criteria: list[str]
    other_reason: str


ROUTED_WORDS: dict[str, str] = {
    Route.VICTIM_SUPPORT: " Victim support only: for the Protect team's support, not for "
    "assessment (§5.4).",
    Route.CRIME_IN_ACTION: " A crime in action: routed to the cyber team, to act on the same day.",
    Route.CYBER: " Cyber-dependent crime: routed to the cyber team.",
}


@transaction.atomic
def record_call_for_service(user: User, data: CallForServiceInput) -> CallForService:
    """Apply the call-for-service criteria (§5.1): record a report, or record the advice given."""
    outcome = rules.call_for_service_decision(data.criteria, data.other_reason)
    problems = dict(outcome.problems)
    if postcode := report_rules.postcode_problem(data.caller_postcode):
        problems["caller_postcode"] = postcode
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    call = CallForService(
        taken_at=now,
        taken_by=user,
        caller_forename=data.caller_forename,
        caller_surname=data.caller_surname,
        caller_phone=data.caller_phone,
        caller_postcode=report_rules.normalise_postcode(data.caller_postcode),
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
        # An offence in progress with a cyber-dependent code is a crime in action (002 ¶38 i).
        route = rules.route(
            victim_support_only=False,
            fraud_type=data.fraud_type,
            crime_in_action=Criterion.IN_PROGRESS in data.criteria
            and data.fraud_type.strip().upper() in CYBER_CODES,
        )
        call.report = report_services.create_report(
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
            log_text="Recorded as a call for service: "
            + ", ".join(call.criteria)
            + ROUTED_WORDS.get(route, ""),
            route=route,
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


def calls_to_double_key(user: User) -> QuerySet[CallForService]:
    """Accepted calls for service not yet sent to NFIB, oldest first (visible reports only).

    The waiting calls are read from the partial index `cfs_to_double_key`, less those on the
    few reports hidden from the user (`off_hidden_reports`, an anti-join): an EXISTS on the
    visible reports let PostgreSQL hash every visible report instead (0.6 s for the home
    page's count with 20,000 calls waiting among 2,000,000 reports; SQLite joined from the
    reports: 20 ms at 100,000 reports with no call waiting)."""
    return (
        CallForService.objects.filter(
            report_services.off_hidden_reports(user),
            report__isnull=False,
            decision=CallForServiceDecision.ACCEPTED,
            nfib_sent_at__isnull=True,
        )
        .select_related("report", "taken_by")
        .order_by("taken_at")
    )


@transaction.atomic
def mark_sent_to_nfib(
    user: User, call_id: int, nfib_reference: str = "", justification: str = ""
) -> CallForService:
    """Record that a call for service was double-keyed to NFIB, and attach the NFRC number NFIB
    gave to its report, so that the report is found by it like any other (§5.1.1).

    A disclosure: a restricted report needs a justification (JustificationRequired without
    one), kept in the audit log. Raises Http404 for a call not waiting (or not visible),
    InvalidInput for a missing or malformed NFRC, Conflict for an NFRC another report holds.
    """
    call = calls_to_double_key(user).select_for_update(of=("self",)).filter(pk=call_id).first()
    if call is None:
        raise Http404("No call for service waiting to be sent")
    report = call.report
    assert report is not None  # only accepted calls, which have their report, are waiting
    if report.is_restricted and not justification.strip():
        raise JustificationRequired(report.local_reference)
    number = re.sub(r"\s+", "", nfib_reference).upper()
    if not number:
        raise InvalidInput({"nfib_reference": "Enter the NFRC number NFIB gave for this call"})
    if not report_rules.NFRC_PATTERN.match(number):
        raise InvalidInput(
            {
                "nfib_reference": f"'{nfib_reference.strip()}' is not an NFRC "
                "number (NFRC followed by 6 to 20 digits)"
            }
        )
    _attach_nfrc(user, report, number)
    call.nfib_sent_at = timezone.now()
    call.nfib_sent_by = user
    call.nfib_reference = number
    call.save(update_fields=["nfib_sent_at", "nfib_sent_by", "nfib_reference"])
    text = f"Double-keyed to NFIB as {number}; the NFRC number is on the report"
    EnquiryLogEntry.objects.create(
        report=report, kind=EntryKind.NOTE, at=call.nfib_sent_at, author=user, text=text + "."
    )
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "report",
        report.local_reference,
        text,
        justification.strip() if report.is_restricted else "",
    )
    return call


def _attach_nfrc(user: User, report: Report, number: str) -> None:
    """Give the report this NFRC; Conflict if another report holds it (named only to a user who
    may see that report)."""
    holder = NFRCNumber.objects.filter(number=number).values_list("report_id", flat=True).first()
    if holder == report.pk:
        return
    if holder is None:
        try:
            with transaction.atomic():
                NFRCNumber.objects.create(number=number, report=report)
        except IntegrityError:  # recorded by someone else a moment ago
            holder = NFRCNumber.objects.filter(number=number).values_list("report_id", flat=True)[0]
        else:
            audit.record(
                user,
                AuditAction.ALTERATION,
                "report",
                report.local_reference,
                f"NFRC number {number} added (call for service double-keyed)",
            )
            return
    seen = report_services.visible_reports(user).filter(pk=holder).first()
    where = f"report {seen.local_reference}" if seen else "another report (one you cannot see)"
    raise Conflict(f"{number} is already held by {where}: check the number NFIB gave")


# ---------------------------------------------------------------- referrals and attachments


# ---------------------------------------------------------------- referrals


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
    fraud_type: str = ""
    victim_support_only: bool = False
    crime_in_action: bool = False


def record_referral(user: User, data: ReferralInput, uploads: list[UploadedFile]) -> Referral:
    """Record a referral with its material; files are checked before anything is written.

    Raises InvalidInput for an unknown referrer or victim type, AttachmentRejected for a file.
    """
    problems: dict[str, str] = {}
    referrer_type = data.referrer_type
    if rules.is_report_fraud(data.referrer_name):  # either name, however written
        referrer_type = ReferrerType.REPORT_FRAUD
    if referrer_type not in ReferrerType.values:
        problems["referrer_type"] = f"'{data.referrer_type}' is not a referrer type"
    elif data.victim_support_only and referrer_type != ReferrerType.REPORT_FRAUD:
        problems["victim_support_only"] = (
            "Victim-support-only referrals come from Report Fraud (formerly Action Fraud): "
            "choose it as who referred it"
        )
    if data.victim_support_only and data.crime_in_action:
        problems["crime_in_action"] = (
            "A victim-support-only referral is not for investigation, so it cannot be a "
            "crime in action"
        )
    if data.victim_type not in VictimType.values:
        problems["victim_type"] = f"'{data.victim_type}' is not a victim type"
    if postcode := report_rules.postcode_problem(data.postcode):
        problems["postcode"] = postcode
    if problems:
        raise InvalidInput(problems)
    types = [report_services.check_attachment(upload) for upload in uploads]
    stored = [(report_services.store_file(upload), upload) for upload in uploads]
    try:
        with transaction.atomic():
            route = rules.route(
                victim_support_only=data.victim_support_only,
                fraud_type=data.fraud_type,
                crime_in_action=data.crime_in_action,
            )
            report = report_services.create_report(
                user,
                Source.VICTIM_SUPPORT_ONLY if data.victim_support_only else Source.REFERRAL,
                timezone.now(),
                data.summary,
                fraud_type=data.fraud_type,
                route=route,
                victim={
                    "victim_type": data.victim_type,
                    "forename": data.forename,
                    "surname": data.surname,
                    "business_name": data.business_name,
                    "postcode": data.postcode,
                },
                log_text=f"Recorded from a referral by {data.referrer_name} "
                f"({ReferrerType(referrer_type).label}).{ROUTED_WORDS.get(route, '')}",
            )
            referral = Referral.objects.create(
                report=report,
                referrer_type=referrer_type,
                referrer_name=data.referrer_name,
                received_on=data.received_on,
                storage_decision=data.storage_decision.strip(),
            )
            for ((storage_name, sha256), upload), content_type in zip(stored, types, strict=True):
                Attachment.objects.create(
                    report=report,
                    filename=(upload.name or "")[:255],
                    content_type=content_type,
                    size=upload.size or 0,
                    sha256=sha256,
                    storage_name=storage_name,
                    uploaded_by=user,
                )
    except Exception:
        for (storage_name, _), _upload in stored:
            (settings.ATTACHMENT_ROOT / storage_name).unlink(missing_ok=True)
        raise
    return referral


def erase_call_for_service(report: Report) -> None:
    """The caller's personal data on a report being erased (registered with reports)."""
    CallForService.objects.filter(report=report).update(
        caller_forename=report_services.ERASED,
        caller_surname="",
        caller_phone="",
        caller_postcode="",
        summary=report_services.ERASED,
    )
