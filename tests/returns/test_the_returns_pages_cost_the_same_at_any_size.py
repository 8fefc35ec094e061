"""Issue 16: the returns pages and API lists take the same number of queries with a few
reports and with many (tests/scale.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases.models import Finalisation
from fraudcase.reports.models import Report
from fraudcase.returns import services
from tests.scale import assert_bounded, more_reports

from .conftest import london, report

pytestmark = pytest.mark.django_db

URLS = [
    "/returns/",
    "/returns/2026-10/",
    "/returns/reconciliation/",
    "/returns/reconciliation/?state=open",
    "/api/v1/returns/nfib/2026-10",
    "/api/v1/returns/reconciliation",
]


def _grow(supervisor):
    def grow():
        more_reports(60, seed=71, user=supervisor)
        at = london(2026, 10, 15, 12)
        Finalisation.objects.bulk_create(
            Finalisation(
                report=r,
                outcome=18,
                positive=False,
                finalised_by=supervisor,
                finalised_at=at + timedelta(minutes=i),
            )
            for i, r in enumerate(Report.objects.filter(finalisation__isnull=True)[:40])
        )
        services.ensure_months()
        services.restate()  # written in bulk, past the signals: as a bulk loader must

    return grow


@pytest.mark.parametrize("url", URLS)
def test_bounded(supervisor, client, url):
    report("NFRC260000000801", outcome=1, finalised=london(2026, 10, 3, 12))
    report("NFRC260000000802", outcome=1, finalised=london(2026, 9, 3, 12))
    report("NFRC260000000803")  # open: the gap list has a row from the start
    client.force_login(supervisor)
    assert timezone.localdate() >= london(2026, 11, 1).date()
    assert_bounded(client, url, _grow(supervisor), HTTP_X_JUSTIFICATION="Monthly return")
