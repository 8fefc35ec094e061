"""The officer in the case keeps the investigation file: logs a decision, supersedes it, and
prints the log, on accessible pages (axe-core) that never scroll sideways, on a phone and a
desktop (issue 15)."""

import pytest

from tests import walk
from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.scale import more_reports

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
