"""The file for the CPS over the API (added to /api/v1 by fraudcase.api): the same services
as the pages, so the same access rules: a report the user may not see, or one that is not a
case, answers 404; a restricted one needs an X-Justification header (428 without it)."""

from datetime import date, datetime

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.accounts.services import api_user
from fraudcase.audit.models import AuditAction
from fraudcase.core.api_schemas import Detail, Invalid, one_of
from fraudcase.reports import api as report_api

from . import rules, services
from .models import (
    ChargingDecision,
    DisclosureReport,
    Document,
    DocumentVersion,
    Hearing,
    Interview,
    ScheduleItem,
)

router = Router(tags=["case file"])


def _file(
    request: HttpRequest,
    ref: str,
    what: str = "",
    purpose: AuditAction = AuditAction.CONSULTATION,
) -> services.File:
    return services.open_file(
        api_user(request),
        ref,
        justification=report_api.justification(request),
        what=what,
        purpose=purpose,
    )


class CaseDocumentVersionOut(Schema):
    version: int
    filename: str
    size: int
    sha256: str
    note: str
    added_by: str
    added_at: datetime


class CaseDocumentOut(Schema):
    id: int
    reference: str
    kind: one_of(rules.DocumentKind)
    title: str
    author: str
    dated: date
    versions: list[CaseDocumentVersionOut]


def _version_out(v: DocumentVersion) -> dict[str, object]:
    return {
        "version": v.version,
        "filename": v.filename,
        "size": v.size,
        "sha256": v.sha256,
        "note": v.note,
        "added_by": v.added_by.get_username(),
        "added_at": v.added_at,
    }


def _document_out(d: Document) -> dict[str, object]:
    return {
        "id": d.pk,
        "reference": d.reference,
        "kind": d.kind,
        "title": d.title,
        "author": d.author,
        "dated": d.dated,
        "versions": [_version_out(v) for v in d.versions.all()],
    }


@router.get("/reports/{path:ref}/documents", response=list[CaseDocumentOut])
def document_list(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The case's statements and documents, each with every version of its file (name, size,
    SHA-256); each version's file from `.../documents/{id}/versions/{version}`."""
    file = _file(request, ref, "API read of the statements and documents")
    return [_document_out(d) for d in services.documents(file)]


@router.post(
    "/reports/{path:ref}/documents", response={201: CaseDocumentOut, 404: Detail, 422: Invalid}
)
def add_document(
    request: HttpRequest,
    ref: str,
    file: File[UploadedFile],
    kind: Form[one_of(rules.DocumentKind)],
    title: Form[str],
    author: Form[str],
    dated: Form[date],
    note: Form[str] = "",
) -> Status[dict[str, object]]:
    """Attach a statement (MG11) or other document (multipart: `file` and the fields), its file
    kept as version 1 with its SHA-256; the disclosure schedules are then due a review. Roles
    that work cases."""
    case = _file(request, ref)
    document = services.add_document(
        case,
        services.DocumentInput(
            kind=kind, title=title, author=author, dated=dated, upload=file, note=note
        ),
    )
    return Status(201, _document_out(document))


@router.post(
    "/reports/{path:ref}/documents/{document_id}/versions",
    response={201: CaseDocumentVersionOut, 404: Detail, 422: Invalid},
)
def add_version(
    request: HttpRequest, ref: str, document_id: int, file: File[UploadedFile], note: Form[str]
) -> Status[dict[str, object]]:
    """A new version of a document's file (`file`, and `note`: what changed); the earlier
    versions are kept as they were."""
    case = _file(request, ref)
    return Status(201, _version_out(services.add_version(case, document_id, file, note)))


@router.get(
    "/reports/{path:ref}/documents/{document_id}/versions/{version}",
    response={404: Detail},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as it was uploaded",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def document_version(
    request: HttpRequest, ref: str, document_id: int, version: int
) -> FileResponse:
    """One version's file, as a download (audited as a disclosure)."""
    case = _file(request, ref, "API download of a statement or document", AuditAction.DISCLOSURE)
    found, handle = services.open_version(case, document_id, version)
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ScheduleItemOut(Schema):
    number: int
    description: str
    location: str
    decision: str = Field(description="MG6C: CND, D or I; empty on the MG6D")
    sensitivity: str = Field(description="MG6D: why the material is sensitive")
    prosecutor_decision: str = Field(description="MG6D: the prosecutor's decision, if made")
    withdrawn: bool
    withdrawn_at: datetime | None
    withdrawn_reason: str


class ScheduleOut(Schema):
    kind: one_of(rules.ScheduleKind)
    reviewed_at: datetime | None
    to_review: list[str] = Field(description="Material added since the last review")
    items: list[ScheduleItemOut]


class ScheduleItemIn(Schema):
    description: str = Field(max_length=5000)
    location: str = Field(max_length=200)
    decision: one_of(rules.OfficerDecision, "") = Field("", description="MG6C only")
    sensitivity: str = Field("", max_length=5000, description="MG6D only")


class WithdrawIn(Schema):
    reason: str = Field(max_length=300)


def _item_out(i: ScheduleItem) -> dict[str, object]:
    return {
        "number": i.number,
        "description": i.description,
        "location": i.location,
        "decision": i.decision,
        "sensitivity": i.sensitivity,
        "prosecutor_decision": i.prosecutor_decision,
        "withdrawn": i.withdrawn_at is not None,
        "withdrawn_at": i.withdrawn_at,
        "withdrawn_reason": i.withdrawn_reason,
    }


@router.get("/reports/{path:ref}/disclosure/{schedule}", response=ScheduleOut)
def schedule(request: HttpRequest, ref: str, schedule: str) -> dict[str, object]:
    """A schedule of unused material (`mg6c` or `mg6d`): every item in number order,
    withdrawn ones included and marked, and the material added since its last review."""
    file = _file(request, ref, f"API read of the {schedule.upper()[:4]}")
    sched = services.schedule(file, schedule)
    return {
        "kind": sched.kind,
        "reviewed_at": sched.reviewed_at,
        "to_review": services.to_review(file, sched),
        "items": [_item_out(i) for i in services.items(sched)],
    }


@router.post(
    "/reports/{path:ref}/disclosure/{schedule}/items",
    response={201: ScheduleItemOut, 404: Detail, 422: Invalid},
)
def add_item(
    request: HttpRequest, ref: str, schedule: str, payload: ScheduleItemIn
) -> Status[dict[str, object]]:
    """Add an item, numbered after every item ever on the schedule (roles that work cases)."""
    file = _file(request, ref)
    item = services.add_item(file, schedule, services.ItemInput(**payload.dict()))
    return Status(201, _item_out(item))


@router.post(
    "/reports/{path:ref}/disclosure/{schedule}/items/{number}/withdrawal",
    response={200: ScheduleItemOut, 404: Detail, 422: Invalid},
)
def withdraw_item(
    request: HttpRequest, ref: str, schedule: str, number: int, payload: WithdrawIn
) -> Status[dict[str, object]]:
    """Withdraw an item: it keeps its number, marked withdrawn with the reason."""
    file = _file(request, ref)
    return Status(200, _item_out(services.withdraw_item(file, schedule, number, payload.reason)))


class ProsecutorDecisionIn(Schema):
    prosecutor_decision: one_of(rules.ProsecutorDecision)


@router.post(
    "/reports/{path:ref}/disclosure/mg6d/items/{number}/prosecutor-decision",
    response={200: ScheduleItemOut, 404: Detail, 422: Invalid},
)
def prosecutor_decision(
    request: HttpRequest, ref: str, number: int, payload: ProsecutorDecisionIn
) -> Status[dict[str, object]]:
    """The prosecutor's decision on a sensitive item (MG6D)."""
    file = _file(request, ref)
    item = services.record_prosecutor_decision(file, number, payload.prosecutor_decision)
    return Status(200, _item_out(item))


@router.post(
    "/reports/{path:ref}/disclosure/{schedule}/review",
    response={200: ScheduleOut, 404: Detail, 422: Invalid},
)
def review_schedule(request: HttpRequest, ref: str, schedule: str) -> Status[dict[str, object]]:
    """The disclosure officer has reviewed the schedule against the material now on the case:
    what was added before now is no longer listed in `to_review`."""
    file = _file(request, ref)
    sched = services.mark_reviewed(file, schedule)
    return Status(
        200,
        {
            "kind": sched.kind,
            "reviewed_at": sched.reviewed_at,
            "to_review": services.to_review(file, sched),
            "items": [_item_out(i) for i in services.items(sched)],
        },
    )


class DisclosureReportOut(Schema):
    attention: str
    certified_by: str
    certified_at: datetime


class DisclosureReportIn(Schema):
    attention: str = Field(
        "", max_length=5000, description="Material for the prosecutor's attention"
    )


def _certificate_out(d: DisclosureReport) -> dict[str, object]:
    return {
        "attention": d.attention,
        "certified_by": d.certified_by.get_username(),
        "certified_at": d.certified_at,
    }


@router.get("/reports/{path:ref}/disclosure-reports", response=list[DisclosureReportOut])
def disclosure_reports(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The disclosure officer's reports (MG6E), each certificate as it was made."""
    file = _file(request, ref, "API read of the disclosure officer's reports")
    return [_certificate_out(d) for d in services.disclosure_reports(file)]


@router.post(
    "/reports/{path:ref}/disclosure-reports",
    response={201: DisclosureReportOut, 404: Detail, 422: Invalid},
)
def certify(
    request: HttpRequest, ref: str, payload: DisclosureReportIn
) -> Status[dict[str, object]]:
    """Certify the disclosure officer's report (MG6E): the material has been retained,
    recorded and reviewed and the schedules are complete (CPIA Code para 10.1)."""
    file = _file(request, ref)
    return Status(201, _certificate_out(services.certify(file, payload.attention)))


class InterviewOut(Schema):
    suspect: str
    held_on: date
    kind: one_of(rules.InterviewKind)
    notes: str


class ChargingDecisionOut(Schema):
    id: int
    suspect: str
    decision_maker: one_of(rules.DecisionMaker)
    requested_on: date
    decision: one_of(rules.ChargingOutcome, "")
    decided_on: date | None


class HearingOut(Schema):
    id: int
    suspect: str
    held_on: date
    court: str
    kind: one_of(rules.HearingKind)
    result: one_of(rules.HearingResult)
    result_notes: str


class SuspectChoiceOut(Schema):
    id: int
    name: str


class ChargingRecordOut(Schema):
    suspects: list[SuspectChoiceOut] = Field(
        description="The report's suspects: the `suspect` ids interviews, charging requests "
        "and hearings name"
    )
    interviews: list[InterviewOut]
    charging_decisions: list[ChargingDecisionOut]
    hearings: list[HearingOut]
    suggested_outcome: int | None = Field(
        description="The Home Office outcome the charging decisions suggest on finalisation"
    )


@router.get("/reports/{path:ref}/charging", response=ChargingRecordOut)
def charging(request: HttpRequest, ref: str) -> dict[str, object]:
    """Interviews, charging decisions and court hearings, and the outcome they suggest."""
    file = _file(request, ref, "API read of charging and court")
    decisions = list(services.charging(file))
    suggested = services.suggestion(decisions)
    return {
        "suspects": [{"id": x.pk, "name": str(x)} for x in services.suspects(file)],
        "interviews": [_interview_out(i) for i in services.interviews(file)],
        "charging_decisions": [_charging_out(c) for c in decisions],
        "hearings": [_hearing_out(h) for h in services.hearings(file)],
        "suggested_outcome": suggested.outcome if suggested else None,
    }


def _interview_out(i: Interview) -> dict[str, object]:
    return {"suspect": services.who(i), "held_on": i.held_on, "kind": i.kind, "notes": i.notes}


def _charging_out(c: ChargingDecision) -> dict[str, object]:
    return {
        "id": c.pk,
        "suspect": services.who(c),
        "decision_maker": c.decision_maker,
        "requested_on": c.requested_on,
        "decision": c.decision,
        "decided_on": c.decided_on,
    }


def _hearing_out(h: Hearing) -> dict[str, object]:
    return {
        "id": h.pk,
        "suspect": services.who(h),
        "held_on": h.held_on,
        "court": h.court,
        "kind": h.kind,
        "result": h.result,
        "result_notes": h.result_notes,
    }


class InterviewIn(Schema):
    suspect: int = Field(description="A suspect id from `suspects`")
    held_on: date
    kind: one_of(rules.InterviewKind)
    notes: str = Field("", max_length=5000)


@router.post(
    "/reports/{path:ref}/interviews", response={201: InterviewOut, 404: Detail, 422: Invalid}
)
def record_interview(
    request: HttpRequest, ref: str, payload: InterviewIn
) -> Status[dict[str, object]]:
    """A suspect interviewed: the date (today or before) and the type of interview."""
    file = _file(request, ref)
    return Status(201, _interview_out(services.record_interview(file, **payload.dict())))


class ChargingRequestIn(Schema):
    suspect: int = Field(description="A suspect id from `suspects`")
    decision_maker: one_of(rules.DecisionMaker)
    requested_on: date
    notes: str = Field("", max_length=5000)


@router.post(
    "/reports/{path:ref}/charging", response={201: ChargingDecisionOut, 404: Detail, 422: Invalid}
)
def request_charging(
    request: HttpRequest, ref: str, payload: ChargingRequestIn
) -> Status[dict[str, object]]:
    """A charging decision requested from the police or the CPS."""
    file = _file(request, ref)
    return Status(201, _charging_out(services.request_charging(file, **payload.dict())))


class ChargingDecisionIn(Schema):
    decision: one_of(rules.ChargingOutcome)
    decided_on: date


@router.post(
    "/reports/{path:ref}/charging/{request_id}/outcome",
    response={200: ChargingDecisionOut, 404: Detail, 422: Invalid},
)
def record_charging_decision(
    request: HttpRequest, ref: str, request_id: int, payload: ChargingDecisionIn
) -> Status[dict[str, object]]:
    """The charging decision received on a request made earlier (not before it). (Its address
    ends in `outcome`: `/reports/{ref}/decision` is the supervisor's decision on a report.)"""
    file = _file(request, ref)
    entry = services.record_charging_decision(file, request_id, **payload.dict())
    return Status(200, _charging_out(entry))


class HearingIn(Schema):
    suspect: int = Field(description="A suspect id from `suspects`")
    held_on: date
    court: str = Field(max_length=200)
    kind: one_of(rules.HearingKind)


@router.post("/reports/{path:ref}/hearings", response={201: HearingOut, 404: Detail, 422: Invalid})
def add_hearing(request: HttpRequest, ref: str, payload: HearingIn) -> Status[dict[str, object]]:
    """A court hearing for a suspect: the date, the court and the type of hearing."""
    file = _file(request, ref)
    return Status(201, _hearing_out(services.add_hearing(file, **payload.dict())))


class HearingResultIn(Schema):
    result: one_of(rules.HearingResult)
    notes: str = Field("", max_length=5000)


@router.post(
    "/reports/{path:ref}/hearings/{hearing_id}/result",
    response={200: HearingOut, 404: Detail, 422: Invalid},
)
def record_hearing_result(
    request: HttpRequest, ref: str, hearing_id: int, payload: HearingResultIn
) -> Status[dict[str, object]]:
    """A hearing's result (a conviction or guilty plea suggests outcome 1 on finalisation)."""
    file = _file(request, ref)
    entry = services.record_hearing_result(file, hearing_id, **payload.dict())
    return Status(200, _hearing_out(entry))
