"""An analyst creates an OCG from a series, adds a professional enabler and records the OCG
meeting's decision; the report page names the OCG: on accessible pages (axe-core) that never
scroll sideways, on a phone and a desktop."""

import pytest
from django.utils import timezone

from fraudcase.accounts.enums import HandlingMarking, Role
from fraudcase.intake.importing import import_nfib_package
from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in
from tests.conftest import _person, victim_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_an_analyst_maps_an_ocg_from_a_series(
    live_server, phone_and_desktop_page, vft, write_package
):
    analyst = _person("analyst", Role.ANALYST, HandlingMarking.OFFICIAL_SENSITIVE, vft)
    rows = [
        victim_row(1, suspect_phone="07700 900123", suspect_name="Dave Crook"),
        victim_row(2, suspect_phone="+44 7700 900123", suspect_email="crook@example.com"),
    ]
    import_nfib_package(write_package(rows), user=analyst)
    page = phone_and_desktop_page
    url = live_server.url
    sign_in(page, url, "analyst")
    go_to(page, "Series")
    page.click("main table a:has-text('S-')")
    page.wait_for_selector("[data-ocg-part]")
    check(page)
    page.click("text=Create an OCG from this series")
    page.wait_for_selector("h1:has-text('Record an organised crime group')")
    check(page)
    page.fill("#id_name", "Courier fraud group")
    page.fill("#id_description", "Calls posing as bank staff")
    page.click("button:has-text('Record the OCG')")
    page.wait_for_selector("h1:has-text('Courier fraud group')")
    main = page.inner_text("main")
    assert "Identified" in main and "FC/" in main
    check(page)

    page.click("text=Add a nominal")
    page.wait_for_selector("h1:has-text('Add a nominal')")
    page.fill("#id_name", "Alex Ledger")
    page.check("input[name=role][value=professional_enabler]")
    page.click("button:has-text('Save')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.fill("#id_profession", "Accountant")
    page.click("button:has-text('Save')")
    page.wait_for_selector("[data-nominals]")
    assert "Professional enabler (Accountant)" in page.inner_text("[data-nominals]")

    page.click("text=Record a decision or briefing")
    page.wait_for_selector("h1:has-text('Record a decision or briefing')")
    check(page)
    today = timezone.localdate()
    page.check("input[name=kind][value=meeting_decision]")
    page.fill("#id_on-day", str(today.day))
    page.fill("#id_on-month", str(today.month))
    page.fill("#id_on-year", str(today.year))
    page.fill("#id_text", "Seek takedown of the couriers' telephones")
    page.click("button:has-text('Save')")
    page.wait_for_selector("[data-entries]")
    assert "Seek takedown of the couriers' telephones" in page.inner_text("[data-entries]")
    check(page)

    page.click("main table a:has-text('FC/')")
    page.wait_for_selector("[data-ocgs]")
    assert "Courier fraud group" in page.inner_text("[data-ocgs]")
    check(page)
    go_to(page, "OCGs")
    page.wait_for_selector("h1:has-text('Organised crime groups')")
    check(page)
