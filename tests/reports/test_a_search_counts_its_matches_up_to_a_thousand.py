"""Issue 16: a search counts its matches only up to SEARCH_COUNT_CAP (1,000): past that the
officer narrows the term instead of reading on, and the page says "more than", on the web
and in the API's headers (ADR-0088)."""

import pytest

from fraudcase.core import paging
from fraudcase.reports.models import Victim
from tests.scale import more_reports

pytestmark = pytest.mark.django_db


def test_a_common_surname_is_counted_up_to_the_cap_then_said_to_be_more(
    client, assessor, monkeypatch
):
    more_reports(60, seed=94)
    surname = Victim.objects.exclude(surname="").values_list("surname", flat=True).first()
    assert Victim.objects.filter(surname=surname).count() > 3
    monkeypatch.setattr(paging, "SEARCH_COUNT_CAP", 3)
    client.force_login(assessor)
    page = client.get("/reports/", {"q": surname}).content.decode()
    assert "of more than 3" in page
    answer = client.get("/api/v1/reports", {"q": surname})
    assert answer["X-Total-Count"] == "3"
    assert answer["X-Total-Count-Capped"] == "true"


def test_a_search_says_the_whole_count_when_it_is_under_the_cap(client, assessor):
    more_reports(60, seed=94)
    surname = Victim.objects.exclude(surname="").values_list("surname", flat=True).first()
    matches = Victim.objects.filter(surname__iexact=surname).count()
    client.force_login(assessor)
    answer = client.get("/api/v1/reports", {"q": surname})
    assert int(answer["X-Total-Count"]) >= matches
    assert "X-Total-Count-Capped" not in answer
