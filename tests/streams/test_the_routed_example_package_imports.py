"""The documented example of the routing columns (docs/user-guide.md "Package columns that
route a report") imports as the guide says."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.enums import Source
from fraudcase.reports.models import Report
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def test_the_example_routes_each_victim():
    result = import_nfib_package(EXAMPLES / "routed-package.csv", user=None)
    assert (result.created, result.victim_support_only, result.to_cyber_team) == (4, 1, 2)
    assert "1 victim-support-only referrals went to the Protect team" in result.message
    routes = dict(
        Report.objects.values_list("nfrc_numbers__number", "route").order_by("nfrc_numbers")
    )
    assert routes == {
        "NFRC268100000001": "cyber",
        "NFRC268100000002": "crime_in_action",
        "NFRC268100000003": "victim_support",
        "NFRC268100000004": "",
    }
    support = Report.objects.get(nfrc_numbers__number="NFRC268100000003")
    assert support.source == Source.VICTIM_SUPPORT_ONLY
