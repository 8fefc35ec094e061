"""The officer in the case keeps the investigation file: logs a decision, supersedes it, prints
the log, plans actions, records an exhibit and moves it, on accessible pages (axe-core) that
never scroll sideways, on a phone and a desktop (issue 15)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import walk
from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.scale import more_reports

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_officer_logs_and_supersedes_a_decision(
    live_server, phone_and_desktop_page, assessor, supervisor, vft_investigator, vft
):
    more_reports(2, seed=171)
    report = walk.allocate(assessor, supervisor, vft_investigator, vft, 1)[0]
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "vft_investigator")
    page.goto(f"{url}/reports/{report.local_reference}/")
    page.click("a:has-text('Decision log')")
    page.wait_for_selector("h1:has-text('Decision log')")
    check(page)

    page.click("a:has-text('Record a decision')")
    page.wait_for_selector("h1:has-text('Record a decision')")
    page.click("button:has-text('Sign and record')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.fill("#id_decision", "Arrest the courier at his home address")
    page.fill("#id_reasons", "Identified from CCTV; likely to dispose of the cash")
    page.fill("#id_options", "Voluntary interview: rejected, he would be warned")
    page.check("#id_signed")
    page.click("button:has-text('Sign and record')")
    page.wait_for_selector("h2:has-text('Decision D1')")
    assert "signature matches" in page.inner_text("main")
    check(page)

    page.click("a:has-text('Supersede')")
    page.wait_for_selector("h1:has-text('Record a decision')")
    assert page.input_value("#id_supersedes") == "1"
    page.fill("#id_decision", "Invite him to a voluntary interview")
    page.fill("#id_reasons", "He has come forward through a solicitor")
    page.fill("#id_options", "Arrest: no longer necessary")
    page.check("#id_signed")
    page.click("button:has-text('Sign and record')")
    page.wait_for_selector("h2:has-text('Decision D2')")
    assert "Superseded by D2" in page.inner_text("main")
    check(page)

    page.click("a:has-text('Printable decision log')")
    page.wait_for_selector("h1:has-text('Decision log')")
    assert "Printed" in page.inner_text("main")
    check(page)


def test_the_officer_plans_actions_and_records_an_exhibit_and_moves_it(
    live_server, phone_and_desktop_page, assessor, supervisor, vft_investigator, vft
):
    more_reports(2, seed=172)
    report = walk.allocate(assessor, supervisor, vft_investigator, vft, 1)[0]
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "vft_investigator")
    page.goto(f"{url}/reports/{report.local_reference}/")
    page.click("a:has-text('Investigation plan')")
    page.wait_for_selector("h1:has-text('Investigation plan')")
    check(page)
    page.click("button:has-text('Start the plan')")
    page.wait_for_selector("h2:has-text('Identification and location of suspects')")
    check(page)
    page.click("button:has-text('Add the action')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    today = timezone.localdate()
    page.select_option("#id_action-line", "2")
    page.fill("#id_action-text", "Credit check on the account holder")
    page.fill("#id_action-due-day", str(today.day))
    page.fill("#id_action-due-month", str(today.month))
    page.fill("#id_action-due-year", str(today.year))
    page.click("button:has-text('Add the action')")
    page.wait_for_selector("text=Credit check on the account holder")
    assert "Due today" in page.inner_text("main")
    check(page)
    page.click("summary:has-text('Record the result')")
    page.locator("textarea[name=result-result]").first.fill("Address confirmed")
    page.locator("button:has-text('Record the result')").first.click()
    page.wait_for_selector("text=Address confirmed")
    check(page)

    page.goto(f"{url}/reports/{report.local_reference}/")
    page.click("a:has-text('Exhibits')")
    page.wait_for_selector("h1:has-text('Exhibits')")
    check(page)
    page.click("a:has-text('Record an exhibit')")
    page.wait_for_selector("h1:has-text('Record an exhibit')")
    page.click("button:has-text('Record the exhibit')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    seized = timezone.localtime() - timedelta(hours=5)
    page.fill("#id_description", "Mobile phone, black")
    page.fill("#id_seized_from", "The courier")
    page.fill("#id_seized_where", "12 High Street, Leicester")
    page.fill("#id_seized_at", seized.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_seal_number", "LP123456")
    page.fill("#id_storage_location", "Property store")
    page.set_input_files(
        "#id_upload", files=[{"name": "download.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("button:has-text('Record the exhibit')")
    page.wait_for_selector("h1:has-text('Exhibit VI/1')")
    assert "SHA-256" in page.inner_text("main")
    check(page)
    page.fill("#id_move-held_by", "Forensic laboratory")
    page.fill("#id_move-at", (seized + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_move-reason", "Download of the handset")
    page.click("button:has-text('Record the movement')")
    page.wait_for_selector("td:has-text('Forensic laboratory')")
    assert "unbroken" in page.inner_text("main")
    check(page)
    page.fill("#id_move-held_by", "Court")
    page.fill("#id_move-at", (seized - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_move-reason", "Trial")
    page.click("button:has-text('Record the movement')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.click("a.govuk-back-link")
    page.wait_for_selector("h1:has-text('Exhibits')")
    assert "Forensic laboratory" in page.inner_text("main")
    check(page)
