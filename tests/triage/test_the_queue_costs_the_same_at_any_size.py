"""Issue 16: the assessment queue and the supervisor's decide list cost the same number of
queries with a few reports and with many, whatever the filter or sort."""

import pytest

from tests import walk
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "?sort=victim", "?sort=source&order=desc", "?deadline=overdue", "?source=nfib"],
)
def test_the_reports_to_assess_cost_the_same_with_more_reports(client, assessor, query):
    client.force_login(assessor)
    more_reports(5, seed=101)
    assert_bounded(client, f"/triage/queue/{query}", lambda: more_reports(60, seed=102))


def test_the_reports_to_decide_cost_the_same_as_more_are_assessed(client, assessor, supervisor):
    more_reports(5, seed=103)
    walk.assess(assessor, 2)
    client.force_login(supervisor)

    def grow():
        more_reports(40, seed=104)
        walk.assess(assessor, 8)

    assert_bounded(client, "/triage/queue/?stage=to_decide", grow)
    assert client.get("/triage/queue/?stage=to_decide").context["page"].total == 10


def test_the_vulnerable_filter_costs_the_same_with_more_reports(client, assessor):
    client.force_login(assessor)
    more_reports(5, seed=105)
    assert_bounded(
        client, "/triage/queue/?vulnerability=vulnerable", lambda: more_reports(60, seed=106)
    )
