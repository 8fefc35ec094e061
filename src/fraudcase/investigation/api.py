"""The investigation file over the API (added to /api/v1 by fraudcase.api): the same services
as the pages, so the same access rules: a report the user may not see, or one that is not a
case, answers 404; a restricted one needs an X-Justification header (428 without it)."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fraudcase.accounts.services import api_user
from fraudcase.core.api_schemas import Detail, Invalid, one_of
from fraudcase.reports import api as report_api

from . import rules, services
from .models import Decision

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
