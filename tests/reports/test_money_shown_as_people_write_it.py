"""Money on the pages reads as people write it: £32,887.19, not £32887.19."""

import pytest

from fraudcase.intake.models import CallForService

pytestmark = pytest.mark.django_db


def test_the_report_page_shows_the_loss_with_commas_and_pence(assessor, client):
    client.force_login(assessor)
    client.post(
        "/calls-for-service/new/",
        {
            "caller_forename": "Joan",
            "caller_surname": "Patel",
            "summary": "Courier took cash",
            "criteria": ["victim_vulnerable"],
            "loss_gbp": "32887.19",
        },
    )
    report = CallForService.objects.get().report
    page = client.get(f"/reports/{report.local_reference}/").content.decode()
    assert "£32,887.19" in page and "£32887.19" not in page
    found = client.get("/reports/", {"q": report.local_reference}).content.decode()
    assert "£32,887.19" in found
