"""The cyber team works its list and records a first contact; the FVO finds the victim-support-
only referrals from the workbench: accessible pages that never scroll sideways, on a phone and
a desktop."""

import pytest

from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.conftest import victim_row
from tests.streams.conftest import bring_in, cyber_officer, cyber_team  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_cyber_team_records_a_first_contact(
    live_server,
    phone_and_desktop_page,
    write_package,
    cyber_officer,  # noqa: F811
):
    rows = [victim_row(1, fraud_type="NFIB52C"), victim_row(2, crime_in_action="Y")]
    hacked, live = bring_in(write_package, rows)
    page = phone_and_desktop_page
    sign_in(page, live_server.url, "cyber")
    page.goto(f"{live_server.url}/streams/cyber/")
    page.wait_for_selector("h1:has-text('Cyber crime unit')")
    assert hacked.local_reference in page.inner_text("main")
    assert "Crime in action" in page.inner_text("main")
    check(page)
    page.goto(f"{live_server.url}/streams/contact/{live.local_reference}/")
    page.click("button:has-text('Record contact')")  # nothing chosen: the error summary
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.check("input[name=method][value=phone]")
    page.fill("textarea[name=summary]", "Called at once; the account is locked down.")
    page.click("button:has-text('Record contact')")
    page.wait_for_selector("h1:has-text('Cyber crime unit')")
    assert "First contact recorded" in page.inner_text("main")
    page.click("a:has-text('Contacted')")
    page.wait_for_selector(f"td:has-text('{live.local_reference}')")
    check(page)


def test_the_fvo_finds_the_victim_support_referrals(live_server, page, write_package, fvo):
    (support,) = bring_in(write_package, [victim_row(1, referral_type="Victim support only")])
    sign_in(page, live_server.url, "fvo")
    page.goto(f"{live_server.url}/vulnerability/")
    page.click("a:has-text('Victim-support-only referrals')")
    page.wait_for_selector("h1:has-text('Victim support referrals')")
    assert support.local_reference in page.inner_text("main")
    assert "Due today" in page.inner_text("main") or "Victim support only" in page.inner_text(
        "main"
    )
    check(page)
