"""The API documentation works in a real browser under the pages' Content Security Policy."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_with_the_csp_and_breaks_none_of_it(
    live_server, browser, assessor, settings
):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context()  # CSP enforced, unlike the `page` fixture's context
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "assessor")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() > 10
    assert not violations, violations
    context.close()


def test_the_account_pages_are_accessible(live_server, page, assessor):
    sign_in(page, live_server.url, "assessor")
    page.click("a:has-text('API tokens')")
    page.fill("#id_name", "CRM sync")
    page.click("button:has-text('Create token')")
    page.wait_for_selector("#new-token")
    assert_accessible(page)
    page.click("a:has-text('Change password')")
    page.wait_for_selector("h1:has-text('Change your password')")
    assert_accessible(page)
