"""The supervisor reaches every report waiting for allocation a page at a time, sorts the
caseloads by any column, and the board costs the same few queries however much is waiting."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db
BOARD = "/cases/allocation/"


@pytest.fixture
def waiting(assessor, write_package):
    """`waiting(n)`: n reports awaiting allocation."""

    def load(n):
        rows = [victim_row(i, nfrc=f"NFRC2611{i:08d}") for i in range(n)]
        import_nfib_package(write_package(rows), user=assessor)
        Report.objects.update(status="awaiting_allocation")

    return load


def _allocate_links(html):
    return re.findall(r'href="/reports/([^"]+)/allocate/"', html)


def test_the_board_lists_every_report_awaiting_allocation_across_its_pages(
    waiting, supervisor, client
):
    waiting(230)
    client.force_login(supervisor)
    first = client.get(BOARD).content.decode()
    assert "Showing 1 to 50 of 230" in first
    seen = []
    for number in range(1, 6):
        seen += _allocate_links(client.get(BOARD, {"page": number}).content.decode())
    assert len(seen) == 230 and len(set(seen)) == 230
    assert "Showing 201 to 230 of 230" in client.get(BOARD, {"page": 5}).content.decode()


def test_paging_the_waiting_reports_keeps_the_caseloads_sorted(
    waiting, supervisor, vft_investigator, evaluator, client
):
    waiting(60)
    client.force_login(supervisor)
    html = client.get(BOARD, {"load_sort": "name", "load_order": "desc"}).content.decode()
    assert html.index("Vft_Investigator") < html.index(">Evaluator<")
    assert 'href="?load_sort=name&amp;load_order=desc&amp;page=2"' in html
    html = client.get(BOARD, {"load_sort": "name", "load_order": "asc"}).content.decode()
    assert html.index(">Evaluator<") < html.index("Vft_Investigator")


@pytest.mark.parametrize("reports", [2, 120])
def test_the_board_costs_the_same_few_queries_however_much_is_waiting(
    waiting, supervisor, vft_investigator, client, reports
):
    waiting(reports)
    client.force_login(supervisor)
    client.get(BOARD)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(BOARD, {"page": 2, "sort": "tier"})
    assert answer.status_code == 200
    # 27: the timings rank one kind of move per query (three), over a bounded window.
    assert len(queries) <= 27, "\n".join(q["sql"][:150] for q in queries)
