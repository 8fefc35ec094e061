"""The FVO's month, in a phone-sized and a desktop window: upload the victim list, filter to the
victims not yet actioned, decide and assign a selection in bulk, record a result; every page
accessible (axe-core) and never wider than the window."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def test_the_fvo_uploads_filters_assigns_in_bulk_and_records_a_result(
    live_server, phone_and_desktop_page, fvo, pcso
):
    page = phone_and_desktop_page
    sign_in(page, live_server.url, "fvo")
    page.goto(f"{live_server.url}/vulnerability/")
    check(page)
    page.set_input_files("#id_file", str(EXAMPLES / "victim-list-example.csv"))
    page.click("button:has-text('Upload and segment')")
    page.wait_for_selector("text=8 victims added")
    check(page)
    page.click("a.govuk-button:has-text('Open the list')")
    page.wait_for_selector("text=Showing 1 to 1 of 1")
    check(page)

    # Not yet actioned: the VS4 victim; choose every victim on the page, decide, assign to me.
    page.click("a.moj-sub-navigation__link:has-text('Not yet actioned')")
    page.wait_for_selector("a[aria-current=page]:has-text('Not yet actioned (1)')")
    check(page)
    page.check("#select-all")
    assert page.is_checked("tbody input[name=entries]")
    page.check("input[name=response][value=visit_fvo]")
    assert page.input_value("#id_assignee_id") == str(fvo.pk)  # "Assign to" starts at me
    page.click("button:has-text('Decide for chosen victims')")
    page.wait_for_selector("text=1 victim decided and sent to the officer's queue.")
    assert "Showing 0 results" in page.inner_text("main")  # none left to action
    check(page)
    page.click("a.moj-sub-navigation__link:has-text('Task sent')")
    page.wait_for_selector("strong.govuk-tag:has-text('Task sent')")
    check(page)

    # The visit made, the result is recorded from the officer's queue.
    page.goto(f"{live_server.url}/vulnerability/tasks/")
    page.wait_for_selector("text=Showing 1 to 1 of 1")
    check(page)
    page.click("a:has-text('Winifred Shaw')")
    page.wait_for_selector("h1:has-text('Winifred Shaw')")
    page.click("summary:has-text('Record the result')")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.fill("input[name$=done_on-day]", str(yesterday.day))
    page.fill("input[name$=done_on-month]", str(yesterday.month))
    page.fill("input[name$=done_on-year]", str(yesterday.year))
    page.fill("textarea[name$=result]", "Visited with Protect advice")
    page.click("button:has-text('Save result')")
    page.wait_for_selector("text=Result recorded")
    check(page)
    page.goto(f"{live_server.url}/vulnerability/log/")
    page.wait_for_selector("text=Showing 1 to 1 of 1")
    check(page)
