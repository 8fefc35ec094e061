"""Issue 16: the queries a page makes do not grow with the number of reports held."""

import pytest

from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


def test_the_search_for_a_surname_costs_the_same_with_120_more_reports(client, assessor):
    client.force_login(assessor)
    more_reports(5, seed=92)
    assert_bounded(client, "/reports/?q=nowak", lambda: more_reports(120, seed=93))
