"""The financial intelligence officer records a SAR asking for consent, gives the reason asked
before seeing it, refuses consent, and finds it in the SAR list: on accessible pages
(axe-core) that never scroll sideways, on a phone and a desktop."""

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in
from tests.conftest import _person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def give_reason(page, reason):
    page.wait_for_selector("h1:has-text('Reason for seeing')")
    check(page)
    page.fill("#id_justification", reason)
    page.click("button:has-text('Continue')")


def test_a_financial_intelligence_officer_records_and_decides_a_sar(
    live_server, phone_and_desktop_page, ecu
):
    for username, role in (("finint", Role.FINANCIAL_INTELLIGENCE), ("named", Role.INVESTIGATOR)):
        _person(username, role, HandlingMarking.OFFICIAL_SENSITIVE, ecu)
    page = phone_and_desktop_page
    sign_in(page, live_server.url, "finint")

    go_to(page, "SARs")
    give_reason(page, "Monthly review of the register")
    page.wait_for_selector("h1:has-text('Suspicious Activity Reports')")
    check(page)
    page.click("a:has-text('Record a SAR')")
    page.wait_for_selector("h1:has-text('Record a SAR')")
    page.click("button:has-text('Record')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    today = timezone.localdate()
    page.fill("#id_ukfiu_reference", "2026-0004711")
    page.fill("#id_disclosed_on-day", str(today.day))
    page.fill("#id_disclosed_on-month", str(today.month))
    page.fill("#id_disclosed_on-year", str(today.year))
    page.fill("#id_reporting_institution", "Castle Bank plc")
    page.fill("#id_subjects", "Marcus Hale")
    page.fill("#id_reason", "Rapid movement of funds through a new account")
    page.check("#id_daml")
    page.fill("#id_named_users", "named")
    page.click("button:has-text('Record')")
    give_reason(page, "Deciding the consent request")
    page.wait_for_selector("h1:has-text('SAR 2026-0004711')")
    assert "Notice period running" in page.inner_text("main")
    check(page)
    page.check("input[name='decide-decision'][value=refuse]")
    page.fill("#id_decide-reason", "Restraint order to be sought")
    page.click("button:has-text('Record the decision')")
    page.wait_for_selector("text=Refused: moratorium running")
    check(page)
    page.click("a.govuk-back-link")
    page.wait_for_selector("h1:has-text('Suspicious Activity Reports')")
    assert "2026-0004711" in page.inner_text("main")
    check(page)
