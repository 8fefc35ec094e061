"""An investigator opens the series list, a series with its network, and the report page that
names it; an administrator reviews an over-connected identifier: on accessible pages
(axe-core) that never scroll sideways, on a phone and a desktop."""

import pytest
from django.test import override_settings

from fraudcase.intake.importing import import_nfib_package
from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in
from tests.conftest import victim_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


@override_settings(FRAUDCASE_LINKING_CAP=3)
def test_an_investigator_reads_a_series_and_its_network(
    live_server, phone_and_desktop_page, ecu_investigator, administrator, write_package
):
    rows = [
        victim_row(1, suspect_phone="07700 900123", suspect_name="Dave Crook"),
        victim_row(2, suspect_phone="+44 7700 900123", suspect_email="Crook@Example.com"),
        victim_row(3, suspect_email="crook@example.com", suspect_website="www.crook-shop.co.uk"),
        *[victim_row(n, suspect_phone="020 7946 0018") for n in range(4, 8)],
    ]
    import_nfib_package(write_package(rows), user=ecu_investigator)
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "ecu_investigator")
    go_to(page, "Series")
    page.wait_for_selector("h1:has-text('Series')")
    check(page)
    page.click("main table a:has-text('S-')")
    page.wait_for_selector("h1:has-text('S-')")
    main = page.inner_text("main")
    assert "Dave Crook" in main and "+447700900123" in main and "crook@example.com" in main
    assert page.locator("svg[role=img] title").count() == 1
    check(page)
    page.click("main table a:has-text('FC/')")
    page.wait_for_selector("[data-series]")
    check(page)

    page.context.clear_cookies()
    sign_in(page, url, "administrator")
    page.goto(f"{url}/series/over-connected/")
    page.wait_for_selector("h1:has-text('Over-connected identifiers')")
    assert "+442079460018" in page.inner_text("main")
    check(page)
    page.click("button:has-text('Allow')")
    page.wait_for_selector(".govuk-notification-banner, h1:has-text('Over-connected')")
    assert "Allowed to join" in page.inner_text("main")
    check(page)
