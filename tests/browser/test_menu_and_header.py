"""The header and the role's menu in a real browser: one line on a desktop, behind a Menu
button on a phone, the account on the right, and axe-core clean both ways."""

import pytest

from tests.browser.conftest import PHONE, assert_accessible, assert_fits_the_window, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The assessor's menu is the longest (eight places); the supervisor's is the next.
ROLES = ["assessor", "supervisor"]


def _tops(page, selector: str) -> set[int]:
    return set(
        page.eval_on_selector_all(
            selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
        )
    )


@pytest.mark.parametrize("who", ROLES)
def test_the_menu_and_the_account_fit_the_window_and_pass_axe(
    live_server, any_window_page, who, assessor, supervisor
):
    page = any_window_page
    sign_in(page, live_server.url, who)
    phone = page.viewport_size == PHONE
    toggle = page.locator(".govuk-service-navigation__toggle")
    if phone:
        # The menu collapses behind the component's button, and opens with it.
        assert toggle.is_visible()
        assert not page.locator("#navigation").is_visible()
        assert_fits_the_window(page)
        assert_accessible(page)
        toggle.click()
        assert page.locator("#navigation").is_visible()
        assert toggle.get_attribute("aria-expanded") == "true"
    else:
        assert not toggle.is_visible()
        # Every place on one line, and the account on the right of the header, on one line too.
        assert len(_tops(page, ".govuk-service-navigation__item")) == 1
        assert len(_tops(page, ".fc-account__item")) == 1
        logo = page.locator(".govuk-generic-header__logo").bounding_box()
        account = page.locator(".fc-account").bounding_box()
        assert account["x"] > logo["x"] + logo["width"]
    assert page.locator(".fc-account").get_by_text("Sign out").is_visible()
    assert_fits_the_window(page)
    assert_accessible(page)
    page.locator(".govuk-service-navigation__link", has_text="Find a report").click()
    page.wait_for_selector("h1")
    current = page.locator('.govuk-service-navigation__link[aria-current="page"]')
    assert current.inner_text().strip() == "Find a report"
    assert_fits_the_window(page)
    assert_accessible(page)


def test_signing_out_from_the_header(live_server, page, fvo):
    sign_in(page, live_server.url, "fvo")
    page.locator(".fc-account").get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
