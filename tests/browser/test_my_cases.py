"""An investigator's work first: a new allocation on the home page, My cases, the case; in a
phone-sized and a desktop window, on accessible pages that never scroll sideways."""

import pytest

from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.cases.conftest import allocated, awaiting_allocation  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_an_investigator_finds_a_new_allocation_and_opens_the_case(
    live_server,
    phone_and_desktop_page,
    allocated,  # noqa: F811
):
    page = phone_and_desktop_page
    ref = allocated.local_reference
    sign_in(page, live_server.url, "vft_investigator")
    assert "1 allocated to you in the last 7 days" in page.inner_text("main")
    assert ref in page.inner_text("[data-new-allocations]")
    check(page)
    page.click("main a:has-text('See all my cases')")
    page.wait_for_selector("h1:has-text('My cases')")
    assert "Showing 1 to 1 of 1" in page.inner_text("main")
    check(page)
    page.click(f"table a:has-text('{ref}')")
    page.wait_for_selector(f"h1:has-text('{ref}')")
    check(page)
