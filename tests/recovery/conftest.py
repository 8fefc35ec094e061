"""Personas of financial investigation: the financial intelligence officer who keeps the
registers, an accredited financial investigator, the ECU manager, an officer without access;
and reports to hang entries on, imported through the real path."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.intake.importing import import_nfib_package
from fraudcase.recovery import services
from fraudcase.reports.models import Report
from tests.conftest import _person, victim_row


@pytest.fixture
def finint(ecu):
    """A financial intelligence officer in the ECU: keeps the registers."""
    return _person("finint", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def manager(ecu):
    return _person("manager", Role.ECU_MANAGER, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def fi(ecu):
    """An investigator in the ECU who may be accredited as a financial investigator."""
    return _person("fi", Role.INVESTIGATOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def reports(write_package, supervisor):
    """Two reports: the first OFFICIAL, the second OFFICIAL-SENSITIVE. Their references."""
    path = write_package([victim_row(1), victim_row(2)])
    import_nfib_package(path, user=supervisor)
    refs = list(Report.objects.order_by("pk").values_list("local_reference", flat=True))
    Report.objects.filter(local_reference=refs[1]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    return refs


def accredit(by, officer, kind, *, awarded_on=None, expires_on=None):
    today = timezone.localdate()
    return services.record_accreditation(
        by,
        officer=officer,
        kind=kind,
        awarded_on=awarded_on or today - timedelta(days=400),
        expires_on=expires_on,
    )


def cash_seizure(
    by,
    report,
    officer,
    *,
    amount="2500.00",
    seized_on: date | None = None,
    subject="Marcus Hale",
    **more,
):
    data = {
        "report": report,
        "subject": subject,
        "officer": officer,
        "status": "detained",
        "seized_on": seized_on or timezone.localdate(),
        "amount_gbp": amount,
        "court": "Leicester Magistrates' Court",
        **more,
    }
    return services.save_entry(by, "cash", data)
