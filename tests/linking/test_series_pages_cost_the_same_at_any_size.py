"""Issue 16: the series list, a series page and the report page cost the same number of
queries with a few linked reports and with many."""

import pytest
from django.urls import reverse

from fraudcase.linking.models import Series
from fraudcase.reports.models import Report
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(import_rows):
    import_rows(*[(n, {"suspect_phone": "07700900123", "suspect_name": "A"}) for n in (1, 2)])
    import_rows((3, {"suspect_email": "x@y.com"}), (4, {"suspect_email": "x@y.com"}))

    def grow():
        rows = [
            (
                n,
                {
                    "suspect_phone": "07700 900123",
                    "suspect_email": f"m{n}@y.com",
                    "suspect_name": f"N{n}",
                },
            )
            for n in range(5, 40)
        ]
        import_rows(*rows)
        import_rows(*[(n, {"suspect_email": "x@y.com"}) for n in range(40, 50)])
        more_reports(300, seed=13)

    return grow


def test_the_series_list_is_bounded(client, supervisor, linked):
    client.force_login(supervisor)
    assert_bounded(client, reverse("series-list"), linked)


def test_a_series_page_is_bounded(client, supervisor, linked):
    client.force_login(supervisor)
    series = Series.objects.order_by("anchor").first()
    url = reverse("series-detail", kwargs={"ref": series.reference})
    assert_bounded(client, url, linked)
    assert series.members.count() > 30


def test_the_report_page_is_bounded(client, supervisor, linked):
    client.force_login(supervisor)
    first = Report.objects.order_by("id").first()
    assert_bounded(client, reverse("report-detail", kwargs={"ref": first.local_reference}), linked)
