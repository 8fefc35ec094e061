"""django-ninja routes for intake: the same services, and so the same access rules, as the pages."""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.api_schemas import Invalid, Rejected
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.tables import FileRejected, ImportClash
from fraudcase.uploads import saved_upload

from . import services
from .importing import import_nfib_package

router = Router(tags=["intake"])


class Clash(Schema):
    detail: str


class ImportOut(Schema):
    created: int
    already_recorded: int
    nfrc_added: int
    packages_created: int
    packages_already_recorded: int
    rows: int
    profile: str
    local_references: list[str]


class ReportSummary(Schema):
    local_reference: str
    source: str
    status: str
    handling_marking: str
    received_at: datetime
    victim_name: str
    postcode: str
    fraud_type: str
    loss_gbp: Decimal | None


class IdentifierOut(Schema):
    kind: str
    raw: str
    normalised: str


class SuspectOut(Schema):
    name: str
    identifiers: list[IdentifierOut]


class LogEntryOut(Schema):
    at: datetime
    kind: str
    author: str
    text: str


class VictimOut(Schema):
    victim_type: str
    forename: str
    surname: str
    business_name: str
    dob: date | None
    address: str
    postcode: str
    phone: str
    email: str


class ReportOut(ReportSummary):
    nfrc_numbers: list[str]
    package_ref: str | None
    recording_deadline: datetime
    recorded_at: datetime
    narrative: str
    victim: VictimOut
    suspects: list[SuspectOut]
    timeline: list[LogEntryOut]


class LogEntryIn(Schema):
    text: str


class CallForServiceIn(Schema):
    caller_forename: str
    caller_surname: str
    caller_phone: str = ""
    caller_postcode: str = ""
    caller_dob: date | None = None
    summary: str
    fraud_type: str = ""
    loss_gbp: Decimal | None = None
    criteria: list[str] = []
    other_reason: str = ""


class CallForServiceOut(Schema):
    id: int
    decision: str
    advice_given: str
    local_reference: str | None


class DoubleKeyOut(Schema):
    id: int
    local_reference: str
    taken_at: datetime
    caller: str


class SentIn(Schema):
    nfib_reference: str = ""


class ReferralIn(Schema):
    referrer_type: str
    referrer_name: str
    received_on: date
    victim_type: str
    forename: str = ""
    surname: str = ""
    business_name: str = ""
    postcode: str = ""
    summary: str
    storage_decision: str = ""


def _summary(report) -> dict:
    return {
        "local_reference": report.local_reference,
        "source": report.source,
        "status": report.status,
        "handling_marking": report.handling_marking,
        "received_at": report.received_at,
        "victim_name": report.victim.display_name,
        "postcode": report.victim.postcode,
        "fraud_type": report.fraud_type,
        "loss_gbp": report.loss_gbp,
    }


@router.get("/reports", response=list[ReportSummary])
def find_reports(request, q: str, limit: int = 50):
    """Reports matching a local reference, NFRC number, victim name, postcode or identifier."""
    found = services.search_reports(request.auth, q)
    rows = list(found[: max(1, min(limit, 500))])
    services.audit_search(request.auth, q, len(rows), disclosure=True)
    return [_summary(r) for r in rows]


@router.post("/reports/{path:ref}/log", response={201: LogEntryOut})
def add_log_entry(request, ref: str, payload: LogEntryIn):
    with transaction.atomic():
        report = services.get_report(
            request.auth, ref, justification=request.headers.get("X-Justification", "")
        )
        entry = services.add_log_entry(request.auth, report, payload.text)
    return Status(
        201, {"at": entry.at, "kind": entry.kind, "author": str(request.auth), "text": entry.text}
    )


# Defined after the longer /reports/{ref}/... routes: a reference contains slashes.
@router.get("/reports/{path:ref}", response=ReportOut)
def get_report(request, ref: str):
    report = services.get_report(
        request.auth,
        ref,
        justification=request.headers.get("X-Justification", ""),
        purpose=AuditAction.DISCLOSURE,
    )
    victim = report.victim
    return {
        **_summary(report),
        "nfrc_numbers": services.nfrc_numbers(report),
        "package_ref": report.package.package_ref if report.package else None,
        "recording_deadline": report.recording_deadline,
        "recorded_at": report.recorded_at,
        "narrative": report.narrative,
        "victim": {f: getattr(victim, f) for f in VictimOut.model_fields},
        "suspects": [
            {
                "name": s.name,
                "identifiers": [
                    {"kind": i.kind, "raw": i.raw, "normalised": i.normalised}
                    for i in s.identifiers.all()
                ],
            }
            for s in report.suspects.prefetch_related("identifiers")
        ],
        "timeline": [
            {"at": e.at, "kind": e.kind, "author": str(e.author or "system"), "text": e.text}
            for e in services.report_timeline(report)
        ],
    }


@router.post("/imports/nfib-package", response={200: ImportOut, 409: Clash, 422: Rejected})
def import_package(request, file: File[UploadedFile], profile: Form[str] = "default"):
    """Import a dissemination package (csv or xlsx). A bad file is rejected whole (422); the
    same package being imported at the same moment answers 409, and nothing is written."""
    with saved_upload(file) as path:
        try:
            result = import_nfib_package(
                path,
                user=request.auth,
                profile_name=profile,
                original_name=file.name or "",
            )
        except ImportClash as clash:
            return Status(409, {"detail": clash.message})
        except FileRejected as rejected:
            return Status(
                422,
                rejected.as_api("File rejected: nothing was imported"),
            )
    return Status(200, result.as_dict())


@router.post("/calls-for-service", response={201: CallForServiceOut, 422: Invalid})
def record_call(request, payload: CallForServiceIn):
    try:
        call = services.record_call_for_service(
            request.auth, services.CallForServiceInput(**payload.dict())
        )
    except services.InvalidInput as invalid:
        return Status(422, {"detail": "Invalid call for service", "problems": invalid.problems})
    return Status(
        201,
        {
            "id": call.pk,
            "decision": call.decision,
            "advice_given": call.advice_given,
            "local_reference": call.report.local_reference if call.report else None,
        },
    )


@router.get("/calls-for-service/double-key", response=list[DoubleKeyOut])
def double_key(request):
    calls = list(services.calls_to_double_key(request.auth))
    audit.record(
        request.auth,
        AuditAction.DISCLOSURE,
        "list",
        "double-key",
        f"API read of {len(calls)} calls to double-key",
    )
    return [
        {
            "id": c.pk,
            "local_reference": c.report.local_reference,
            "taken_at": c.taken_at,
            "caller": f"{c.caller_forename} {c.caller_surname}",
        }
        for c in calls
    ]


@router.post("/calls-for-service/{call_id}/sent", response=DoubleKeyOut)
def mark_sent(request, call_id: int, payload: SentIn):
    c = services.mark_sent_to_nfib(request.auth, call_id, payload.nfib_reference)
    return {
        "id": c.pk,
        "local_reference": c.report.local_reference,
        "taken_at": c.taken_at,
        "caller": f"{c.caller_forename} {c.caller_surname}",
    }


@router.post("/referrals", response={201: ReportSummary, 422: Invalid})
def record_referral(request, payload: Form[ReferralIn], files: File[list[UploadedFile]] = None):
    try:
        referral = services.record_referral(
            request.auth, services.ReferralInput(**payload.dict()), list(files or [])
        )
    except services.InvalidInput as invalid:
        return Status(422, {"detail": "Invalid referral", "problems": invalid.problems})
    except services.AttachmentRejected as rejected:
        return Status(422, {"detail": "Attachment refused", "problems": {"files": str(rejected)}})
    return Status(201, _summary(referral.report))
