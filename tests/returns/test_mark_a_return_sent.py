"""§5.7: the VFT supervisor marks a month's return sent: who, when, the file's SHA-256 and the
file itself are kept, with every row as it was sent; what was sent never changes afterwards."""

import hashlib
from datetime import date

import pytest

from fraudcase.core.errors import Conflict
from fraudcase.returns import services
from fraudcase.returns.models import NFIBReturn, SentRow

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_the_sent_file_its_hash_and_its_rows_are_kept(supervisor, client):
    report("NFRC260000000201", outcome=1, finalised=london(2026, 10, 3, 12))
    report("NFRC260000000202", outcome=16, finalised=london(2026, 10, 30, 12))
    client.force_login(supervisor)
    downloaded = client.get("/returns/2026-10/?export=csv").content

    record = services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))

    assert record.sent_by == supervisor and record.sent_at is not None
    assert record.sha256 == hashlib.sha256(downloaded).hexdigest()
    assert bytes(record.content) == downloaded
    assert record.filename == "nfib-outcome-return-2026-10.csv"
    assert list(SentRow.objects.order_by("nfrc").values_list("nfrc", "outcome")) == [
        ("NFRC260000000201", 1),
        ("NFRC260000000202", 16),
    ]
    # The file as sent is what the page downloads from now on.
    assert client.get("/returns/2026-10/?export=csv").content == downloaded
    assert downloaded.decode().splitlines()[0] == (
        "NFRC number,Local reference,Outcome type,Outcome description,Outcome date,"
        "Crime or non-crime,Team,Correction"
    )


def test_the_xlsx_file_is_the_same_bytes_every_time(supervisor):
    report("NFRC260000000211", outcome=1, finalised=london(2026, 10, 3, 12))
    ret = services.month_return(None, 2026, 10)
    assert services.file_bytes(list(ret.rows), "xlsx") == services.file_bytes(
        list(ret.rows), "xlsx"
    )


def test_a_sent_return_keeps_its_rows_whatever_happens_after(supervisor):
    report("NFRC260000000221", outcome=1, finalised=london(2026, 10, 3, 12))
    services.mark_sent(supervisor, 2026, 10, "xlsx", today=date(2026, 11, 5))
    report("NFRC260000000222", outcome=1, finalised=london(2026, 10, 31, 12))  # late
    october = services.month_return(None, 2026, 10)
    assert [r["nfrc"] for r in october.rows] == ["NFRC260000000221"]


def test_returns_are_sent_once_in_month_order_after_the_month_ends(supervisor):
    report("NFRC260000000231", outcome=1, finalised=london(2026, 9, 3, 12))
    report("NFRC260000000232", outcome=1, finalised=london(2026, 10, 3, 12))
    with pytest.raises(Conflict, match="month order"):
        services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    with pytest.raises(Conflict, match="not ended"):
        services.mark_sent(supervisor, 2026, 9, "csv", today=date(2026, 9, 30))
    services.mark_sent(supervisor, 2026, 9, "csv", today=date(2026, 11, 5))
    with pytest.raises(Conflict, match="already"):
        services.mark_sent(supervisor, 2026, 9, "csv", today=date(2026, 11, 5))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    assert NFIBReturn.objects.filter(sent_at__isnull=False).count() == 2


def test_only_the_supervisor_marks_it_sent(assessor, client):
    client.force_login(assessor)
    assert client.post("/returns/2026-10/sent/", {"format": "csv"}).status_code == 404
