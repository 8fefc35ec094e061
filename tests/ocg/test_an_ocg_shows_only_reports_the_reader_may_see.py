"""Need to know (issue 13 item 8): a report the reader may not see is not in the OCG's lists,
counts, roll-ups or exports, and nothing says it was left out."""

import io
import xml.etree.ElementTree as ET

import polars as pl
import pytest
from django.urls import reverse
from django.utils import timezone

from fraudcase.cases.models import DisruptionAction, Finalisation
from fraudcase.ocg import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocg(analyst, supervisor, chain):
    series, refs = chain
    group = services.create_ocg(analyst, name="Courier gang", series_reference=series.reference)
    from fraudcase.reports.models import Report

    hidden = Report.objects.get(local_reference=refs[1])
    DisruptionAction.objects.create(
        report=hidden, kind="bank_account_closure", on=timezone.localdate(), by=supervisor
    )
    Finalisation.objects.create(
        report=hidden,
        outcome=1,
        positive=True,
        finalised_by=supervisor,
        finalised_at=timezone.now(),
    )
    return group


def test_the_restricted_report_in_the_middle_is_nowhere_for_an_uncleared_reader(
    client, junior_analyst, ocg, chain
):
    _, refs = chain
    client.force_login(junior_analyst)
    url = reverse("ocg-detail", kwargs={"ocg_ref": ocg.reference})
    page = client.get(url).content.decode()
    assert refs[0] in page and refs[2] in page
    assert refs[1] not in page and "Secret Name" not in page
    assert "£400.00" in page and "£5,400.00" not in page
    assert "Bank account closure" not in page and "Charged/summonsed" not in page
    listed = client.get(reverse("ocg-list")).content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in listed
    for fmt in ("csv", "xlsx"):
        answer = client.get(url, {"export": fmt})
        frame = (
            pl.read_csv(io.BytesIO(answer.content))
            if fmt == "csv"
            else pl.read_excel(io.BytesIO(answer.content))
        )
        names = set(frame["from"].to_list()) | set(frame["to"].to_list())
        assert refs[0] in names and refs[2] in names
        assert refs[1] not in names and "Secret Name" not in names
    chart = client.get(reverse("ocg-chart", kwargs={"ocg_ref": ocg.reference})).content
    labels = {
        item.get("Label")
        for item in ET.fromstring(chart).iter("ChartItem")  # noqa: S314
    }
    assert refs[0] in labels and refs[1] not in labels and "Secret Name" not in labels
    detail = client.get(f"/api/v1/ocgs/{ocg.reference}").json()
    assert detail["rollup"]["reports"] == 2 and detail["rollup"]["disruptions"] == []
    api_reports = client.get(f"/api/v1/ocgs/{ocg.reference}/reports").json()
    assert sorted(r["local_reference"] for r in api_reports) == [refs[0], refs[2]]
    report_page = client.get(reverse("report-detail", kwargs={"ref": refs[0]})).content.decode()
    assert "In OCG" in report_page


def test_a_cleared_reader_sees_every_report_and_the_whole_roll_up(client, analyst, ocg, chain):
    _, refs = chain
    client.force_login(analyst)
    page = client.get(reverse("ocg-detail", kwargs={"ocg_ref": ocg.reference})).content.decode()
    assert all(ref in page for ref in refs)
    assert "Bank account closure: 1" in page and "£5,400.00" in page


def test_a_series_created_by_an_uncleared_analyst_takes_only_what_they_see(junior_analyst, chain):
    series, refs = chain
    group = services.create_ocg(junior_analyst, name="Mine", series_reference=series.reference)
    assert sorted(group.links.values_list("report__local_reference", flat=True)) == [
        refs[0],
        refs[2],
    ]
