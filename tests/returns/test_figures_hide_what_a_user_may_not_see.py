"""Need-to-know: the return's rows and counts, and the reconciliation's, hold only the reports
the user may see; the whole unit (the command) sees them all."""

from datetime import date

import pytest

from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import HandlingMarking, User
from fraudcase.returns import services
from fraudcase.returns.rules import NFRCState

from .conftest import london, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(vft):
    user = User.objects.create_user(
        "analyst", role=Role.ANALYST, clearance=HandlingMarking.OFFICIAL, password="x-y-z-w-1234"
    )
    user.teams.set([vft])
    return user


def test_a_secret_report_is_in_no_figure_of_a_user_not_cleared(supervisor, analyst, client):
    report("NFRC260000000501", outcome=1, finalised=london(2026, 10, 3, 12))
    report(
        "NFRC260000000502",
        outcome=1,
        finalised=london(2026, 10, 4, 12),
        marking=HandlingMarking.OFFICIAL_SENSITIVE,
    )
    report("NFRC260000000503", marking=HandlingMarking.OFFICIAL_SENSITIVE)

    mine = services.month_return(analyst, 2026, 10)
    assert [r["nfrc"] for r in mine.rows] == ["NFRC260000000501"]
    assert mine.outcomes == 1
    assert services.month_return(None, 2026, 10).outcomes == 2
    assert services.reconciliation(analyst).total == 1
    assert services.reconciliation(None).total == 3
    assert services.reconciliation(None).counts[NFRCState.OPEN] == 1

    client.force_login(analyst)
    page = client.get("/returns/2026-10/").content.decode()
    assert "NFRC260000000501" in page and "NFRC260000000502" not in page
    assert "NFRC260000000502" not in client.get("/returns/2026-10/?export=csv").content.decode()
    gaps = client.get("/api/v1/returns/reconciliation").json()
    assert gaps["total"] == 1


def test_the_sent_rows_too(supervisor, analyst):
    report("NFRC260000000511", outcome=1, finalised=london(2026, 10, 3, 12))
    secret = report("NFRC260000000512", outcome=2, finalised=london(2026, 10, 3, 12))
    secret.handling_marking = HandlingMarking.OFFICIAL_SENSITIVE
    secret.save()
    services.mark_sent(supervisor, 2026, 10, "csv", "Monthly return", today=date(2026, 11, 5))
    assert services.month_return(supervisor, 2026, 10).outcomes == 2
    assert [r["nfrc"] for r in services.month_return(analyst, 2026, 10).rows] == [
        "NFRC260000000511"
    ]
    ret = services.month_return(analyst, 2026, 10)
    content, _ = services.export_return(analyst, ret, "csv", "")
    assert "NFRC260000000512" not in content.decode()  # not the whole file as sent


def test_other_roles_have_no_returns_pages(assessor, client):
    client.force_login(assessor)
    for url in ("/returns/", "/returns/2026-10/", "/returns/reconciliation/"):
        assert client.get(url).status_code == 404
    assert client.get("/api/v1/returns/reconciliation").status_code == 404
