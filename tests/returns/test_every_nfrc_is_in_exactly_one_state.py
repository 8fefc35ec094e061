"""Seed 002 ¶14, ¶64: every NFRC number the force received is accounted for, in exactly one
state: outcome returned, outcome recorded but not yet returned, open, transferred, or erased.
Nothing falls out: the counts add up to every NFRC number there is."""

from datetime import date

import pytest

from fraudcase.intake import services as intake_services
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import Source
from fraudcase.reports.models import NFRCNumber
from fraudcase.returns import services
from fraudcase.returns.rules import NFRCState
from tests.conftest import call_for_service

from .conftest import london, report

pytestmark = pytest.mark.django_db


def _state_of(nfrc: str) -> list[str]:
    return [r["state"] for r in services.gap_list(None) if r["nfrc"] == nfrc]


def test_each_state_and_the_counts_add_up(supervisor, assessor, administrator):
    # Returned: October's return sent with it in it.
    report("NFRC260000000101", outcome=1, finalised=london(2026, 10, 10, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 3))
    # Recorded but not yet returned: November's outcome, November not sent.
    report("NFRC260000000102", outcome=18, finalised=london(2026, 11, 10, 12))
    # Transferred to another force or body (outcome 20), not yet returned.
    report("NFRC260000000103", outcome=20, finalised=london(2026, 11, 11, 12))
    # Open, at its stage.
    report("NFRC260000000104", status="assessed")
    # Erased: the report's personal data erased by the administrator.
    erased = report("NFRC260000000105")
    report_services.erase_personal_data(administrator, erased, "Retention period ended")
    # A call for service double-keyed to NFIB: its NFRC counts like any other (open).
    call = call_for_service(assessor)
    intake_services.mark_sent_to_nfib(assessor, call.pk, "NFRC260000000106")

    found = services.reconciliation(None)

    assert found.counts == {
        NFRCState.RETURNED: 1,
        NFRCState.ERASED: 1,
        NFRCState.TRANSFERRED: 1,
        NFRCState.NOT_RETURNED: 1,
        NFRCState.OPEN: 2,
    }
    assert found.total == NFRCNumber.objects.count() == 6
    # The states are stored as each event happens: none differs from the one computed now.
    assert services.misstated() == 0
    gaps = {r["nfrc"]: r["state"] for r in services.gap_list(None)}
    assert gaps == {
        "NFRC260000000102": "not_returned",
        "NFRC260000000103": "transferred",
        "NFRC260000000104": "open",
        "NFRC260000000105": "erased",
        "NFRC260000000106": "open",
    }
    # Each state's own list holds exactly its count.
    for state in ("erased", "transferred", "not_returned", "open"):
        assert services.gap_list(None, state).count() == found.counts[NFRCState(state)]


def test_an_outcome_changed_after_it_was_returned_is_no_longer_returned(supervisor):
    from fraudcase.cases.models import Finalisation

    report("NFRC260000000111", outcome=14, finalised=london(2026, 10, 10, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 3))
    assert services.reconciliation(None).counts[NFRCState.RETURNED] == 1
    changed = Finalisation.objects.get()
    changed.outcome = 1
    changed.save()
    assert services.reconciliation(None).counts[NFRCState.NOT_RETURNED] == 1
    assert services.reconciliation(None).counts[NFRCState.RETURNED] == 0


def test_a_double_keyed_call_for_service_is_found_by_its_nfrc(assessor):
    call = call_for_service(assessor)
    intake_services.mark_sent_to_nfib(assessor, call.pk, "NFRC260000000121")
    found = report_services.search_page(assessor, "NFRC260000000121")
    assert [r.local_reference for r in found.shown] == [call.report.local_reference]
    assert call.report.source == Source.CALL_FOR_SERVICE
    assert _state_of("NFRC260000000121") == ["open"]


def test_a_number_added_by_an_import_to_a_finalised_report_is_not_returned(
    supervisor, write_package
):
    """An NFIB package naming a victim already recorded adds its new NFRC to that report; if
    the report already has an outcome, NFIB does not have it for the new number."""
    from fraudcase.intake.importing import import_nfib_package
    from tests.conftest import victim_row

    first = write_package([victim_row(1, nfrc="NFRC260000000141")])
    import_nfib_package(first, user=supervisor)
    held = NFRCNumber.objects.get(number="NFRC260000000141").report
    _finalise(held, supervisor)
    # The same victim again, with the number already held and a new one beside it.
    again = write_package(
        [victim_row(1, nfrc="NFRC260000000141;NFRC260000000142", package_ref="NFIB-PKG-2")]
    )
    import_nfib_package(again, user=supervisor)

    assert NFRCNumber.objects.get(number="NFRC260000000142").report == held
    assert _state_of("NFRC260000000142") == ["not_returned"]
    assert services.misstated() == 0


def _finalise(held, supervisor):
    from fraudcase.cases.models import Finalisation

    Finalisation.objects.create(
        report=held,
        outcome=18,
        positive=False,
        finalised_by=supervisor,
        finalised_at=london(2026, 11, 2, 12),
    )
