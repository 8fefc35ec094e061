"""An assessor records a suspect and a witness on a call for service, on accessible pages
(axe-core) that never scroll sideways, on a phone and a desktop (issue 15 item 1)."""

import pytest

from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.conftest import call_for_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_officer_adds_a_suspect_and_a_witness_to_a_call_for_service(
    live_server, phone_and_desktop_page, assessor
):
    report = call_for_service(assessor).report
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "assessor")
    page.goto(f"{url}/reports/{report.local_reference}/")
    page.click("a:has-text('People and things on this report')")
    page.wait_for_selector("h1:has-text('People and things')")
    check(page)

    page.click("a:has-text('Add a suspect')")
    page.wait_for_selector("h1:has-text('Record a person or thing')")
    page.fill("#id_phone", "not a number")
    page.click("button:has-text('Save')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.check("input[name=kind][value=person]")
    page.select_option("#id_role", "suspect")
    page.fill("#id_name", "Dan Crook")
    page.fill("#id_phone", "07700 900123")
    page.fill("#id_email", "dan@example.com")
    page.fill("#id_reason", "The caller named him and gave his number")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#people td:has-text('Dan Crook')")
    check(page)

    page.click("a:has-text('Add a witness')")
    page.wait_for_selector("h1:has-text('Record a person or thing')")
    page.fill("#id_name", "Ada Neighbour")
    page.fill("#id_details", "Saw the courier arrive")
    page.fill("#id_reason", "Named by the caller")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#people td:has-text('Ada Neighbour')")
    assert "Witness" in page.inner_text("#people")
    check(page)

    # The suspect is the report's, searched like one from a package.
    page.goto(f"{url}/reports/?q=07700900123")
    page.wait_for_selector(f"a:has-text('{report.local_reference}')")
