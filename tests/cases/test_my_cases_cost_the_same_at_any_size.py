"""Issue 16: an investigator's "My cases" costs the same number of queries however many cases
they hold."""

import pytest

from tests import walk
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


def test_my_cases_cost_the_same_as_more_are_allocated(
    client, assessor, supervisor, vft_investigator, vft
):
    more_reports(5, seed=121)
    walk.allocate(assessor, supervisor, vft_investigator, vft, 1)
    client.force_login(vft_investigator)

    def grow():
        more_reports(30, seed=122)
        walk.allocate(assessor, supervisor, vft_investigator, vft, 6)

    assert_bounded(client, "/cases/mine/", grow)
    assert client.get("/cases/mine/").context["page"].total == 7
