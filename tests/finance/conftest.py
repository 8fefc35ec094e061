"""The financial intelligence officer who keeps the SAR register, an investigator named on a
SAR, and SARs recorded through the service users go through."""

from datetime import date

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.finance import services
from tests.conftest import _person


@pytest.fixture
def finint(ecu):
    """A financial intelligence officer in the ECU."""
    return _person("finint", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def named(ecu):
    """An ECU investigator who will be named on a SAR."""
    return _person("named", Role.INVESTIGATOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


def a_sar(user, reference="2026-0004711", *, disclosed_on: date | None = None, **overrides):
    """A SAR from Castle Bank disclosed today (or on `disclosed_on`), recorded by `user`."""
    fields = {
        "ukfiu_reference": reference,
        "disclosed_on": disclosed_on or timezone.localdate(),
        "reporting_institution": "Castle Bank plc",
        "subjects": "Marcus Hale\nHale Trading Ltd",
        "reason": "Rapid movement of funds through a newly opened account",
        "amount_gbp": "12500.00",
        "daml": False,
        "linked_references": "",
        "named_users": "",
    }
    fields.update(overrides)
    return services.record_sar(user, services.SarInput(**fields))


def give_reason(client, key="list", reason="Checking for links to operation Kestrel"):
    """Give the reason the SAR pages ask for, for the list or one SAR, this session."""
    response = client.post(f"/finance/sars/reason/?for={key}", {"justification": reason})
    assert response.status_code == 302, response.content.decode()[:500]
