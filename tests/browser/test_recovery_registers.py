"""The financial intelligence officer records a cash seizure and a confiscation order for an
accredited investigator, then records a payment: on accessible pages (axe-core) that never
scroll sideways, on a phone and a desktop."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.intake.importing import import_nfib_package
from fraudcase.recovery import services
from fraudcase.reports.models import Report
from tests.browser.conftest import assert_accessible, assert_fits_the_window, go_to, sign_in
from tests.conftest import _person, victim_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def fill_date(page, name, day):
    page.fill(f"#id_{name}-day", str(day.day))
    page.fill(f"#id_{name}-month", str(day.month))
    page.fill(f"#id_{name}-year", str(day.year))


def test_record_a_cash_seizure_and_a_confiscation_order(
    live_server, phone_and_desktop_page, ecu, write_package, supervisor
):
    finint = _person("finint", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL_SENSITIVE, ecu)
    fi = _person("fi", Role.INVESTIGATOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu)
    today = timezone.localdate()
    for kind in ("cash_seizure", "confiscation"):
        services.record_accreditation(
            finint, officer=fi, kind=kind, awarded_on=today - timedelta(days=300), expires_on=None
        )
    import_nfib_package(write_package([victim_row(1)]), user=supervisor)
    ref = Report.objects.get().local_reference
    page = phone_and_desktop_page
    sign_in(page, live_server.url, "finint")

    go_to(page, "Asset recovery")
    page.wait_for_selector("h1:has-text('Asset recovery')")
    check(page)
    page.click("a:has-text('Cash seizures')")
    page.wait_for_selector("h1:has-text('Cash seizures')")
    check(page)
    page.click("a:has-text('Record an entry')")
    page.wait_for_selector("h1:has-text('Record: Cash seizure')")
    page.click("button:has-text('Save')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.fill("#id_report", ref)
    page.fill("#id_subject", "Sam Runner")
    page.select_option("#id_officer", str(fi.pk))
    fill_date(page, "seized_on", today)
    page.fill("#id_amount_gbp", "14250.00")
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Cash seizures: entry')")
    assert "Initial 48 hours of detention end" in page.inner_text("main")
    check(page)

    page.goto(f"{live_server.url}/recovery/registers/confiscation/new/")
    page.wait_for_selector("h1:has-text('Record: Confiscation order')")
    page.fill("#id_report", ref)
    page.fill("#id_subject", "Daniel Crook")
    page.select_option("#id_officer", str(fi.pk))
    page.select_option("#id_status", "granted")
    page.fill("#id_benefit_gbp", "86000")
    page.fill("#id_available_gbp", "31500")
    fill_date(page, "applied_on", today - timedelta(days=60))
    fill_date(page, "granted_on", today)
    page.fill("#id_order_gbp", "31500")
    fill_date(page, "pay_by", today + timedelta(days=60))
    page.fill("#id_compensation_gbp", "12000")
    page.fill("#id_court", "Leicester Crown Court")
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Confiscation orders: entry')")
    assert "Time to pay ends" in page.inner_text("main")
    check(page)
    page.select_option("#id_kind", "payment")
    fill_date(page, "on", today)
    page.fill("#id_amount", "5000")
    page.click("button:has-text('Record')")
    page.wait_for_selector("text=£26,500.00")
    check(page)
