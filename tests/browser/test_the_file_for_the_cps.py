"""The officer in the case schedules unused material, withdraws an item (it keeps its
number), certifies the MG6E, records a charging decision and downloads the case file for the
CPS, on accessible pages (axe-core) that never scroll sideways, on a phone and a desktop
(issue 15 items 6-8)."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from fraudcase.reports.models import Suspect
from tests import walk
from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.scale import more_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_officer_schedules_unused_material_and_generates_the_bundle(
    live_server, phone_and_desktop_page, assessor, supervisor, vft_investigator, vft
):
    more_reports(2, seed=173)
    report = walk.allocate(assessor, supervisor, vft_investigator, vft, 1)[0]
    if not report.suspects.exists():
        Suspect.objects.create(report=report, name="John Courier", name_key="john courier")
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "vft_investigator")
    page.goto(f"{url}/reports/{report.local_reference}/")
    page.click("a:has-text('Unused material (MG6C)')")
    page.wait_for_selector("h1:has-text('MG6C')")
    check(page)
    page.click("button:has-text('Add the item')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    for text, decision in (
        ("CCTV from the bank branch", "#id_decision_0"),
        ("Notebook", "#id_decision_2"),
    ):
        page.fill("#id_description", text)
        page.fill("#id_location", "Property store")
        page.check(decision)
        page.click("button:has-text('Add the item')")
        page.wait_for_selector(f"td:has-text('{text}')")
    check(page)
    page.click("#item-1 a")
    page.wait_for_selector("h1:has-text('Item 1')")
    check(page)
    page.fill("#id_withdraw-reason", "Duplicate of item 2")
    page.click("button:has-text('Withdraw item 1')")
    page.wait_for_selector("#item-1 .govuk-tag:has-text('Withdrawn')")
    assert "Duplicate of item 2" in page.inner_text("#item-1")
    check(page)
    page.click("a:has-text('Printable schedule')")
    page.wait_for_selector("h1:has-text('MG6C')")
    check(page)

    page.goto(f"{url}/reports/{report.local_reference}/case-file/disclosure/mg6e/")
    page.check("#id_certified")
    page.click("button:has-text('Certify')")
    page.wait_for_selector("text=(current)")
    check(page)

    page.goto(f"{url}/reports/{report.local_reference}/case-file/charging/")
    page.wait_for_selector("h1:has-text('Charging and court')")
    check(page)
    today = timezone.localdate()
    page.select_option("#id_request-suspect", index=1)
    page.check("#id_request-decision_maker_1")
    page.fill("#id_request-requested_on-day", str(today.day))
    page.fill("#id_request-requested_on-month", str(today.month))
    page.fill("#id_request-requested_on-year", str(today.year))
    page.click("button:has-text('Record the request')")
    page.wait_for_selector("text=Awaited")
    page.click("a:has-text('Record the decision')")
    page.wait_for_selector("h1:has-text('Record a charging decision')")
    check(page)
    page.select_option("#id_decision", "charge")
    page.fill("#id_decided_on-day", str(today.day))
    page.fill("#id_decided_on-month", str(today.month))
    page.fill("#id_decided_on-year", str(today.year))
    page.click("button:has-text('Record the decision')")
    page.wait_for_selector("[data-suggested]")
    assert "Charged/summonsed" in page.inner_text("[data-suggested]")
    check(page)

    page.goto(f"{url}/reports/{report.local_reference}/")
    with page.expect_download() as download:
        page.click("a:has-text('Download the case file for the CPS')")
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "CCTV from the bank branch" in text and "Item 1 [WITHDRAWN" in text
    assert "Notebook" in text and "Charge on" in text
