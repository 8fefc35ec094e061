"""Issue 16: the investigation file's pages cost the same number of queries however much the
file holds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.investigation import services
from tests.scale import assert_bounded

from .conftest import file_url

pytestmark = pytest.mark.django_db


def _decide(case, user, n):
    file = services.open_file(user, case.local_reference)
    for i in range(n):
        services.record_decision(file, decision=f"Step {i}", reasons="r", options="o")
    last = services.decisions(file).last()
    services.record_decision(
        file, decision="Instead", reasons="r", options="o", supersedes=last.number
    )


@pytest.mark.parametrize(
    "part", ["decisions/", "decisions/print/", "decisions/new/", "api:decisions", "report"]
)
def test_the_decision_log_costs_the_same_with_more_decisions(client, case, vft_investigator, part):
    _decide(case, vft_investigator, 1)
    client.force_login(vft_investigator)
    if part == "report":
        url = f"/reports/{case.local_reference}/"
    elif part.startswith("api:"):
        url = f"/api/v1/reports/{case.local_reference}/{part[4:]}"
    else:
        url = file_url(case, part)
    assert_bounded(client, url, lambda: _decide(case, vft_investigator, 12))


def _plan(case, user, n):
    file = services.open_file(user, case.local_reference)
    today = timezone.localdate()
    for i in range(n):
        action = services.add_action(
            file,
            line=1 + i % 5,
            text=f"Action {i}",
            owner_id=user.pk,
            due=today + timedelta(days=i),
        )
        if i % 3 == 0:
            services.record_result(file, action.pk, "Done")
    services.add_line(file, f"Line {n}")


@pytest.mark.parametrize("part", ["plan/", "api:plan", "report", "deadlines"])
def test_the_plan_costs_the_same_with_more_actions(client, case, vft_investigator, part):
    _plan(case, vft_investigator, 2)
    client.force_login(vft_investigator)
    if part == "report":
        url = f"/reports/{case.local_reference}/"
    elif part == "deadlines":
        url = "/deadlines/?kind=investigation-actions"
    elif part.startswith("api:"):
        url = f"/api/v1/reports/{case.local_reference}/{part[4:]}"
    else:
        url = file_url(case, part)
    assert_bounded(client, url, lambda: _plan(case, vft_investigator, 12))
