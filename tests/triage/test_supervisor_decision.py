"""§5.3: the VFT supervisor decides the route; one of two concurrent decisions wins."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.triage import services
from fraudcase.triage.models import SupervisorDecision
from tests.triage.test_assess_a_report import assess_on_the_pages, form

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(assessor, example_package, client):
    import_nfib_package(example_package, user=assessor)
    albert = Report.objects.get(nfrc_numbers__number="NFRC261010000004")
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form())
    albert.refresh_from_db()
    assert albert.status == "assessed"
    return albert


def test_the_supervisor_allocates_and_tasks_up_a_tier(assessed, supervisor, client):
    client.force_login(supervisor)
    page = client.get(f"/reports/{assessed.local_reference}/").content.decode()
    assert "Supervisor&#x27;s decision" in page or "Supervisor's decision" in page
    client.post(
        f"/reports/{assessed.local_reference}/decide/",
        {
            "decision": "allocate",
            "retask_to": "3",
            "retask_reason": "complexity",
            "retask_explanation": "Courier fraud linked to a wider series",
        },
    )
    made = SupervisorDecision.objects.get()
    assert (made.tier_before, made.tier, made.decided_by) == (4, 3, supervisor)
    assessed.refresh_from_db()
    assert assessed.status == "awaiting_allocation"
    assert "Tasked up from tier 4 to tier 3 (complexity)" in assessed.log_entries.first().text


def test_no_further_action_needs_a_reason(assessed, supervisor):
    with pytest.raises(services.InvalidInput):
        services.decide(supervisor, assessed, decision="no_further_action")
    made = services.decide(
        supervisor,
        assessed,
        decision="no_further_action",
        reason="No lines of enquiry; victim advised",
    )
    assessed.refresh_from_db()
    assert (made.decision, assessed.status) == ("no_further_action", "no_further_action")


def test_two_supervisors_at_once_exactly_one_decision_is_saved(assessed, supervisor, vft):
    from tests.conftest import _person

    other = _person("supervisor2", "vft_supervisor", "OFFICIAL-SENSITIVE", vft)
    stale_copy = Report.objects.get(pk=assessed.pk)  # the second supervisor's open page
    services.decide(supervisor, assessed, decision="allocate")
    with pytest.raises(services.Conflict, match="decided by someone else"):
        services.decide(other, stale_copy, decision="evaluate")
    assert SupervisorDecision.objects.count() == 1


def test_the_api_reports_a_conflict_and_refuses_other_roles(assessed, supervisor, assessor, client):
    url = f"/api/v1/reports/{assessed.local_reference}/decision"
    client.force_login(assessor)
    assert (
        client.post(url, {"decision": "allocate"}, content_type="application/json").status_code
        == 404
    )
    client.force_login(supervisor)
    first = client.post(url, {"decision": "evaluate"}, content_type="application/json")
    assert first.status_code == 200 and first.json()["status"] == "with_evaluator"
    second = client.post(url, {"decision": "allocate"}, content_type="application/json")
    assert second.status_code == 409


def test_an_assessor_cannot_decide_through_the_page(assessed, assessor, client):
    client.force_login(assessor)
    response = client.post(f"/reports/{assessed.local_reference}/decide/", {"decision": "allocate"})
    assert response.status_code == 404
    assessed.refresh_from_db()
    assert assessed.status == "assessed"


def test_the_supervisor_tasks_a_report_down_more_than_one_tier_with_reasons(
    assessed, supervisor, client
):
    from fraudcase.triage.models import Assessment

    Assessment.objects.filter(report=assessed).update(tier=1)
    client.force_login(supervisor)
    page = client.get(f"/reports/{assessed.local_reference}/").content.decode()
    assert "Keep tier 1" in page and "Task to tier 4: VFT or neighbourhood" in page
    assert "Task to tier 1:" not in page
    client.post(
        f"/reports/{assessed.local_reference}/decide/",
        {
            "decision": "allocate",
            "retask_to": "4",
            "retask_reason": "resources",
            "retask_explanation": "One low-value sale: the neighbourhood team can take it",
        },
    )
    made = SupervisorDecision.objects.get()
    assert (made.tier_before, made.tier, made.retask_reason) == (1, 4, "resources")
    assert "Tasked down from tier 1 to tier 4 (resources)" in assessed.log_entries.first().text


def test_a_change_of_tier_needs_another_tier_a_reason_and_an_explanation(assessed, supervisor):
    with pytest.raises(services.InvalidInput) as same:
        services.decide(
            supervisor,
            assessed,
            decision="allocate",
            retask_to=4,
            retask_reason="complexity",
            retask_explanation="x",
        )
    assert "already tier 4" in same.value.problems["retask_to"]
    with pytest.raises(services.InvalidInput) as bare:
        services.decide(supervisor, assessed, decision="allocate", retask_to=1)
    assert set(bare.value.problems) == {"retask_reason", "retask_explanation"}
    with pytest.raises(services.InvalidInput) as beyond:
        services.decide(
            supervisor,
            assessed,
            decision="allocate",
            retask_to=5,
            retask_reason="complexity",
            retask_explanation="x",
        )
    assert "retask_to" in beyond.value.problems
    assert not SupervisorDecision.objects.exists()


def test_the_api_tasks_a_report_to_a_chosen_tier(assessed, supervisor, client):
    client.force_login(supervisor)
    url = f"/api/v1/reports/{assessed.local_reference}/decision"
    missing = client.post(
        url, {"decision": "allocate", "retask_to": 2}, content_type="application/json"
    )
    assert missing.status_code == 422 and "retask_explanation" in missing.json()["problems"]
    answer = client.post(
        url,
        {
            "decision": "allocate",
            "retask_to": 2,
            "retask_reason": "reputational_or_organisational_risk",
            "retask_explanation": "A councillor is named in the account",
        },
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["tier"] == 2
