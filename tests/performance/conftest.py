"""A small unit walked through the real services this month (tests/walk.py): six victims
received, three allocated to the Volume Fraud Team, one finalised positive (charged), one
finalised with no suspect identified (18), a website takedown, a victim update; one report
restricted to the Economic Crime Unit. Each measure's figures are known from it."""

from datetime import date

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.cases import services as cases
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from tests import walk
from tests.conftest import _person, victim_row


@pytest.fixture
def manager(vft, ecu):
    """The ECU manager: cleared and in every team, so sees the whole unit."""
    return _person("manager", Role.ECU_MANAGER, HandlingMarking.OFFICIAL_SENSITIVE, vft, ecu)


@pytest.fixture
def analyst(vft):
    """An analyst in the Volume Fraud Team only."""
    return _person("analyst", Role.ANALYST, HandlingMarking.OFFICIAL_SENSITIVE, vft)


@pytest.fixture
def month():
    today = timezone.localdate()
    return today.year, today.month


@pytest.fixture
def unit(write_package, assessor, supervisor, vft_investigator, vft, ecu):
    rows = [
        victim_row(1, package_ref="PKG-A", loss_gbp="100.00"),
        victim_row(2, package_ref="PKG-A", loss_gbp="300.00"),
        victim_row(3, package_ref="PKG-A", loss_gbp="0"),
        victim_row(4, package_ref="PKG-A", loss_gbp="200.00"),
        victim_row(
            5,
            package_ref="PKG-A",
            victim_type="Business",
            forename="",
            surname="",
            business_name="Bakery Ltd",
            dob="",
            loss_gbp="1000.00",
        ),
        victim_row(
            6,
            package_ref="PKG-A",
            victim_type="Business",
            forename="",
            surname="",
            business_name="Garage Ltd",
            dob="",
            loss_gbp="",
        ),
    ]
    import_nfib_package(write_package(rows), user=assessor)
    allocated = walk.allocate(assessor, supervisor, vft_investigator, vft, 3)
    charged, no_suspect, open_case = (Report.objects.get(pk=r.pk) for r in allocated)
    cases.add_disruption(
        vft_investigator, charged, kind="website_takedown", on=timezone.localdate()
    )
    cases.finalise(vft_investigator, charged, outcome=1)
    cases.finalise(
        vft_investigator, no_suspect, outcome=18, rationale="No suspect identified after enquiries"
    )
    cases.record_victim_update(
        vft_investigator, open_case, method="telephone", summary="Told of progress"
    )
    # The charged report is restricted to the ECU (a sensitive suspect): VFT-only readers
    # must not count it.
    Report.objects.filter(pk=charged.pk).update(restricted_to_team=ecu)
    return {"charged": charged, "no_suspect": no_suspect, "open_case": open_case}


def table_of(pack, key):
    return next(c.table for c in pack if c.measure.key == key)


def row_of(table, label):
    return next(row for row in table.rows if row[0].value == label)


def first_day(year, month):
    return date(year, month, 1)
