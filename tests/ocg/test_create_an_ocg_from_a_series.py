"""From a series page an analyst creates an OCG (it takes the series and its reports), adds a
series to an open one, and the report page says "In OCG" (issue 13 item 4)."""

import pytest
from django.urls import reverse

from fraudcase.audit.models import AuditEvent
from fraudcase.ocg.models import OcgReport, OcgSeries, OrganisedCrimeGroup

pytestmark = pytest.mark.django_db


def test_an_analyst_creates_an_ocg_from_a_series_and_the_report_page_names_it(
    client, analyst, chain
):
    series, refs = chain
    client.force_login(analyst)
    series_page = client.get(reverse("series-detail", kwargs={"ref": series.reference}))
    assert "Create an OCG from this series" in series_page.content.decode()
    form = client.get(reverse("ocg-new"), {"series": series.reference}).content.decode()
    assert f"Series {series.reference}" in form
    answer = client.post(
        reverse("ocg-new"),
        {"series": series.reference, "name": "Courier gang", "description": "Couriers"},
    )
    ocg = OrganisedCrimeGroup.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/ocgs/{ocg.reference}/")
    assert ocg.status == "identified" and ocg.created_by == analyst
    assert sorted(OcgReport.objects.values_list("report__local_reference", flat=True)) == refs
    assert OcgSeries.objects.get().series == series
    page = client.get(answer["Location"]).content.decode()
    assert all(ref in page for ref in refs)
    assert "£5,400.00" in page
    report_page = client.get(reverse("report-detail", kwargs={"ref": refs[0]})).content.decode()
    assert "In OCG" in report_page and ocg.reference in report_page
    again = client.get(reverse("series-detail", kwargs={"ref": series.reference})).content.decode()
    assert f"{ocg.reference} Courier gang</a>" in again
    assert AuditEvent.objects.filter(object_type="ocg", object_ref=ocg.reference).count() >= 2


def test_a_series_is_added_to_an_open_ocg(client, analyst, chain, import_rows):
    series, _refs = chain
    client.force_login(analyst)
    client.post(reverse("ocg-new"), {"name": "By hand"})
    ocg = OrganisedCrimeGroup.objects.get()
    assert not ocg.links.exists()
    page = client.get(reverse("series-detail", kwargs={"ref": series.reference})).content.decode()
    assert "Add to an OCG" in page and ocg.reference in page
    answer = client.post(
        reverse("ocg-add-series"), {"ocg": ocg.reference, "series": series.reference}
    )
    assert answer.status_code == 302
    assert ocg.links.count() == 3 and ocg.series_links.get().reference == series.reference
    # Adding it again takes nothing twice.
    client.post(reverse("ocg-add-series"), {"ocg": ocg.reference, "series": series.reference})
    assert ocg.links.count() == 3 and ocg.series_links.count() == 1


def test_a_report_is_linked_by_hand(client, analyst, chain):
    _, refs = chain
    client.force_login(analyst)
    client.post(reverse("ocg-new"), {"name": "By hand"})
    ocg = OrganisedCrimeGroup.objects.get()
    url = reverse("ocg-add-report", kwargs={"ocg_ref": ocg.reference})
    assert client.post(url, {"local_reference": refs[2]}).status_code == 302
    assert list(ocg.links.values_list("report__local_reference", flat=True)) == [refs[2]]
    refused = client.post(url, {"local_reference": "FC/NOPE"})
    assert "No report with that reference" in refused.content.decode()


def test_an_investigator_reads_but_cannot_create_and_an_assessor_sees_nothing(
    client, analyst, ecu_investigator, assessor, chain
):
    series, _ = chain
    client.force_login(analyst)
    client.post(reverse("ocg-new"), {"series": series.reference, "name": "Courier gang"})
    ocg = OrganisedCrimeGroup.objects.get()
    detail = reverse("ocg-detail", kwargs={"ocg_ref": ocg.reference})

    client.force_login(ecu_investigator)
    assert client.get(detail).status_code == 200
    assert client.get(reverse("ocg-new")).status_code == 404
    assert client.get(reverse("ocg-nominal", kwargs={"ocg_ref": ocg.reference})).status_code == 404
    page = client.get(reverse("series-detail", kwargs={"ref": series.reference})).content.decode()
    assert "Create an OCG" not in page and "Courier gang" in page

    client.force_login(assessor)
    assert client.get(reverse("ocg-list")).status_code == 404
    assert client.get(detail).status_code == 404
