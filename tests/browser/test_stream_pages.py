"""An investigator records an EIO and a Banking Protocol call, and finds them in their lists:
on accessible pages (axe-core) that never scroll sideways, on a phone and a desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_an_investigator_records_an_eio_and_a_banking_protocol_call(
    live_server, phone_and_desktop_page, ecu_investigator, ecu
):
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "ecu_investigator")

    go_to(page, "Other demand")
    page.wait_for_selector("h1:has-text('Other demand')")
    check(page)
    page.click("main a:has-text('ILOR and EIO requests')")
    page.wait_for_selector("h1:has-text('ILOR and EIO requests')")
    check(page)
    page.click("a:has-text('Record a request')")
    page.wait_for_selector("h1:has-text('Record an ILOR or EIO request')")
    page.click("button:has-text('Record')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.check("input[name=kind][value=eio]")
    page.select_option("#id_country", "FR")
    page.fill("#id_authority", "Parquet de Paris")
    page.fill("#id_their_reference", "PDP-2026-114")
    today = timezone.localdate()
    page.fill("#id_received_on-day", str(today.day))
    page.fill("#id_received_on-month", str(today.month))
    page.fill("#id_received_on-year", str(today.year))
    page.select_option("#id_team", label=ecu.name)
    page.click("button:has-text('Record')")
    page.wait_for_selector("h1:has-text('EIO-')")
    assert "France" in page.inner_text("main")
    check(page)
    page.click("a.govuk-back-link")
    page.wait_for_selector("h1:has-text('ILOR and EIO requests')")
    assert "PDP-2026-114" in page.inner_text("main")
    check(page)

    go_to(page, "Other demand")
    page.click("main a:has-text('Banking Protocol incidents')")
    page.wait_for_selector("h1:has-text('Banking Protocol incidents')")
    check(page)
    page.click("a:has-text('Record an incident')")
    page.wait_for_selector("h1:has-text('Record a Banking Protocol incident')")
    called = timezone.localtime() - timedelta(hours=2)
    page.fill("#id_bank_name", "Castle Bank")
    page.fill("#id_branch_name", "Loughborough")
    page.fill("#id_called_at", called.strftime("%Y-%m-%dT%H:%M"))
    page.check("#id_attended")
    page.click("button:has-text('Record')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.fill("#id_attended_at", (called + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=results][value=arrest]")
    page.click("button:has-text('Record')")
    page.wait_for_selector("h1:has-text('BP-')")
    check(page)
    page.click("a.govuk-back-link")
    page.wait_for_selector("h1:has-text('Banking Protocol incidents')")
    assert "Loughborough" in page.inner_text("main")
    assert "100%" in page.inner_text("[data-bp-summary]")
    check(page)
