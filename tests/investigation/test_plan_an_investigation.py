"""The investigation plan: lines of enquiry under the Fraud Investigation Model (App. F stage 2
carried over), each with actions (owner, due date, result); an action due or overdue is on
its owner's Deadlines page, and once overdue on the supervisor's (issue 15, item 2)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases import clocks
from fraudcase.investigation import services
from fraudcase.investigation.models import LineOfEnquiry, PlanAction
from fraudcase.triage.policy_lists import EVALUATION_REQUIREMENTS

from .conftest import file_url

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def test_starting_the_plan_carries_over_the_fim_lines(client, case, vft_investigator):
    client.force_login(vft_investigator)
    page = client.get(file_url(case, "plan/")).content.decode()
    assert "has not been started" in page
    assert not LineOfEnquiry.objects.exists()  # opening the page changes nothing
    assert client.post(file_url(case, "plan/"), {"step": "start"}).status_code == 302
    client.post(file_url(case, "plan/"), {"step": "start"})  # twice: still five lines
    headings = list(LineOfEnquiry.objects.values_list("fim_item", "heading"))
    assert headings == list(EVALUATION_REQUIREMENTS)
    page = client.get(file_url(case, "plan/")).content.decode()
    assert "Identification and location of suspects" in page


def test_an_action_is_added_and_its_result_recorded(client, case, vft_investigator, supervisor):
    client.force_login(vft_investigator)
    due = timezone.localdate() + timedelta(days=7)
    form = {
        "step": "action",
        "action-line": "2",
        "action-text": "Credit check on the account holder",
        "action-owner": vft_investigator.pk,
        **_date("action-due", due),
    }
    assert client.post(file_url(case, "plan/"), form).status_code == 302
    action = PlanAction.objects.get()
    assert (action.line.number, action.owner, action.owed_due) == (2, vft_investigator, due)
    assert LineOfEnquiry.objects.count() == 5  # the default lines came first
    answer = client.post(
        file_url(case, "plan/"),
        {"step": "result", "result-action": action.pk, "result-result": "Address confirmed"},
    )
    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.result == "Address confirmed" and action.owed_due is None
    again = client.post(
        file_url(case, "plan/"),
        {"step": "result", "result-action": action.pk, "result-result": "x"},
    )
    assert again.status_code == 302  # already recorded: nothing changes
    action.refresh_from_db()
    assert action.result == "Address confirmed"
    assert case.log_entries.filter(text__startswith="Action done").exists()


def test_an_action_needs_a_future_date_an_owner_and_a_line(client, case, vft_investigator):
    client.force_login(vft_investigator)
    past = timezone.localdate() - timedelta(days=1)
    form = {
        "step": "action",
        "action-line": "",
        "action-text": "",
        "action-owner": "",
        **_date("action-due", past),
    }
    answer = client.post(file_url(case, "plan/"), form)
    assert answer.status_code == 200
    assert set(answer.context["action_form"].errors) == {"line", "text", "owner", "due"}
    assert not PlanAction.objects.exists()


def test_a_line_of_enquiry_is_added_after_the_fim_lines(client, case, vft_investigator):
    client.force_login(vft_investigator)
    client.post(file_url(case, "plan/"), {"step": "line", "line-heading": "Cash withdrawals CCTV"})
    assert list(LineOfEnquiry.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert LineOfEnquiry.objects.get(number=6).fim_item == ""


def test_roles_that_do_not_work_cases_read_the_plan_only(client, case, assessor):
    client.force_login(assessor)
    page = client.get(file_url(case, "plan/"))
    assert page.status_code == 200 and "Add an action" not in page.content.decode()
    assert client.post(file_url(case, "plan/"), {"step": "start"}).status_code == 404
    assert not LineOfEnquiry.objects.exists()


def test_an_overdue_action_is_on_the_owners_and_the_supervisors_deadlines(
    case, vft_investigator, supervisor, other_investigator
):
    file = services.open_file(vft_investigator, case.local_reference)
    today = timezone.localdate()
    services.add_action(
        file, line=1, text="Bank production order", owner_id=vft_investigator.pk, due=today
    )
    kind = clocks.KINDS["investigation-actions"]
    assert clocks.rows(vft_investigator, kind, clocks.MINE, today).count() == 1
    # Due today: the owner's, not yet the supervisor's.
    assert clocks.rows(supervisor, kind, clocks.MINE, today).count() == 0
    tomorrow = today + timedelta(days=1)
    [owed] = clocks.rows(supervisor, kind, clocks.MINE, tomorrow)
    assert kind.item(owed, tomorrow).state == "overdue"
    assert clocks.rows(other_investigator, kind, clocks.MINE, tomorrow).count() == 0
    assert clocks.rows(other_investigator, kind, clocks.TEAM, tomorrow).count() == 1
    services.record_result(file, owed.pk, "Order served")
    assert clocks.rows(supervisor, kind, clocks.MINE, tomorrow).count() == 0


def test_the_deadlines_page_shows_the_action(client, case, vft_investigator):
    file = services.open_file(vft_investigator, case.local_reference)
    services.add_action(
        file,
        line=1,
        text="Bank production order",
        owner_id=vft_investigator.pk,
        due=timezone.localdate(),
    )
    client.force_login(vft_investigator)
    page = client.get("/deadlines/?kind=investigation-actions").content.decode()
    assert "Investigation action: Bank production order" in page
