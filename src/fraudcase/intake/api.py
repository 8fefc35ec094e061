"""django-ninja routes for the ways reports come in: the same services, and so the same access
rules, as the pages."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.api_schemas import Day, Detail, Invalid, Rejected, one_of
from fraudcase.core.errors import AttachmentRejected, FileRejected, ImportClash, InvalidInput
from fraudcase.core.uploads import saved_upload
from fraudcase.reports import api as report_api
from fraudcase.reports.models import VictimType

from . import services
from .importing import import_nfib_package
from .models import CallForServiceDecision, Criterion, ReferrerType

router = Router(tags=["intake"])


class ImportOut(Schema):
    created: int
    already_recorded: int
    nfrc_added: int
    packages_created: int
    packages_already_recorded: int
    rows: int
    profile: str
    local_references: list[str]


class CallForServiceIn(Schema):
    caller_forename: str
    caller_surname: str
    caller_phone: str = ""
    caller_postcode: str = ""
    caller_dob: Day | None = None
    summary: str
    fraud_type: str = ""
    # As the report keeps it (14 digits, pence): a larger one could be saved on SQLite and
    # then not be read back.
    loss_gbp: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    criteria: list[one_of(Criterion)] = []
    other_reason: str = ""


class CallForServiceOut(Schema):
    id: int
    decision: one_of(CallForServiceDecision)
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
    referrer_type: one_of(ReferrerType)
    referrer_name: str
    received_on: Day
    victim_type: one_of(VictimType)
    forename: str = ""
    surname: str = ""
    business_name: str = ""
    postcode: str = ""
    summary: str
    storage_decision: str = ""


@router.post("/imports/nfib-package", response={200: ImportOut, 409: Detail, 422: Rejected})
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
    except InvalidInput as invalid:
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


@router.post("/referrals", response={201: report_api.ReportSummary, 422: Invalid})
def record_referral(request, payload: Form[ReferralIn], files: File[list[UploadedFile]] = None):
    if "files" in request.POST:  # sent as a text field, not a file: it would be lost
        return Status(
            422, {"detail": "Invalid referral", "problems": {"files": "Send files as files"}}
        )
    try:
        referral = services.record_referral(
            request.auth, services.ReferralInput(**payload.dict()), list(files or [])
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Invalid referral", "problems": invalid.problems})
    except AttachmentRejected as rejected:
        return Status(422, {"detail": "Attachment refused", "problems": {"files": str(rejected)}})
    return Status(201, report_api.summary(referral.report))
