"""A report walked on from assessment (tests/conftest.py) to the point each case test needs."""

import pytest

from fraudcase.triage import services as triage
from tests.conftest import ALBERT  # noqa: F401  (tests import it from here)


@pytest.fixture
def awaiting_allocation(assessed, supervisor):
    triage.decide(supervisor, assessed, decision="allocate")
    assessed.refresh_from_db()
    return assessed


@pytest.fixture
def allocated(awaiting_allocation, supervisor, vft_investigator, vft):
    from fraudcase.cases import services

    services.allocate(
        supervisor, awaiting_allocation, investigator_id=vft_investigator.pk, team_id=vft.pk
    )
    awaiting_allocation.refresh_from_db()
    assert awaiting_allocation.status == "under_investigation"
    return awaiting_allocation
