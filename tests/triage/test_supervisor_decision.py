"""§5.3: the VFT supervisor decides the route; one of two concurrent decisions wins."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.triage import services
from fraudcase.triage.models import SupervisorDecision
from tests.triage.test_assess_a_report import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(assessor, example_package, client):
    import_nfib_package(example_package, user=assessor)
    albert = Report.objects.get(nfrc_numbers__number="NFRC261010000004")
    client.force_login(assessor)
    client.post(f"/reports/{albert.local_reference}/assess/", form())
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
            "retask_direction": "up",
            "retask_reason": "complexity",
            "retask_explanation": "Courier fraud linked to a wider series",
        },
    )
    made = SupervisorDecision.objects.get()
    assert (made.tier_before, made.tier, made.decided_by) == (4, 3, supervisor)
    assessed.refresh_from_db()
    assert assessed.status == "awaiting_allocation"
    assert "Tasked from tier 4 to tier 3" in assessed.log_entries.first().text


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
