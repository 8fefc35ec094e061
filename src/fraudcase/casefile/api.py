"""The file for the CPS over the API (added to /api/v1 by fraudcase.api): the same services
as the pages, so the same access rules: a report the user may not see, or one that is not a
case, answers 404; a restricted one needs an X-Justification header (428 without it)."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fraudcase.accounts.services import api_user
from fraudcase.core.api_schemas import Detail, Invalid, one_of
from fraudcase.reports import api as report_api

from . import rules, services
from .models import ScheduleItem

router = Router(tags=["case file"])


def _file(request: HttpRequest, ref: str, what: str = "") -> services.File:
    return services.open_file(
        api_user(request), ref, justification=report_api.justification(request), what=what
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


@router.get("/reports/{path:ref}/documents", response=list[CaseDocumentOut])
def document_list(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The case's statements and documents, each with every version of its file (name, size,
    SHA-256); files are downloaded on the page."""
    file = _file(request, ref, "API read of the statements and documents")
    return [
        {
            "id": d.pk,
            "reference": d.reference,
            "kind": d.kind,
            "title": d.title,
            "author": d.author,
            "dated": d.dated,
            "versions": [
                {
                    "version": v.version,
                    "filename": v.filename,
                    "size": v.size,
                    "sha256": v.sha256,
                    "note": v.note,
                    "added_by": v.added_by.get_username(),
                    "added_at": v.added_at,
                }
                for v in d.versions.all()
            ],
        }
        for d in services.documents(file)
    ]


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


class ChargingRecordOut(Schema):
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
        "interviews": [
            {"suspect": services.who(i), "held_on": i.held_on, "kind": i.kind, "notes": i.notes}
            for i in services.interviews(file)
        ],
        "charging_decisions": [
            {
                "id": c.pk,
                "suspect": services.who(c),
                "decision_maker": c.decision_maker,
                "requested_on": c.requested_on,
                "decision": c.decision,
                "decided_on": c.decided_on,
            }
            for c in decisions
        ],
        "hearings": [
            {
                "id": h.pk,
                "suspect": services.who(h),
                "held_on": h.held_on,
                "court": h.court,
                "kind": h.kind,
                "result": h.result,
                "result_notes": h.result_notes,
            }
            for h in services.hearings(file)
        ],
        "suggested_outcome": suggested.outcome if suggested else None,
    }
