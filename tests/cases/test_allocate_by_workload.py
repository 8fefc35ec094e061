"""§5.4: allocation balances caseload by tier and experience; reviews on a rota."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.cases.models import Case
from fraudcase.reports.models import StatusChange

pytestmark = pytest.mark.django_db


def test_the_board_shows_each_investigators_open_cases_by_tier(
    allocated, supervisor, vft_investigator, evaluator, client
):
    client.force_login(supervisor)
    page = client.get("/cases/allocation/").content.decode()
    assert "Vft_Investigator" in page and "Evaluator" in page
    assert "PIP level 1" in page
    rows = {r["name"]: r for r in client.get("/api/v1/allocation-board").json()}
    assert rows["Vft_Investigator"]["open_by_tier"] == {"1": 0, "2": 0, "3": 0, "4": 1}
    assert rows["Vft_Investigator"]["spare"] == 2
    assert rows["Evaluator"]["weighted_load"] == 0
    export = client.get("/cases/allocation/?export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert b"Vft_Investigator" in export.content


def test_allocating_starts_the_review_rota_and_the_victim_contract(
    awaiting_allocation, supervisor, vft_investigator, vft, client
):
    client.force_login(supervisor)
    ref = awaiting_allocation.local_reference
    page = client.get(f"/reports/{ref}/allocate/").content.decode()
    assert "Vft_Investigator: suitable" in page
    client.post(
        f"/reports/{ref}/allocate/",
        {
            "investigator": vft_investigator.pk,
            "team": vft.pk,
            "update_every_days": 14,
        },
    )
    case = Case.objects.get()
    today = timezone.localdate()
    assert (case.investigator, case.team, case.tier) == (vft_investigator, vft, 4)
    assert case.next_review_due == today + timedelta(days=28)
    assert case.next_update_due == today + timedelta(days=14)
    change = StatusChange.objects.get(transition="allocate")
    assert (change.by, change.to_status) == (supervisor, "under_investigation")


def test_an_unsuitable_investigator_needs_a_reason(
    awaiting_allocation, supervisor, ecu_investigator, ecu
):
    # A tier 4 case is not the ECU's (App. D).
    with pytest.raises(services.InvalidInput) as invalid:
        services.allocate(
            supervisor, awaiting_allocation, investigator_id=ecu_investigator.pk, team_id=ecu.pk
        )
    assert "override_reason" in invalid.value.problems
    services.allocate(
        supervisor,
        awaiting_allocation,
        investigator_id=ecu_investigator.pk,
        team_id=ecu.pk,
        override_reason="Linked to an ECU operation",
    )
    assert Case.objects.get().allocation_reason == "Linked to an ECU operation"


def test_only_the_supervisor_allocates_on_the_page_and_the_api(
    awaiting_allocation, assessor, vft_investigator, vft, client
):
    client.force_login(vft_investigator)
    ref = awaiting_allocation.local_reference
    assert client.get("/cases/allocation/").status_code == 404
    assert client.get(f"/reports/{ref}/allocate/").status_code == 404
    answer = client.post(
        f"/api/v1/reports/{ref}/allocation",
        {"investigator_id": vft_investigator.pk, "team_id": vft.pk},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert not Case.objects.exists()


def test_a_supervisor_review_is_recorded_and_the_next_scheduled(allocated, supervisor, client):
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(next_review_due=timezone.localdate())
    assert list(services.reviews_due(supervisor, timezone.localdate())) == [case]
    client.force_login(supervisor)
    client.post(
        f"/reports/{allocated.local_reference}/case/review/",
        {"review-notes": "Good progress", "review-recommendations": "Obtain call data"},
    )
    case.refresh_from_db()
    assert case.reviews.get().recommendations == "Obtain call data"
    assert case.next_review_due == timezone.localdate() + timedelta(days=28)
    assert list(services.reviews_due(supervisor, timezone.localdate())) == []


def test_the_board_shows_how_long_reports_take_from_receipt(allocated, supervisor, client):
    from fraudcase.reports.models import Report

    received = timezone.now() - timedelta(days=10)
    Report.objects.filter(pk=allocated.pk).update(received_at=received)
    rows = {t["label"]: t for t in services.timings(supervisor, timezone.localdate())}
    assert rows["Receipt to assessment"]["count"] == 1
    assert rows["Receipt to allocation"]["median"] == pytest.approx(10, abs=0.1)
    assert rows["Receipt to outcome"]["count"] == 0
    client.force_login(supervisor)
    assert "How long it takes" in client.get("/cases/allocation/").content.decode()


def test_the_board_gives_each_waiting_report_its_tier_in_force(awaiting_allocation, supervisor):
    from fraudcase.triage.models import SupervisorDecision

    SupervisorDecision.objects.filter(report=awaiting_allocation).update(tier=2)  # tasked up
    waiting = services.allocation_board(supervisor)["waiting"]
    assert [(r, r.current_tier) for r in waiting] == [(awaiting_allocation, 2)]
