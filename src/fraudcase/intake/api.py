"""django-ninja routes for the ways reports come in: the same services, and so the same access
rules, as the pages."""

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Detail, Invalid, PageIn, Rejected, one_of
from fraudcase.core.errors import AttachmentRejected, InvalidInput
from fraudcase.core.uploads import answer_upload
from fraudcase.reports import api as report_api
from fraudcase.reports import services as report_services
from fraudcase.reports.models import VictimType

from . import services
from .importing import import_nfib_package
from .models import CallForService, CallForServiceDecision, Criterion, ReferrerType
from .receipt import LONDON

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
    # New reports routed as they came in (§5.4; seed 002 ¶38).
    victim_support_only: int
    to_cyber_team: int


class CallForServiceIn(Schema):
    # As long as the record keeps them (longer would be a database error on PostgreSQL).
    caller_forename: str = Field(max_length=100)
    caller_surname: str = Field(max_length=100)
    caller_phone: str = Field("", max_length=30)
    caller_postcode: str = Field("", max_length=10)
    caller_dob: Day | None = None
    summary: str
    fraud_type: str = Field("", max_length=20)
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
    referrer_name: str = Field(max_length=200)
    received_on: Day
    victim_type: one_of(VictimType)
    forename: str = Field("", max_length=100)
    surname: str = Field("", max_length=100)
    business_name: str = Field("", max_length=200)
    postcode: str = Field("", max_length=10)
    summary: str
    storage_decision: str = ""
    # A Report Fraud (Action Fraud) referral for victim support only: the Protect team's.
    victim_support_only: bool = False
    # The offending is happening now: the cyber team's, the same day.
    crime_in_action: bool = False


@router.post("/imports/nfib-package", response={200: ImportOut, 409: Detail, 422: Rejected})
def import_package(
    request: HttpRequest,
    file: File[UploadedFile],
    profile: Form[str] = "default",
    received_at: Form[datetime | None] = None,
    received_reason: Form[str] = "",
) -> Status[dict[str, object]]:
    """Import a dissemination package (csv or xlsx). A bad file is rejected whole (422); the
    same package being imported at the same moment answers 409, and nothing is written.

    The 24 hours to record run from now, or from `received_at` (ISO 8601; UK time unless an
    offset is given) when the force received it earlier, with `received_reason` saying why."""
    if received_at is not None and timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at, LONDON)
    return answer_upload(
        file,
        lambda path: import_nfib_package(
            path,
            user=api_user(request),
            profile_name=profile,
            original_name=file.name or "",
            received_at=received_at,
            received_reason=received_reason,
        ),
        lambda result: Status(200, result.as_dict()),
        rejected="File rejected: nothing was imported",
    )


@router.post("/calls-for-service", response={201: CallForServiceOut, 422: Invalid})
def record_call(request: HttpRequest, payload: CallForServiceIn) -> Status[dict[str, object]]:
    try:
        call = services.record_call_for_service(
            api_user(request), services.CallForServiceInput(**payload.dict())
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


@router.get("/calls-for-service/double-key", response=list[DoubleKeyOut], openapi_extra=PAGED)
def double_key(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[dict[str, object]]:
    """Accepted calls not yet sent to NFIB, oldest first, a page at a time (`X-Total-Count`,
    `Link`); with restricted reports among the page, only with an `X-Justification` header
    (428 without it)."""
    user = api_user(request)
    calls = paging.api_page(
        request, response, services.calls_to_double_key(user), size=paged.page_size
    ).rows
    report_services.disclose(
        user,
        [c.report.local_reference for c in calls if c.report],
        report_api.justification(request),
        listing="double-key",
        summary=f"API read of {len(calls)} calls to double-key (page {paged.page})",
    )
    return [_double_key_out(c) for c in calls]


@router.post(
    "/calls-for-service/{call_id}/sent", response={200: DoubleKeyOut, 409: Detail, 422: Invalid}
)
def mark_sent(request: HttpRequest, call_id: int, payload: SentIn) -> dict[str, object]:
    """Mark a call double-keyed to NFIB; the NFRC NFIB gave is added to its report. 422 for a
    missing or malformed NFRC, 409 when another report already holds it, 428 for a restricted
    report without an X-Justification header."""
    c = services.mark_sent_to_nfib(
        api_user(request), call_id, payload.nfib_reference, report_api.justification(request)
    )
    return _double_key_out(c)


def _double_key_out(c: CallForService) -> dict[str, object]:
    assert c.report is not None  # a call waiting to be double-keyed has its report
    return {
        "id": c.pk,
        "local_reference": c.report.local_reference,
        "taken_at": c.taken_at,
        "caller": f"{c.caller_forename} {c.caller_surname}",
    }


@router.post("/referrals", response={201: report_api.ReportSummary, 422: Invalid})
def record_referral(
    request: HttpRequest,
    payload: Form[ReferralIn],
    # `| None` would change the API schema (files: array or null); None means no files sent.
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[dict[str, object]]:
    if "files" in request.POST:  # sent as a text field, not a file: it would be lost
        return Status(
            422, {"detail": "Invalid referral", "problems": {"files": "Send files as files"}}
        )
    try:
        referral = services.record_referral(
            api_user(request), services.ReferralInput(**payload.dict()), list(files or [])
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Invalid referral", "problems": invalid.problems})
    except AttachmentRejected as rejected:
        return Status(422, {"detail": "Attachment refused", "problems": {"files": str(rejected)}})
    return Status(201, report_api.summary(referral.report))
