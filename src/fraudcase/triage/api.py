"""django-ninja routes for triage."""

from ninja import Router, Schema, Status

from fraudcase.api_schemas import Invalid

from . import rules, services

router = Router(tags=["triage"])


class ScreenIn(Schema):
    answers: dict[str, str]
    multipliers: list[str] = []
    facts: dict[str, bool | int] = {}


class ScreenOut(Schema):
    score: float
    score_tier: int
    tier: int
    team: str
    scoring_version: str
    reasons: list[str]


@router.post("/triage/screen", response={200: ScreenOut, 422: Invalid})
def screen(request, payload: ScreenIn):
    """Score App. B matrix answers and give the App. D tier and team. Stateless: saves nothing.

    `answers` maps each heading (victim, offender, evidence, geography, victims,
    connected_reports, value, modus_operandi) to an option key of the scoring in force;
    `facts` may add App. D facts the matrix does not ask (e.g. `organised_crime_group`).
    """
    version, scoring = services.active_scoring()
    unknown = set(payload.facts) - set(rules.TierFacts.__dataclass_fields__)
    if unknown:
        return Status(
            422,
            {
                "detail": "Unknown facts",
                "problems": dict.fromkeys(sorted(unknown), "Not an Appendix D fact"),
            },
        )
    try:
        result = rules.screen(
            scoring, payload.answers, payload.multipliers, rules.TierFacts(**payload.facts)
        )
    except ValueError as invalid:
        return Status(
            422, {"detail": "Invalid matrix answers", "problems": {"answers": str(invalid)}}
        )
    return {
        "score": result.score,
        "score_tier": int(result.score_tier),
        "tier": int(result.tier),
        "team": result.team,
        "scoring_version": version,
        "reasons": list(result.reasons),
    }


class DecisionIn(Schema):
    decision: str
    reason: str = ""
    retask_direction: str = ""
    retask_reason: str = ""
    retask_explanation: str = ""


class DecisionOut(Schema):
    local_reference: str
    decision: str
    tier: int
    status: str


class ConflictOut(Schema):
    detail: str


@router.post(
    "/reports/{path:ref}/decision", response={200: DecisionOut, 409: ConflictOut, 422: Invalid}
)
def decide(request, ref: str, payload: DecisionIn):
    """The VFT supervisor's decision on an assessed report; 409 if someone decided it first."""
    from fraudcase.intake import services as intake_services

    report = intake_services.get_report(
        request.auth, ref, justification=request.headers.get("X-Justification", "")
    )
    try:
        made = services.decide(request.auth, report, **payload.dict())
    except services.Conflict as conflict:
        return Status(409, {"detail": str(conflict)})
    except services.InvalidInput as invalid:
        return Status(422, {"detail": "Decision not saved", "problems": invalid.problems})
    report.refresh_from_db()
    return {
        "local_reference": report.local_reference,
        "decision": made.decision,
        "tier": made.tier,
        "status": report.status,
    }
