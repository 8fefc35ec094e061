"""Issue 15 item 9: each investigator's cases with their next action due (the investigation
plan's soonest action still owed, stored on the case when an action is added or done), review
date and victim update due, sortable and paginated; the supervisor sees their team's cases the
same way, and only their team's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.cases.models import Case
from fraudcase.investigation import services as investigation
from tests import walk
from tests.conftest import _person
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(assessor, supervisor, vft_investigator, vft):
    more_reports(4, seed=171)
    return walk.allocate(assessor, supervisor, vft_investigator, vft, 2)


def _action(user, report, days):
    file = investigation.open_file(user, report.local_reference)
    return investigation.add_action(
        file,
        line=1,
        text=f"Action in {days} days",
        owner_id=user.pk,
        due=timezone.localdate() + timedelta(days=days),
    )


def test_the_next_action_due_is_stored_when_actions_are_added_and_done(cases, vft_investigator):
    report = cases[0]
    today = timezone.localdate()
    assert Case.objects.get(report=report).next_action_due is None
    later = _action(vft_investigator, report, 10)
    sooner = _action(vft_investigator, report, 3)
    assert Case.objects.get(report=report).next_action_due == today + timedelta(days=3)
    file = investigation.open_file(vft_investigator, report.local_reference)
    investigation.record_result(file, sooner.pk, "Done")
    assert Case.objects.get(report=report).next_action_due == today + timedelta(days=10)
    investigation.record_result(file, later.pk, "Done")
    assert Case.objects.get(report=report).next_action_due is None


def test_my_cases_shows_and_sorts_by_the_plan_action_due(client, cases, vft_investigator):
    first, second = cases
    _action(vft_investigator, first, 9)
    _action(vft_investigator, second, 2)
    client.force_login(vft_investigator)
    page = client.get("/cases/mine/?sort=action").context["page"]
    assert [c.report for c in page.rows] == [second, first]
    html = client.get("/cases/mine/").content.decode()
    assert "Plan action due" in html and "Investigation plan action" in html


def test_the_supervisor_sees_their_teams_cases_and_only_theirs(
    client, cases, supervisor, ecu_investigator, ecu, assessor
):
    # A case of another team (the ECU), allocated by the same supervisor.
    more_reports(2, seed=172)
    elsewhere = walk.allocate(assessor, supervisor, ecu_investigator, ecu, 1)[0]
    client.force_login(supervisor)
    page = client.get("/cases/team/").context["page"]
    shown = {c.report for c in page.rows}
    assert shown == set(cases)
    assert elsewhere not in shown
    assert "vft_investigator".title() in client.get("/cases/team/").content.decode()


def test_a_supervisor_of_no_team_sees_no_case(client, cases):
    lone = _person("lone", Role.VFT_SUPERVISOR, HandlingMarking.OFFICIAL)
    client.force_login(lone)
    assert client.get("/cases/team/").context["page"].rows == []


def test_the_team_view_is_the_supervisors(client, cases, vft_investigator):
    client.force_login(vft_investigator)
    assert client.get("/cases/team/").status_code == 404


def test_the_team_view_exports_through_the_disclosure_gate(client, cases, supervisor):
    client.force_login(supervisor)
    answer = client.get("/cases/team/?export=csv")
    assert answer.status_code == 200
    assert b"plan_action_due" in answer.content and b"investigator" in answer.content


def test_the_team_view_costs_the_same_as_more_cases_are_allocated(
    client, cases, assessor, supervisor, vft_investigator, vft
):
    _action(vft_investigator, cases[0], 5)
    client.force_login(supervisor)

    def grow():
        more_reports(30, seed=173)
        for report in walk.allocate(assessor, supervisor, vft_investigator, vft, 6):
            _action(vft_investigator, report, 4)

    assert_bounded(client, "/cases/team/?sort=action", grow)
    assert client.get("/cases/team/").context["page"].total == 8
