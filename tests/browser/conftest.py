"""Headless Chromium (Debian's package) driven by Playwright, with axe-core on every page."""

import json
import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Chromium is not installed: scripts/test installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# The windows journeys are walked in: a desktop, and a phone (an iPhone 13 mini's CSS pixels).
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def _page(browser, settings, viewport):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # bypass_csp lets the test inject axe-core.
    return browser.new_context(bypass_csp=True, viewport=viewport)


@pytest.fixture
def page(browser, settings):
    context = _page(browser, settings, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_and_desktop_page(browser, settings):
    """A journey walked once, on a phone, with every page it checks
    (`assert_fits_the_window`) also looked at in a desktop window: half the time of walking
    it twice. Tests of what differs between the two (the menu) use `any_window_page`."""
    context = _page(browser, settings, PHONE)
    page = context.new_page()
    page.fc_both_windows = True
    yield page
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_window_page(request, browser, settings):
    """A page in a desktop window, then in a phone-sized one: a journey walked in both."""
    context = _page(browser, settings, PHONE if request.param == "phone" else DESKTOP)
    yield context.new_page()
    context.close()


def _sideways(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def assert_fits_the_window(page):
    """The page itself never scrolls sideways (a wide table scrolls inside its own box).

    On a `phone_and_desktop_page` the same page is then looked at in a desktop window too
    (fits, and axe-core clean there as well) before the journey goes on on the phone."""
    overflow = _sideways(page)
    assert overflow <= 0, f"{page.url}: the page scrolls sideways by {overflow}px"
    if getattr(page, "fc_both_windows", False):
        page.set_viewport_size(DESKTOP)
        try:
            overflow = _sideways(page)
            assert overflow <= 0, f"{page.url} (desktop): the page scrolls sideways by {overflow}px"
            assert_accessible(page)
        finally:
            page.set_viewport_size(PHONE)
            # GOV.UK Frontend shows the menu's toggle (and hides the list) from a media-query
            # listener that runs after the resize: wait for it, or the next `go_to` can see
            # the desktop menu, skip the toggle and wait for a link that is about to hide.
            toggle = page.locator(".govuk-service-navigation__toggle")
            if toggle.count():
                toggle.wait_for(state="visible")


def assert_accessible(page):
    """Run axe-core (WCAG 2.2 A and AA rules) on the current page and fail on any violation."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]
    assert not violations, f"{page.url}: {json.dumps(violations, indent=1)}"


def sign_in(page, url: str, username: str) -> None:
    """Sign in as a test persona (password of tests.conftest._person), from a clean session."""
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1")


def go_to(page, label: str) -> None:
    """Follow a place in the menu, opening the menu first where it is collapsed (a phone)."""
    toggle = page.locator(".govuk-service-navigation__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.locator("#navigation").get_by_role("link", name=label, exact=True).click()
