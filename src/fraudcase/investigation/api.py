"""The investigation file over the API (added to /api/v1 by fraudcase.api): the same services
as the pages, so the same access rules: a report the user may not see, or one that is not a
case, answers 404; a restricted one needs an X-Justification header (428 without it)."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fraudcase.accounts.services import api_user
from fraudcase.core.api_schemas import Day, Detail, Invalid, one_of
from fraudcase.reports import api as report_api
from fraudcase.reports.enums import IdentifierKind
from fraudcase.reports.models import Report

from . import exhibits, nominals, rules, services
from .models import Decision, Exhibit, Nominal, PlanAction

router = Router(tags=["investigation"])


def _file(request: HttpRequest, ref: str, what: str = "") -> services.File:
    return services.open_file(
        api_user(request), ref, justification=report_api.justification(request), what=what
    )


class LoggedDecisionIn(Schema):
    decision: str = Field(max_length=5000)
    reasons: str = Field(max_length=5000)
    options: str = Field(max_length=5000, description="The options considered")
    supersedes: int | None = Field(None, description="The number of the decision it supersedes")


class LoggedDecisionOut(Schema):
    number: int
    reference: str
    decision: str
    reasons: str
    options: str
    decided_by: str
    capacity: one_of(rules.Capacity)
    recorded_at: datetime
    supersedes: int | None
    superseded_by: int | None
    signature: str


class DecisionLogOut(Schema):
    decisions: list[LoggedDecisionOut]
    broken_signatures: list[int]


def _decision_out(d: Decision) -> dict[str, object]:
    later = getattr(d, "superseded_by", None) if hasattr(d, "superseded_by") else None
    return {
        "number": d.number,
        "reference": d.reference,
        "decision": d.decision,
        "reasons": d.reasons,
        "options": d.options,
        "decided_by": d.decided_by.get_username(),
        "capacity": d.capacity,
        "recorded_at": d.recorded_at,
        "supersedes": d.supersedes.number if d.supersedes else None,
        "superseded_by": later.number if later else None,
        "signature": d.signature,
    }


@router.get("/reports/{path:ref}/decisions", response=DecisionLogOut)
def decision_log(request: HttpRequest, ref: str) -> dict[str, object]:
    """The case's decision log in order, and the numbers of any decision whose signature does
    not match what is recorded (none, unless the database was changed by hand)."""
    file = _file(request, ref, "API read of the decision log")
    log = list(services.decisions(file))
    return {
        "decisions": [_decision_out(d) for d in log],
        "broken_signatures": services.broken_signatures(file, log),
    }


@router.post(
    "/reports/{path:ref}/decisions", response={201: LoggedDecisionOut, 422: Invalid, 404: Detail}
)
def record_decision(
    request: HttpRequest, ref: str, payload: LoggedDecisionIn
) -> Status[dict[str, object]]:
    """Sign and record a decision (the officer in the case or the VFT supervisor; 404 for
    anyone else). There is no way to change one: record a later one that `supersedes` it."""
    file = _file(request, ref)
    entry = services.record_decision(file, **payload.dict())
    entry = services.decisions(file).get(pk=entry.pk)
    return Status(201, _decision_out(entry))


# ---------------------------------------------------------------- the investigation plan


class PlanActionOut(Schema):
    id: int
    text: str
    owner: str
    due: date
    state: str = Field(description="open, due_today, overdue or done")
    result: str
    result_at: datetime | None


class LineOut(Schema):
    number: int
    heading: str
    fim_item: str = Field(description="App. F stage 2 item 3 (a-e); empty for a line added")
    notes: str
    actions: list[PlanActionOut]


class PlanActionIn(Schema):
    line: int = Field(description="The number of the line of enquiry")
    text: str = Field(max_length=300)
    owner: str = Field(description="The username of the officer who owns it")
    due: Day


class ActionResultIn(Schema):
    result: str = Field(max_length=5000)


def _action_out(a: PlanAction, today: date) -> dict[str, object]:
    return {
        "id": a.pk,
        "text": a.text,
        "owner": a.owner.get_username(),
        "due": a.due,
        "state": rules.action_state(a.due, a.result_at is not None, today),
        "result": a.result,
        "result_at": a.result_at,
    }


@router.get("/reports/{path:ref}/plan", response=list[LineOut])
def investigation_plan(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The investigation plan: its lines of enquiry in order, each with its actions (empty
    until the plan is started or an action added)."""
    file = _file(request, ref, "API read of the investigation plan")
    today = timezone.localdate()
    return [
        {
            "number": line.number,
            "heading": line.heading,
            "fim_item": line.fim_item,
            "notes": line.notes,
            "actions": [_action_out(a, today) for a in line.actions.all()],
        }
        for line in services.plan(file)
    ]


@router.post(
    "/reports/{path:ref}/plan/actions", response={201: PlanActionOut, 422: Invalid, 404: Detail}
)
def add_plan_action(
    request: HttpRequest, ref: str, payload: PlanActionIn
) -> Status[dict[str, object]]:
    """Add an action to a line of enquiry (roles that work cases; the plan starts with the
    Fraud Investigation Model's lines if it has none). Due today or later."""
    file = _file(request, ref)
    owner = services.owners().filter(username=payload.owner).first()
    action = services.add_action(
        file,
        line=payload.line,
        text=payload.text,
        owner_id=owner.pk if owner else None,
        due=payload.due,
    )
    return Status(201, _action_out(action, timezone.localdate()))


@router.post(
    "/reports/{path:ref}/plan/actions/{action_id}/result",
    response={200: PlanActionOut, 404: Detail, 409: Detail, 422: Invalid},
)
def record_plan_result(
    request: HttpRequest, ref: str, action_id: int, payload: ActionResultIn
) -> dict[str, object]:
    """Record an action's result: it is done, and off the Deadlines page. 409 if its result
    was already recorded."""
    file = _file(request, ref)
    action = services.record_result(file, action_id, payload.result)
    return _action_out(action, timezone.localdate())


# ---------------------------------------------------------------- exhibits


class MovementOut(Schema):
    held_by: str
    start: datetime
    end: datetime | None
    reason: str


class ExhibitOut(Schema):
    id: int
    reference: str
    description: str
    seized_from: str
    seized_where: str
    seized_at: datetime
    seized_by: str
    seal_number: str
    storage_location: str
    filename: str
    sha256: str
    disposal: one_of(rules.Disposal, "")
    disposal_authority: str
    disposed_at: datetime | None
    movements: list[MovementOut]
    chain_problems: list[str] = Field(description="Empty when the chain of continuity is unbroken")


class ExhibitIn(Schema):
    initials: str = Field(max_length=4, description="The seizing officer's initials (2-4 letters)")
    description: str = Field(max_length=5000)
    seized_from: str = Field(max_length=200)
    seized_where: str = Field(max_length=200)
    seized_at: datetime = Field(description="ISO 8601; UK time without an offset")
    seal_number: str = Field("", max_length=50)
    storage_location: str = Field(max_length=200)


class MovementIn(Schema):
    held_by: str = Field(max_length=200)
    at: datetime = Field(description="When it passed to them, ISO 8601; UK time without an offset")
    reason: str = Field(max_length=300)


class DisposalIn(Schema):
    disposal: one_of(rules.Disposal)
    authority: str = Field(max_length=300)
    at: datetime = Field(description="ISO 8601; UK time without an offset")


def _exhibit_out(e: Exhibit) -> dict[str, object]:
    return {
        "id": e.pk,
        "reference": e.reference,
        "description": e.description,
        "seized_from": e.seized_from,
        "seized_where": e.seized_where,
        "seized_at": e.seized_at,
        "seized_by": e.seized_by.get_username(),
        "seal_number": e.seal_number,
        "storage_location": e.storage_location,
        "filename": e.filename,
        "sha256": e.sha256,
        "disposal": e.disposal,
        "disposal_authority": e.disposal_authority,
        "disposed_at": e.disposed_at,
        "movements": [
            {"held_by": m.held_by, "start": m.start, "end": m.end, "reason": m.reason}
            for m in e.movements.all()
        ],
        "chain_problems": exhibits.chain_problems(e),
    }


def _aware(at: datetime) -> datetime:
    """A time given without an offset is UK time."""
    return timezone.make_aware(at) if timezone.is_naive(at) else at


@router.get("/reports/{path:ref}/exhibits", response=list[ExhibitOut])
def exhibit_list(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The case's exhibits by reference, each with its chain of continuity."""
    file = _file(request, ref, "API read of the exhibit list")
    return [_exhibit_out(e) for e in exhibits.exhibits(file)]


@router.post("/reports/{path:ref}/exhibits", response={201: ExhibitOut, 404: Detail, 422: Invalid})
def record_exhibit(request: HttpRequest, ref: str, payload: ExhibitIn) -> Status[dict[str, object]]:
    """Record an exhibit seized by you (roles that work cases): its reference is your initials
    and the next number; you hold it from the time of seizure. A digital exhibit's file is
    added on the page."""
    file = _file(request, ref)
    data = payload.dict()
    data["seized_at"] = _aware(payload.seized_at)
    found = exhibits.record_exhibit(file, exhibits.ExhibitInput(**data))
    return Status(201, _exhibit_out(exhibits.get_exhibit(file, found.pk)))


@router.post(
    "/reports/{path:ref}/exhibits/{exhibit_id}/movements",
    response={200: ExhibitOut, 404: Detail, 422: Invalid},
)
def move_exhibit(
    request: HttpRequest, ref: str, exhibit_id: int, payload: MovementIn
) -> dict[str, object]:
    """Record that the exhibit passed to someone: the holder before gives it up at that
    moment, so the chain has no gap and no overlap (422 otherwise, nothing saved)."""
    file = _file(request, ref)
    at = _aware(payload.at)
    moved = exhibits.move_exhibit(
        file, exhibit_id, held_by=payload.held_by, at=at, reason=payload.reason
    )
    return _exhibit_out(moved)


@router.post(
    "/reports/{path:ref}/exhibits/{exhibit_id}/disposal",
    response={200: ExhibitOut, 404: Detail, 422: Invalid},
)
def dispose_exhibit(
    request: HttpRequest, ref: str, exhibit_id: int, payload: DisposalIn
) -> dict[str, object]:
    """Record the exhibit returned to its owner or destroyed, with the authority: it moves no
    more."""
    file = _file(request, ref)
    at = _aware(payload.at)
    done = exhibits.dispose_exhibit(
        file, exhibit_id, disposal=payload.disposal, authority=payload.authority, at=at
    )
    return _exhibit_out(done)


# ---------------------------------------------------------------- people and things (POLE)


def _report(request: HttpRequest, ref: str, what: str = "") -> Report:
    return nominals.open_report(
        api_user(request), ref, justification=report_api.justification(request), what=what
    )


class NominalIdentifierIO(Schema):
    kind: one_of(IdentifierKind)
    value: str = Field(max_length=300, description="As typed; normalised on the way in")


class NominalIn(Schema):
    kind: one_of(rules.PoleKind)
    role: str = Field(
        "", description="For a person or organisation: " + ", ".join(rules.NominalRole.values)
    )
    name: str = Field(max_length=200, description="A name, or what a thing is in a few words")
    details: str = Field("", max_length=5000)
    identifiers: list[NominalIdentifierIO] = Field(default_factory=list)
    reason: str = Field(max_length=2000, description="Why it is recorded or changed (logged)")


class NominalRemoveIn(Schema):
    reason: str = Field(max_length=2000)


class NominalOut(Schema):
    id: int
    kind: one_of(rules.PoleKind)
    role: str
    name: str
    details: str
    identifiers: list[NominalIdentifierIO]
    suspect_id: int | None = Field(description="The report's suspect it is, for a suspect")
    added_by: str
    added_at: datetime
    removed_at: datetime | None
    removed_reason: str


def _nominal_out(n: Nominal) -> dict[str, object]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "role": n.role,
        "name": n.name,
        "details": n.details,
        "identifiers": [{"kind": i.kind, "value": i.raw} for i in n.identifiers.all()],
        "suspect_id": n.suspect_id,
        "added_by": n.added_by.get_username(),
        "added_at": n.added_at,
        "removed_at": n.removed_at,
        "removed_reason": n.removed_reason,
    }


def _entry(payload: NominalIn) -> nominals.Entry:
    return nominals.Entry(
        kind=payload.kind,
        role=payload.role,
        name=payload.name,
        details=payload.details,
        identifiers=[(i.kind, i.value) for i in payload.identifiers],
    )


@router.get("/reports/{path:ref}/nominals", response=list[NominalOut])
def nominal_list(request: HttpRequest, ref: str) -> list[dict[str, object]]:
    """The people and things officers recorded on the report (any report, whatever its
    source), removed ones included with why."""
    report = _report(request, ref, "API read of the people and things on the report")
    found = nominals.people(report)
    return [_nominal_out(n) for n in found.recorded + found.removed]


@router.get("/reports/{path:ref}/nominals/{nominal_id}", response={200: NominalOut, 404: Detail})
def nominal_detail(request: HttpRequest, ref: str, nominal_id: int) -> dict[str, object]:
    """One person or thing on the report; 404 if it is not on a report the user may see."""
    report = _report(request, ref, "API read of a person or thing on the report")
    return _nominal_out(nominals.get_nominal(report, nominal_id))


@router.post("/reports/{path:ref}/nominals", response={201: NominalOut, 404: Detail, 422: Invalid})
def record_nominal(request: HttpRequest, ref: str, payload: NominalIn) -> Status[dict[str, object]]:
    """Record a person or thing, with the reason. A suspect's identifiers are normalised,
    searched and used to link the report into series."""
    report = _report(request, ref)
    n = nominals.record(api_user(request), report, _entry(payload), reason=payload.reason)
    return Status(201, _nominal_out(nominals.get_nominal(report, n.pk)))


@router.put(
    "/reports/{path:ref}/nominals/{nominal_id}",
    response={200: NominalOut, 404: Detail, 422: Invalid},
)
def change_nominal(
    request: HttpRequest, ref: str, nominal_id: int, payload: NominalIn
) -> dict[str, object]:
    """Change a person or thing on the report, with the reason."""
    report = _report(request, ref)
    nominals.change(api_user(request), report, nominal_id, _entry(payload), reason=payload.reason)
    return _nominal_out(nominals.get_nominal(report, nominal_id))


@router.post(
    "/reports/{path:ref}/nominals/{nominal_id}/remove",
    response={200: NominalOut, 404: Detail, 422: Invalid},
)
def remove_nominal(
    request: HttpRequest, ref: str, nominal_id: int, payload: NominalRemoveIn
) -> dict[str, object]:
    """Remove a person or thing, with the reason: kept, marked removed; a suspect leaves
    search and its series."""
    report = _report(request, ref)
    nominals.remove(api_user(request), report, nominal_id, reason=payload.reason)
    return _nominal_out(nominals.get_nominal(report, nominal_id))
