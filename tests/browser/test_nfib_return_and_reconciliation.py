"""The VFT supervisor's month end: the NFIB returns from the menu, October's return, marked as
sent, then the reconciliation of every NFRC number; accessible pages in a phone-sized and a
desktop window."""

import pytest

from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in
from tests.returns.conftest import london, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_supervisor_sends_octobers_return_and_reconciles(
    live_server, phone_and_desktop_page, supervisor
):
    report("NFRC260000000901", outcome=1, finalised=london(2026, 10, 3, 12))
    report("NFRC260000000902", outcome=20, finalised=london(2026, 10, 9, 12))
    report("NFRC260000000903", status="assessed")
    page = phone_and_desktop_page
    sign_in(page, live_server.url, "supervisor")
    go_to(page, "NFIB returns")
    page.wait_for_selector("h1:has-text('Monthly NFIB returns')")
    check(page)
    page.click("table a:has-text('October 2026')")
    page.wait_for_selector("h1:has-text('October 2026')")
    assert "NFRC260000000901" in page.inner_text("main")
    check(page)
    page.click("button:has-text('Mark as sent')")
    page.wait_for_selector("[data-sha256]")
    check(page)
    page.click(".govuk-breadcrumbs a:has-text('Monthly NFIB returns')")
    page.click("main a:has-text('Reconciliation of every NFRC number')")
    page.wait_for_selector("h1:has-text('Reconciliation of NFRC numbers')")
    assert page.inner_text("[data-state='returned']") == "2"
    assert page.inner_text("[data-state='open']") == "1"
    check(page)
