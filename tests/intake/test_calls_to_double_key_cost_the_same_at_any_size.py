"""Issue 16: the calls for service waiting to be double-keyed cost the same number of queries
however many wait, on the page and through the API (paged, with X-Total-Count)."""

import pytest

from tests.conftest import call_for_service
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/calls-for-service/double-key/", "/api/v1/calls-for-service/double-key"]
)
def test_the_calls_to_double_key_cost_the_same_as_more_are_taken(client, assessor, url):
    more_reports(5, seed=131)
    call_for_service(assessor)
    client.force_login(assessor)

    def grow():
        more_reports(30, seed=132)
        for n in range(8):
            call_for_service(assessor, caller_surname=f"Patel{n}")

    assert_bounded(client, url, grow)
