"""§5.5-§5.7: tasks, disruption, victim updates, then a Home Office outcome."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.cases.models import Case, DisruptionAction, Finalisation, Task, VictimUpdate
from fraudcase.cases.rules import CeaseAndDesistFacts

pytestmark = pytest.mark.django_db

NOTICE_OK = {
    "cease_and_desist": "on",
    "no_criminal_record": "on",
    "no_earlier_notice": "on",
    "isolated_minor_low_value": "on",
    "low_reoffending_risk": "on",
    "most_proportionate": "on",
}


def test_the_investigator_works_the_case_from_the_report_page(allocated, vft_investigator, client):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    page = client.get(f"/reports/{ref}/").content.decode()
    assert "Add a task" in page and "Record disruption" in page
    client.post(
        f"/reports/{ref}/case/task/",
        {
            "task-text": "Obtain doorbell footage",
            "task-assignee": vft_investigator.pk,
            "task-due": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    task = Task.objects.get()
    assert (task.text, task.due) == (
        "Obtain doorbell footage",
        timezone.localdate() + timedelta(days=1),
    )
    client.post(f"/reports/{ref}/case/task-done/", {"task": task.pk})
    task.refresh_from_db()
    assert task.done_by == vft_investigator
    client.post(
        f"/reports/{ref}/case/disruption/",
        {
            "disruption-kind": "telephone_takedown",
            "disruption-on": "2026-11-20",
            "disruption-detail": "Spoofed number reported to the carrier",
        },
    )
    assert DisruptionAction.objects.get().kind == "telephone_takedown"
    client.post(
        f"/reports/{ref}/case/victim-update/",
        {
            "update-method": "telephone",
            "update-summary": "Told him the footage is being obtained",
        },
    )
    assert VictimUpdate.objects.get().by == vft_investigator
    case = Case.objects.get()
    assert case.next_update_due == timezone.localdate() + timedelta(days=case.update_every_days)
    timeline = [e.text for e in allocated.log_entries.all()]
    assert any("Disruption: Telephone number takedown" in t for t in timeline)
    assert any("Victim updated (telephone)" in t for t in timeline)


def test_case_work_through_the_api(allocated, vft_investigator, fvo, client):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    answer = client.post(
        f"/api/v1/reports/{ref}/tasks",
        {
            "text": "Call data request",
            "assignee_id": vft_investigator.pk,
            "due": "2026-12-03",
        },
        content_type="application/json",
    )
    assert answer.status_code == 200
    not_a_caseworker = client.post(
        f"/api/v1/reports/{ref}/tasks",
        {
            "text": "Visit",
            "assignee_id": fvo.pk,
            "due": "2026-12-03",
        },
        content_type="application/json",
    )
    assert not_a_caseworker.status_code == 422  # tasks go to case officers only
    answer = client.post(
        f"/api/v1/reports/{ref}/disruption",
        {"kind": "nonsense", "on": "2026-11-20"},
        content_type="application/json",
    )
    assert answer.status_code == 422


def test_finalising_records_the_outcome_and_closes_the_case(allocated, vft_investigator, client):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    page = client.post(f"/reports/{ref}/finalise/", {"outcome": "18"}).content.decode()
    assert "Give the rationale" in page  # NFA-type outcome without a rationale
    client.post(f"/reports/{ref}/finalise/", {"outcome": "18", "rationale": "Courier not traced"})
    allocated.refresh_from_db()
    final = Finalisation.objects.get()
    assert (allocated.status, final.outcome, final.positive) == ("closed", 18, False)
    assert Case.objects.get().closed_at is not None
    spent = services.time_in_states(allocated)
    assert spent["milestones"]["finalise"] is not None
    assert "Allocated: under investigation" in dict(spent["states"])


def test_the_positive_outcomes_follow_the_setting(allocated, vft_investigator, settings):
    settings.FRAUDCASE_POSITIVE_OUTCOMES = "1-10,22"
    made = services.finalise(
        vft_investigator, allocated, outcome=22, rationale="Diverted through an intervention"
    )
    assert made.positive is True


def test_a_cease_and_desist_notice_is_refused_when_a_condition_fails(
    allocated, vft_investigator, client
):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    failing = {k: v for k, v in NOTICE_OK.items() if k != "low_reoffending_risk"}
    page = client.post(
        f"/reports/{ref}/finalise/", {"outcome": "10", "rationale": "Minor", **failing}
    ).content.decode()
    assert "The assessed risk of re-offending is not low" in page
    allocated.refresh_from_db()
    assert allocated.status == "under_investigation"
    answer = client.post(
        f"/api/v1/reports/{ref}/finalisation",
        {
            "outcome": 10,
            "rationale": "Minor",
            "cease_and_desist": {
                "no_criminal_record": True,
                "no_earlier_notice": False,
                "isolated_minor_low_value": True,
                "bank_account_insufficient_evidence": False,
                "low_reoffending_risk": True,
                "most_proportionate": True,
            },
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "already had a cease and desist" in answer.json()["problems"]["cease_and_desist"]


def test_a_served_notice_is_printable_and_counted_as_disruption(
    allocated, vft_investigator, client
):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    client.post(
        f"/reports/{ref}/finalise/",
        {"outcome": "10", "rationale": "Minor online sale", "suspect_traced": "no", **NOTICE_OK},
    )
    final = Finalisation.objects.get()
    assert final.untraceable_action == "Intelligence log"  # no PNC record
    assert DisruptionAction.objects.get().kind == "cease_and_desist"
    notice = client.get(f"/reports/{ref}/cease-and-desist/")
    assert notice["Content-Type"] == "application/pdf"
    assert notice.content.startswith(b"%PDF")


def test_an_assessor_cannot_finalise(allocated, assessor, client):
    client.force_login(assessor)
    ref = allocated.local_reference
    assert client.get(f"/reports/{ref}/finalise/").status_code == 404
    answer = client.post(
        f"/api/v1/reports/{ref}/finalisation", {"outcome": 1}, content_type="application/json"
    )
    assert answer.status_code == 404
    with pytest.raises(Exception) as refused:
        services.finalise(assessor, allocated, outcome=1)
    assert refused.typename == "Http404"
    assert not Finalisation.objects.exists()


def test_no_further_action_is_finalised_by_the_supervisor(assessed, supervisor):
    from fraudcase.triage import services as triage

    triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines of enquiry")
    services.finalise(supervisor, assessed, outcome=18, rationale="No lines of enquiry")
    assessed.refresh_from_db()
    assert assessed.status == "closed"


def test_cease_and_desist_facts_are_kept(allocated, vft_investigator):
    facts = CeaseAndDesistFacts(True, True, True, False, True, True)
    made = services.finalise(
        vft_investigator, allocated, outcome=10, rationale="Minor", cease_and_desist=facts
    )
    assert made.cease_and_desist["most_proportionate"] is True


def test_the_victim_contract_can_be_changed_and_the_next_update_follows(
    allocated, vft_investigator, assessor, client
):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    client.post(f"/reports/{ref}/case/contract/", {"contract-every_days": "7"})
    case = Case.objects.get()
    assert (case.update_every_days, case.next_update_due) == (
        7,
        timezone.localdate(case.allocated_at) + timedelta(days=7),
    )
    assert "Victim contract changed: updates every 7 days." in allocated.log_entries.first().text
    with pytest.raises(Exception) as refused:
        services.set_victim_contract(assessor, allocated, every_days=14)
    assert refused.typename == "Http404"
    with pytest.raises(services.InvalidInput):
        services.set_victim_contract(vft_investigator, allocated, every_days=3)


def test_a_cease_and_desist_notice_cannot_be_recorded_as_a_disruption(
    allocated, vft_investigator, client
):
    """§5.7: a notice is served by finalising with outcome 10, which checks every condition and
    the earlier notices; as a bare disruption it would skip them and hide from later checks."""
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    page = client.get(f"/reports/{ref}/").content.decode()
    assert 'value="cease_and_desist"' not in page and 'value="cifas_marker"' in page
    client.post(
        f"/reports/{ref}/case/disruption/",
        {
            "disruption-kind": "cease_and_desist",
            "disruption-on": "2026-11-20",
        },
    )
    answer = client.post(
        f"/api/v1/reports/{ref}/disruption",
        {"kind": "cease_and_desist", "on": "2026-11-20"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "finalising the report with outcome 10" in answer.json()["problems"]["kind"]
    with pytest.raises(services.InvalidInput) as refused:
        services.add_disruption(
            vft_investigator, allocated, kind="cease_and_desist", on=date(2026, 11, 20)
        )
    assert "outcome 10" in refused.value.problems["kind"]
    assert not DisruptionAction.objects.exists()


@pytest.mark.parametrize("task", ["abc", "", "-1", "1.5"])
def test_marking_done_a_task_that_is_not_a_number_says_so(
    allocated, vft_investigator, client, task
):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    answer = client.post(f"/reports/{ref}/case/task-done/", {"task": task}, follow=True)
    assert answer.status_code == 200
    assert "Choose the task to mark done" in answer.content.decode()


@pytest.mark.parametrize("task", ["987654", "99999999999999999999999"])
def test_marking_done_a_task_there_is_not_is_not_found(allocated, vft_investigator, client, task):
    client.force_login(vft_investigator)
    answer = client.post(f"/reports/{allocated.local_reference}/case/task-done/", {"task": task})
    assert answer.status_code == 404
    assert "Task done" not in " ".join(e.text for e in allocated.log_entries.all())


def test_a_new_task_is_assigned_to_the_investigator_adding_it_unless_changed(
    allocated, vft_investigator, client
):
    client.force_login(vft_investigator)
    page = client.get(f"/reports/{allocated.local_reference}/").content.decode()
    chosen = page.split('id="id_task-assignee"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{vft_investigator.pk}" selected>' in chosen


def test_a_task_due_in_the_past_is_refused_with_the_reason(allocated, vft_investigator, client):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.post(
        f"/reports/{ref}/case/task/",
        {
            "task-text": "Obtain doorbell footage",
            "task-assignee": vft_investigator.pk,
            "task-due-day": yesterday.day,
            "task-due-month": yesterday.month,
            "task-due-year": yesterday.year,
        },
        follow=True,
    ).content.decode()
    assert "The date the task is due must be today or in the future" in page
    assert not Task.objects.exists()


def test_an_empty_task_says_what_to_enter_and_choose(allocated, vft_investigator, client):
    client.force_login(vft_investigator)
    page = client.post(
        f"/reports/{allocated.local_reference}/case/task/", {}, follow=True
    ).content.decode()
    for message in (
        "Enter the task",
        "Enter the date the task is due",
        "Select who to assign the task to",
    ):
        assert message in page
