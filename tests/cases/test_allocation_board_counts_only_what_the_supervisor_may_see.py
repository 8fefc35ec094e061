"""§5.4 board and access rules: a restricted case the supervisor may not see is not counted in
anyone's load, a team's open cases or the time-to-outcome chart, on the page or the API."""

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking
from fraudcase.audit.models import AuditEvent
from fraudcase.cases import services
from fraudcase.reports.models import Report, StatusChange
from tests.reports.test_restricted_records_in_lists_need_a_reason import REASON, give_reason

pytestmark = pytest.mark.django_db


def test_a_restricted_case_the_supervisor_cannot_see_is_not_on_the_board(
    allocated, supervisor, vft_investigator, ecu, client
):
    StatusChange.objects.create(
        report=allocated,
        transition="finalise",
        from_status="x",
        to_status="closed",
        at=timezone.now(),
    )
    client.force_login(supervisor)
    before = {r["name"]: r for r in client.get("/api/v1/allocation-board").json()}
    assert before["Vft_Investigator"]["weighted_load"] == 1
    # Restricted to the ECU, which the supervisor is not in: it no longer exists for them.
    Report.objects.filter(pk=allocated.pk).update(restricted_to_team=ecu)

    rows = {r["name"]: r for r in client.get("/api/v1/allocation-board").json()}
    assert rows["Vft_Investigator"]["open_by_tier"] == {"1": 0, "2": 0, "3": 0, "4": 0}
    assert (rows["Vft_Investigator"]["weighted_load"], rows["Vft_Investigator"]["spare"]) == (0, 3)
    board = services.allocation_board(supervisor)
    assert [t["open"] for t in board["teams"]] == [0]
    timings = {t["label"]: t for t in services.timings(supervisor, timezone.localdate())}
    assert timings["Receipt to outcome"]["count"] == 0
    assert timings["Receipt to allocation"]["count"] == 0
    page = client.get("/cases/allocation/").content.decode()
    assert allocated.local_reference not in page
    export = client.get("/cases/allocation/?export=csv").content.decode()
    assert "Vft_Investigator,PIP level 1,0,0,0,0,0,3,3" in export


def test_the_allocation_board_asks_the_reason_for_restricted_cases(allocated, supervisor, client):
    Report.objects.filter(pk=allocated.pk).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    client.force_login(supervisor)
    assert client.get("/api/v1/allocation-board").status_code == 428
    export = give_reason(client, "/cases/allocation/?export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert AuditEvent.objects.filter(object_ref="allocation-board", justification=REASON).exists()
    ok = client.get("/api/v1/allocation-board", headers={"X-Justification": "Balancing loads"})
    assert ok.status_code == 200
