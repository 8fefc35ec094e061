"""The series pages: the list, a series with its reports, figures and network, its exports,
and the line on the report page; each shows only what the reader may see (DOMAIN.md
"Linking"; issue 13, "Need to know")."""

import io

import polars as pl
import pytest
from django.urls import reverse

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.audit.models import AuditEvent
from fraudcase.linking.models import Series
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(import_rows):
    """Three reports in one series: 1 and 2 share a phone, 2 and 3 an e-mail address; the
    middle one is OFFICIAL-SENSITIVE (the assessor is cleared to OFFICIAL only)."""
    import_rows(
        (1, {"suspect_phone": "07700 900123", "postcode": "LE2 7QT", "loss_gbp": "100"}),
        (
            2,
            {
                "suspect_phone": "+44 7700 900123",
                "suspect_email": "Hidden@Example.com",
                "suspect_name": "Secret Name",
                "postcode": "NG1 1AA",
                "loss_gbp": "5000",
            },
        ),
        (3, {"suspect_email": "hidden@example.com", "postcode": "LE1 1AA", "loss_gbp": "300"}),
    )
    refs = list(Report.objects.order_by("id").values_list("local_reference", flat=True))
    Report.objects.filter(local_reference=refs[1]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    return Series.objects.get(), refs


def test_a_series_page_shows_its_reports_figures_and_network(client, supervisor, chain):
    series, refs = chain
    client.force_login(supervisor)
    page = client.get(reverse("series-detail", kwargs={"ref": series.reference}))
    text = page.content.decode()
    assert page.status_code == 200
    for ref in refs:
        assert ref in text
    assert "£5,400.00" in text  # total loss
    assert "£300.00" in text  # median loss
    assert "LE1, LE2, NG1" in text
    assert "+447700900123" in text and "hidden@example.com" in text
    assert "Secret Name" in text
    assert "<svg" in text and "The network as a table" in text
    assert AuditEvent.objects.filter(object_type="series", object_ref=series.reference).exists()
    listed = client.get(reverse("series-list")).content.decode()
    assert series.reference in listed


def test_a_restricted_report_in_the_middle_is_in_no_page_count_network_or_export(
    client, assessor, chain
):
    series, refs = chain
    client.force_login(assessor)
    url = reverse("series-detail", kwargs={"ref": series.reference})
    text = client.get(url).content.decode()
    assert refs[0] in text and refs[2] in text
    assert refs[1] not in text
    assert "Secret Name" not in text
    assert "NG1" not in text
    assert "£5,400.00" not in text and "£400.00" in text
    listed = client.get(reverse("series-list")).content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in listed
    for fmt in ("csv", "xlsx"):
        answer = client.get(url, {"export": fmt})
        assert answer.status_code == 200
        frame = (
            pl.read_csv(io.BytesIO(answer.content))
            if fmt == "csv"
            else pl.read_excel(io.BytesIO(answer.content))
        )
        assert sorted(frame["local_reference"].to_list()) == [refs[0], refs[2]]
    report_page = client.get(reverse("report-detail", kwargs={"ref": refs[0]})).content.decode()
    assert "In series" in report_page and "with 1 other report " in report_page


def test_a_series_the_reader_sees_one_report_of_does_not_exist_for_them(
    client, assessor, import_rows
):
    import_rows((1, {"suspect_phone": "07700 900123"}), (2, {"suspect_phone": "07700900123"}))
    series = Series.objects.get()
    first, second = Report.objects.order_by("id")
    Report.objects.filter(pk=second.pk).update(handling_marking=HandlingMarking.OFFICIAL_SENSITIVE)
    client.force_login(assessor)
    url = reverse("series-detail", kwargs={"ref": series.reference})
    assert client.get(url).status_code == 404
    assert series.reference not in client.get(reverse("series-list")).content.decode()
    report_page = client.get(reverse("report-detail", kwargs={"ref": first.local_reference}))
    assert "In series" not in report_page.content.decode()


def test_the_report_page_names_the_series_and_the_others(client, supervisor, chain):
    series, refs = chain
    client.force_login(supervisor)
    page = client.get(reverse("report-detail", kwargs={"ref": refs[0]})).content.decode()
    assert f">{series.reference}</a> with 2 other reports" in page


@pytest.mark.parametrize("ref", ["S-999999", "S-", "nonsense"])
def test_an_unknown_series_is_not_found(client, supervisor, ref):
    client.force_login(supervisor)
    assert client.get(reverse("series-detail", kwargs={"ref": ref})).status_code == 404


def test_a_large_series_draws_its_first_reports_and_leaves_the_rest_to_the_export(
    client, supervisor, import_rows, settings
):
    """The network is read and drawn for the first 40 reports whatever the series' size (a
    page costs the same for a series of 40 or of 4,000); the page says how many more the
    download holds, and the download holds them."""
    import_rows(*((n, {"suspect_phone": "07700 900123"}) for n in range(1, 43)))
    series = Series.objects.get()
    refs = list(Report.objects.order_by("id").values_list("local_reference", flat=True))
    client.force_login(supervisor)
    url = reverse("series-detail", kwargs={"ref": series.reference})
    text = client.get(url).content.decode()
    network = text.split("The network as a table")[1]
    assert refs[0] in network and refs[39] in network
    assert refs[40] not in network and refs[41] not in network
    assert "2 more are in the series' download" in text
    exported = pl.read_csv(io.BytesIO(client.get(url + "?export=csv").content))
    assert sorted(exported["local_reference"].to_list()) == sorted(refs)
