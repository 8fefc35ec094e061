"""The supervisor's pages: the months with their due dates and states, one month's rows with
its download and "mark as sent", and the reconciliation with its chart and gap list."""

from datetime import date

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.returns.models import NFIBReturn

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_the_months_page_lists_each_month_with_its_state(supervisor, client):
    report("NFRC260000000701", outcome=1, finalised=london(2026, 9, 3, 12))
    report("NFRC260000000702", outcome=1, finalised=london(2026, 10, 3, 12))
    client.force_login(supervisor)
    page = client.get("/returns/").content.decode()
    assert "September 2026" in page and "October 2026" in page
    assert "Overdue" in page  # September's was due on 9 October
    assert "/returns/2026-10/" in page


def test_mark_sent_on_the_page(supervisor, client):
    report("NFRC260000000711", outcome=1, finalised=london(2026, 10, 3, 12))
    client.force_login(supervisor)
    month = client.get("/returns/2026-10/").content.decode()
    assert "NFRC260000000711" in month and "Mark as sent" in month
    answer = client.post("/returns/2026-10/sent/", {"format": "xlsx"}, follow=True)
    page = answer.content.decode()
    record = NFIBReturn.objects.get(month=date(2026, 10, 1))
    assert record.sha256 in page and record.file_format == "xlsx"
    assert "Mark as sent" not in page
    assert client.get("/returns/2026-10/?export=xlsx").content == bytes(record.content)
    assert AuditEvent.objects.filter(object_type="nfib-return", object_ref="2026-10").exists()


def test_a_month_cannot_be_sent_twice_from_the_page(supervisor, client):
    report("NFRC260000000721", outcome=1, finalised=london(2026, 10, 3, 12))
    client.force_login(supervisor)
    client.post("/returns/2026-10/sent/", {"format": "csv"})
    again = client.post("/returns/2026-10/sent/", {"format": "csv"}, follow=True)
    assert "already been marked as sent" in again.content.decode()


def test_the_reconciliation_page(supervisor, client):
    report("NFRC260000000731", outcome=20, finalised=london(2026, 10, 3, 12))
    report("NFRC260000000732", status="under_investigation")
    client.force_login(supervisor)
    page = client.get("/returns/reconciliation/").content.decode()
    assert 'data-state="transferred">1<' in page and 'data-state="open">1<' in page
    assert 'data-state="all">2<' in page
    only_open = client.get("/returns/reconciliation/?state=open").content.decode()
    assert "NFRC260000000732" in only_open and "NFRC260000000731" not in only_open
    assert "Allocated: under investigation" in only_open
    export = client.get("/returns/reconciliation/?export=csv").content.decode()
    assert export.splitlines()[0].startswith("NFRC number,Local reference,State,Stage")
    assert len(export.splitlines()) == 3


def test_a_month_not_yet_begun_is_no_page(supervisor, client):
    client.force_login(supervisor)
    assert client.get("/returns/2099-01/").status_code == 404
    assert client.get("/returns/2026-13/").status_code == 404
