"""Issue 16: each kind of search costs the same number of queries, on the page and in the API,
with a few reports and with many; whether its page is read from the index of what it matches
(few matches) or by walking reports newest first (many: see reports.services.search_page)."""

from urllib.parse import urlencode

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db

TERMS = {
    "NFRC": "NFRC261010000001",
    "surname": "Osei",
    "forename and surname": "Margaret Osei",
    "postcode": "LE2 7QT",
    "postcode district": "LE2",
    "suspect phone": "07700 900123",
    "suspect e-mail": "lee.barton@mail.example",
}


@pytest.fixture
def searching(assessor, example_package, client, monkeypatch):
    import_nfib_package(example_package, user=assessor)
    # With a few reports every search matches fewer than this; with many, some match more.
    monkeypatch.setattr(services, "WALK_FROM", 5)
    client.force_login(assessor)
    return client


@pytest.mark.parametrize("path", ["/reports/", "/api/v1/reports"])
@pytest.mark.parametrize("kind", TERMS)
def test_a_search_costs_the_same_with_a_few_reports_and_with_many(searching, path, kind):
    url = f"{path}?{urlencode({'q': TERMS[kind]})}"
    assert_bounded(searching, url, lambda: more_reports(150, seed=94))
