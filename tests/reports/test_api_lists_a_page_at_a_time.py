"""A program reading a long list through the API gets it a page at a time, with the total and
the links to the other pages in the answer's headers: nothing is silently cut off."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def found_120(assessor, write_package):
    rows = [victim_row(i, nfrc=f"NFRC2612{i:08d}") for i in range(120)]
    import_nfib_package(write_package(rows), user=assessor)


def test_the_reports_api_answers_every_report_found_a_page_at_a_time(found_120, assessor, client):
    client.force_login(assessor)
    seen = []
    url = "/api/v1/reports?q=Test&page_size=50"
    first = client.get(url)
    assert first["X-Total-Count"] == "120" and "X-Total-Count-Capped" not in first
    assert 'page_size=50&page=2>; rel="next"' in first["Link"]
    assert 'page_size=50&page=3>; rel="last"' in first["Link"]
    for number in (1, 2, 3):
        answer = client.get(f"{url}&page={number}")
        assert answer.status_code == 200
        seen += [r["local_reference"] for r in answer.json()]
    assert len(seen) == 120 and len(set(seen)) == 120
    assert set(answer.json()[0]) >= {"local_reference", "victim_name", "status", "loss_gbp"}
    past = client.get(f"{url}&page=4")
    assert past.json() == [] and past["X-Total-Count"] == "120"  # a reader stops at the end


def test_the_old_limit_still_sets_the_page_size(found_120, assessor, client):
    client.force_login(assessor)
    answer = client.get("/api/v1/reports?q=Test&limit=7")
    assert len(answer.json()) == 7 and answer["X-Total-Count"] == "120"
    assert client.get("/api/v1/reports?q=Test&page_size=501").status_code == 422


def test_the_victim_lists_api_is_paged_the_same_way(fvo, client):
    client.force_login(fvo)
    answer = client.get("/api/v1/victim-lists?page_size=10")
    assert answer.status_code == 200 and answer.json() == []
    assert answer["X-Total-Count"] == "0" and 'rel="first"' in answer["Link"]
