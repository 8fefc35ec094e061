"""Issue 16: the OCG list, an OCG's page and the API cost the same number of queries with a
few reports and with many."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fraudcase.cases.models import DisruptionAction
from fraudcase.ocg import services
from fraudcase.reports.models import Report
from tests.scale import assert_bounded, more_reports, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def grown(analyst, supervisor, chain):
    series, _ = chain
    ocg = services.create_ocg(analyst, name="Courier gang", series_reference=series.reference)
    services.add_nominal(analyst, ocg, name="Daniel Crook", role="principal")

    def grow():
        more_reports(200, seed=31)
        for n in range(3):
            other = services.create_ocg(analyst, name=f"Group {n}")
            services.add_nominal(analyst, other, name=f"N{n}", role="member")
        for report in Report.objects.order_by("-id")[:60]:
            services.add_report(analyst, ocg, report.local_reference)
            DisruptionAction.objects.create(
                report=report, kind="cifas_marker", on=timezone.localdate(), by=supervisor
            )
        for n in range(5):
            services.add_nominal(analyst, ocg, name=f"Member {n}", role="member")
            services.add_entry(
                analyst, ocg, kind="meeting_decision", on=timezone.localdate(), text=f"D{n}"
            )

    return ocg, grow


def test_the_ocg_list_is_bounded(client, analyst, grown):
    _, grow = grown
    client.force_login(analyst)
    assert_bounded(client, reverse("ocg-list"), grow)


def test_an_ocg_page_is_bounded(client, analyst, grown):
    ocg, grow = grown
    client.force_login(analyst)
    assert_bounded(client, reverse("ocg-detail", kwargs={"ocg_ref": ocg.reference}), grow)
    assert ocg.links.count() > 60


def test_the_api_is_bounded(client, analyst, grown):
    ocg, grow = grown
    client.force_login(analyst)
    urls = [
        "/api/v1/ocgs",
        f"/api/v1/ocgs/{ocg.reference}",
        f"/api/v1/ocgs/{ocg.reference}/reports",
    ]
    for url in urls:
        client.get(url)
    counts = [len(queries_for(client, u)) for u in urls]
    grow()
    after = [len(queries_for(client, u)) for u in urls]
    assert all(a <= b for a, b in zip(after, counts, strict=True)), (counts, after)


def test_the_report_page_is_bounded_with_its_ocgs(client, analyst, grown, chain):
    _, refs = chain
    _, grow = grown
    client.force_login(analyst)
    assert_bounded(client, reverse("report-detail", kwargs={"ref": refs[0]}), grow)
