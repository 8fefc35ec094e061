"""Issue 16: the allocation board (its waiting list, caseloads, team workload, reviews due and
timings) costs the same number of queries however many reports wait and have moved on."""

import pytest

from tests import walk
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def grown(assessor, supervisor, vft_investigator, vft):
    """A few reports waiting and allocated, and a way to add many more of each."""
    more_reports(6, seed=111)
    walk.allocate(assessor, supervisor, vft_investigator, vft, 1)
    walk.decide(assessor, supervisor, 1)

    def grow():
        more_reports(40, seed=112)
        walk.allocate(assessor, supervisor, vft_investigator, vft, 4)
        walk.decide(assessor, supervisor, 6)

    return grow


@pytest.mark.parametrize("query", ["", "?sort=tier", "?load_sort=load&load_order=desc"])
def test_the_board_costs_the_same_as_reports_wait_and_are_allocated(
    client, supervisor, grown, query
):
    client.force_login(supervisor)
    assert_bounded(client, f"/cases/allocation/{query}", grown)
    page = client.get("/cases/allocation/")
    assert page.context["waiting"].total == 7
    allocated = next(t for t in page.context["timings"] if "allocation" in t["label"])
    assert allocated["count"] == 5


def test_the_board_through_the_api_costs_the_same(client, supervisor, grown):
    client.force_login(supervisor)
    assert_bounded(client, "/api/v1/allocation-board", grown)


def test_the_board_says_its_timings_are_over_the_latest_moves(client, supervisor):
    client.force_login(supervisor)
    page = client.get("/cases/allocation/").content.decode()
    assert "over the latest 1,000 moves of its kind in the last 90 days" in page
