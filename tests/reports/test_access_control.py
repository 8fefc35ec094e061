"""A record a user may not see does not exist for them: page, API, search, counts, exports."""

from urllib.parse import quote

import pytest

from fraudcase.accounts.models import HandlingMarking
from fraudcase.audit.models import AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def sensitive(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    report = Report.objects.get(nfrc_numbers__number="NFRC261010000004")
    report.handling_marking = HandlingMarking.OFFICIAL_SENSITIVE
    report.save()
    return report


@pytest.fixture
def ecu_only(assessor, example_package, ecu):
    import_nfib_package(example_package, user=assessor)
    report = Report.objects.get(nfrc_numbers__number="NFRC261010000003")
    report.restricted_to_team = ecu
    report.save()
    return report


def test_an_official_sensitive_report_is_404_for_an_official_only_user(sensitive, assessor, client):
    client.force_login(assessor)
    assert client.get(f"/reports/{sensitive.local_reference}/").status_code == 404
    assert client.get(f"/reports/{sensitive.local_reference}/justify/").status_code == 404
    assert client.get(f"/api/v1/reports/{sensitive.local_reference}").status_code == 404


def test_it_is_absent_from_search_counts_and_exports(sensitive, assessor, client):
    assert not services.search_reports(assessor, "NFRC261010000004").exists()
    assert not services.search_reports(assessor, "Finch").exists()
    assert services.visible_reports(assessor).count() == 3
    client.force_login(assessor)
    export = client.get("/reports/", {"q": "Finch", "export": "csv"})
    assert b"Finch" not in export.content
    api = client.get("/api/v1/reports", {"q": "Finch"})
    assert api.json() == []
    assert ">3<" in client.get("/").content.decode().replace(" ", "")


def test_a_team_restricted_report_is_seen_only_by_that_team(
    ecu_only, assessor, ecu_investigator, client
):
    assert not services.search_reports(assessor, "Wharf").exists()
    assert services.search_reports(ecu_investigator, "Wharf").exists()
    client.force_login(assessor)
    assert client.get(f"/reports/{ecu_only.local_reference}/").status_code == 404


def test_restricted_records_need_a_recorded_justification(sensitive, supervisor, client):
    client.force_login(supervisor)
    page = client.get(f"/reports/{sensitive.local_reference}/")
    assert page.status_code == 302 and page.url.endswith("/justify/")
    client.post(
        f"/reports/{sensitive.local_reference}/justify/",
        {"justification": "Reviewing for allocation"},
    )
    assert client.get(f"/reports/{sensitive.local_reference}/").status_code == 200
    event = AuditEvent.objects.filter(
        object_ref=sensitive.local_reference, action="consultation"
    ).last()
    assert event.justification == "Reviewing for allocation"


def test_the_api_asks_for_a_justification_for_restricted_records(sensitive, supervisor, client):
    client.force_login(supervisor)
    url = f"/api/v1/reports/{sensitive.local_reference}"
    assert client.get(url).status_code == 428
    ok = client.get(url, headers={"X-Justification": "Case review"})
    assert ok.status_code == 200
    assert ok.json()["victim"]["surname"] == "Finch"
    assert AuditEvent.objects.filter(action="disclosure", justification="Case review").exists()


def test_signed_out_users_see_nothing(client, sensitive):
    assert client.get("/reports/").status_code == 302
    assert client.get("/api/v1/reports", {"q": "Finch"}).status_code == 401


def test_exporting_search_results_with_restricted_records_needs_a_reason(
    sensitive, supervisor, client
):
    client.force_login(supervisor)  # cleared to OFFICIAL-SENSITIVE
    url = "/reports/?q=Albert+Finch&export=csv"
    asked = client.get(url)
    assert asked["Content-Type"].startswith("text/html")
    assert "1 of the 1 reports is restricted" in asked.content.decode()
    assert not AuditEvent.objects.filter(action="disclosure").exists()
    reason_url = "/reports/justify-list/?next=" + quote(url)
    assert reason_url.replace("&", "&amp;") in asked.content.decode()
    assert "govuk-error-summary" in client.post(reason_url, {}).content.decode()  # no reason
    back = client.post(reason_url, {"justification": "Op Falcon: courier series review"})
    assert back.status_code == 302 and back.url == url
    export = client.get(url)
    assert export["Content-Type"].startswith("text/csv") and b"Finch" in export.content
    event = AuditEvent.objects.get(action="disclosure", object_type="search")
    assert event.justification == "Op Falcon: courier series review"


def test_any_page_of_a_restricted_report_asks_the_reason_then_goes_back(
    sensitive, supervisor, client
):
    client.force_login(supervisor)
    letter = f"/reports/{sensitive.local_reference}/letters/acknowledgement/"
    asked = client.get(letter)
    assert asked.status_code == 302 and "/justify/?next=" in asked.url
    back = client.post(asked.url, {"justification": "Writing to the victim"})
    assert back.url == letter
    assert client.get(letter)["Content-Type"] == "application/pdf"
    elsewhere = client.post(
        f"/reports/{sensitive.local_reference}/justify/?next=https://evil.example/",
        {"justification": "x"},
    )
    assert elsewhere.url == f"/reports/{sensitive.local_reference}/"
