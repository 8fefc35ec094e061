"""App. F: the evaluator's two stages, then back to the supervisor for decision."""

import pytest

from fraudcase.triage import services
from fraudcase.triage.models import Evaluation

pytestmark = pytest.mark.django_db

STAGE_2 = {
    "case_summary": "Courier fraud against an 89-year-old; £4,500 collected at the door",
    "ideal_outcome": "Return of the cash and prosecution of the courier",
    "requirement_a": "Courier fraud, enabled by a spoofed police number",
    "requirement_b": "Courier seen on doorbell camera",
    "requirement_c": "Telephone records",
    "requirement_d": "Links to two other courier frauds",
    "requirement_e": "Arrest and search when identified",
    "nature_of_offending": "Organised courier series",
    "evidence_assessment": "Doorbell footage held; call data to obtain",
    "tracing_assessment": "Courier identifiable from footage",
    "proportionality": "Strong chance: traced suspect, evidence available",
    "enforcement_assessment": "Arrest achievable",
    "recommendation": "investigate",
    "recommendation_reasons": "Identifiable courier and a wider series",
}


@pytest.fixture
def with_evaluator(assessed, supervisor):
    services.decide(supervisor, assessed, decision="evaluate")
    assessed.refresh_from_db()
    assert assessed.status == "with_evaluator"
    return assessed


def test_stage_1_is_saved_then_stage_2_returns_the_report_to_the_supervisor(
    with_evaluator, evaluator, supervisor, client
):
    client.force_login(evaluator)
    ref = with_evaluator.local_reference
    page = client.get(f"/reports/{ref}/evaluate/").content.decode()
    assert "Stage 1: suspect and crime evaluation" in page
    client.post(
        f"/reports/{ref}/evaluate/",
        {
            "summary": "Courier collected cash; payment trace not possible",
            "checks_made": ["PND"],
            "complete": "no",
        },
    )
    with_evaluator.refresh_from_db()
    assert with_evaluator.status == "with_evaluator"
    assert Evaluation.objects.get().checks_made == ["PND"]

    client.post(
        f"/reports/{ref}/evaluate/",
        {
            "summary": "Courier collected cash",
            "checks_made": ["PND", "Experian"],
            **STAGE_2,
            "complete": "yes",
        },
    )
    with_evaluator.refresh_from_db()
    assert with_evaluator.status == "evaluated"
    evaluation = Evaluation.objects.get()  # the draft was completed, not duplicated
    assert evaluation.requirements["d"] == "Links to two other courier frauds"
    assert evaluation.completed_at is not None

    # Back with the supervisor, who may allocate or take no further action, not evaluate again.
    with pytest.raises(services.InvalidInput):
        services.decide(supervisor, with_evaluator, decision="evaluate")
    services.decide(supervisor, with_evaluator, decision="allocate")
    with_evaluator.refresh_from_db()
    assert with_evaluator.status == "awaiting_allocation"
    assert with_evaluator.supervisor_decisions.count() == 2


def test_stage_2_must_be_complete_to_return_it(with_evaluator, evaluator):
    with pytest.raises(services.InvalidInput) as invalid:
        services.record_evaluation(
            evaluator, with_evaluator, {"summary": "x", "case_summary": "y"}, complete=True
        )
    assert "ideal_outcome" in invalid.value.problems
    assert "recommendation" in invalid.value.problems


def test_an_assessor_cannot_evaluate(with_evaluator, assessor, client):
    client.force_login(assessor)
    ref = with_evaluator.local_reference
    assert client.get(f"/reports/{ref}/evaluate/").status_code == 404
    answer = client.post(
        f"/api/v1/reports/{ref}/evaluation",
        {"summary": "x", **STAGE_2},
        content_type="application/json",
    )
    assert answer.status_code == 404
    with_evaluator.refresh_from_db()
    assert with_evaluator.status == "with_evaluator"


def test_the_evaluation_through_the_api(with_evaluator, evaluator, client):
    client.force_login(evaluator)
    answer = client.post(
        f"/api/v1/reports/{with_evaluator.local_reference}/evaluation",
        {"summary": "Courier collected cash", **STAGE_2},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "evaluated"


def test_an_incomplete_evaluation_through_the_api_is_422_naming_what_is_missing(
    with_evaluator, evaluator, client
):
    client.force_login(evaluator)
    answer = client.post(
        f"/api/v1/reports/{with_evaluator.local_reference}/evaluation",
        {"summary": "Courier collected cash", "complete": True},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["problems"]  # each missing stage 2 field named
    with_evaluator.refresh_from_db()
    assert with_evaluator.status == "with_evaluator"
