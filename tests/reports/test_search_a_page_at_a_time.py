"""An officer searches and reads every result a page at a time, sorts by a column, and narrows
the results by source, status and date received; each page costs the same few queries."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.audit.models import AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(assessor, write_package):
    """`many(n, start=0, received=...)` imports n reports of victims Victim<start>...; every
    one is found by searching 'Test' (their forename)."""

    def load(n, start=0, received=None):
        rows = [
            victim_row(i, nfrc=f"NFRC2610{i:08d}", package_ref=f"NFIB-PKG-{start}")
            for i in range(start, start + n)
        ]
        if received:
            rows = [{**row, "disseminated_on": "2025-01-01"} for row in rows]
        extra = {"received_at": received, "received_reason": "Received earlier"} if received else {}
        import_nfib_package(write_package(rows), user=assessor, **extra)

    return load


def _references(html):
    return [ref for ref in Report.objects.values_list("local_reference", flat=True) if ref in html]


def test_search_shows_page_2_of_results_and_says_showing_51_to_100(many, assessor, client):
    many(120)
    client.force_login(assessor)
    answer = client.get("/reports/", {"q": "Test", "page": 2})
    html = answer.content.decode()
    assert "Showing 51 to 100 of 120" in html
    assert "120 reports found for \u2018Test\u2019" in html
    assert 'aria-label="Page 3"' in html and 'rel="prev"' in html and 'rel="next"' in html


def test_every_report_found_is_on_some_page_and_none_twice(many, assessor, client):
    many(120)
    client.force_login(assessor)
    seen = []
    for number in (1, 2, 3):
        seen += _references(client.get("/reports/", {"q": "Test", "page": number}).content.decode())
    assert len(seen) == 120 and len(set(seen)) == 120


def test_sorting_by_the_victim_column_sorts_the_results_both_ways(many, assessor, client):
    many(5)
    client.force_login(assessor)
    html = client.get("/reports/", {"q": "Test", "sort": "victim", "order": "desc"}).content
    names = [f"Test Victim{i}" for i in range(5)]
    positions = [html.decode().index(name) for name in names]
    assert positions == sorted(positions, reverse=True)
    assert 'aria-sort="descending"' in html.decode()
    html = client.get("/reports/", {"q": "Test", "sort": "victim", "order": "asc"}).content
    positions = [html.decode().index(name) for name in names]
    assert positions == sorted(positions)


def test_filters_narrow_the_results_by_source_status_and_date_received(many, assessor, client):
    many(3, start=0, received=datetime(2025, 1, 2, 9, tzinfo=UTC))
    many(2, start=10)
    client.force_login(assessor)

    def summary(**query):
        return client.get("/reports/", query).content.decode()

    assert "Showing 1 to 3 of 3" in summary(received_from="2/1/2025", received_to="02/01/2025")
    assert "Showing 1 to 2 of 2" in summary(q="Test", received_from="3/1/2025")
    assert "Showing 1 to 5 of 5" in summary(source="nfib", status="recorded")
    assert "Showing 0 results" in summary(q="Test", source="referral")


def test_a_filter_date_that_is_not_a_date_says_what_is_wrong(assessor, client):
    client.force_login(assessor)
    html = client.get("/reports/", {"q": "Test", "received_from": "31/2/2026"}).content.decode()
    assert "Error: Find a report" in html
    assert "Received from must be a real date, for example 1/10/2026" in html
    html = client.get(
        "/reports/", {"received_from": "2/10/2026", "received_to": "1/10/2026"}
    ).content.decode()
    assert "Received to must be the same as or after received from" in html


def test_the_audit_log_records_what_the_page_showed(many, assessor, client):
    many(60)
    client.force_login(assessor)
    client.get("/reports/", {"q": "Test", "page": 2, "source": "nfib"})
    event = AuditEvent.objects.filter(object_type="search").latest("id")
    assert event.summary == "Searched 'Test, source NFIB dissemination': 10 reports"


@pytest.mark.parametrize("reports", [3, 120])
def test_a_page_of_results_costs_the_same_few_queries_however_many_are_found(
    many, assessor, client, reports
):
    many(reports)
    client.force_login(assessor)
    client.get("/reports/", {"q": "Test"})  # the session and the user are loaded once
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/reports/", {"q": "Test", "page": 2, "sort": "postcode"})
    assert answer.status_code == 200
    assert len(queries) <= 14, "\n".join(q["sql"][:150] for q in queries)
