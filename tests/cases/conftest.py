"""A report walked to the point each test needs, through the same services users go through."""

import pytest

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.models import Report
from fraudcase.triage import services as triage
from tests.conftest import _person
from tests.triage.test_assess_a_report import form

ALBERT = "NFRC261010000004"  # aged 89, courier fraud: tier 4 by the matrix in `form()`


@pytest.fixture
def vft_investigator(vft):
    """A PIP 1 investigator in the Volume Fraud Team."""
    return _person("vft_investigator", Role.INVESTIGATOR, HandlingMarking.OFFICIAL, vft,
                   experience="pip1", case_capacity=3)  # fmt: skip


@pytest.fixture
def evaluator(vft):
    return _person("evaluator", Role.EVALUATOR, HandlingMarking.OFFICIAL_SENSITIVE, vft,
                   experience="pip2")  # fmt: skip


@pytest.fixture
def assessed(assessor, example_package, client):
    import_nfib_package(example_package, user=assessor)
    albert = Report.objects.get(nfrc_numbers__number=ALBERT)
    client.force_login(assessor)
    client.post(f"/reports/{albert.local_reference}/assess/", form())
    client.logout()
    albert.refresh_from_db()
    assert albert.status == "assessed"
    return albert


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
