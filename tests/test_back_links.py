"""Back links where GOV.UK puts them: the report page back to the list it was opened from,
a page about one report back to the report; never to another site."""

import pytest
from django.core.management import call_command

from fraudcase.accounts.models import User
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    call_command("demo_data", victims=8, quiet=True)
    client.force_login(User.objects.get(username="assessor"))
    report = Report.objects.filter(status="recorded", handling_marking="OFFICIAL").first()
    return client, report.local_reference


def _back(html: str) -> str:
    if 'class="govuk-back-link"' not in html:
        return ""
    return html.split('class="govuk-back-link"')[0].rsplit("<a href=", 1)[1].strip('" ')


def test_a_report_opened_from_the_search_links_back_to_that_search(signed_in):
    client, ref = signed_in
    results = client.get("/reports/", {"q": ref}).content.decode()
    assert "?next=/reports/%3Fq%3D" in results
    page = client.get(f"/reports/{ref}/", {"next": f"/reports/?q={ref}"}).content.decode()
    assert _back(page) == f"/reports/?q={ref}"


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "reports/"]
)
def test_the_back_link_never_leads_off_the_site(signed_in, elsewhere):
    client, ref = signed_in
    assert _back(client.get(f"/reports/{ref}/", {"next": elsewhere}).content.decode()) == ""


def test_a_form_about_a_report_links_back_to_the_report(signed_in):
    client, ref = signed_in
    assert _back(client.get(f"/reports/{ref}/assess/").content.decode()) == f"/reports/{ref}/"
