"""The assessor's day: a report from the queue, assessed section by section with a draft kept
over a sign-out, answers checked, then sent for the supervisor's decision; on a phone and on a
desktop, each page accessible and never scrolling sideways."""

import pytest

from fraudcase.triage.forms import SECTIONS
from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in
from tests.conftest import ALBERT
from tests.triage.test_assess_a_report import ANSWERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def looked_at(page):
    assert_accessible(page)
    assert_fits_the_window(page)


def answer_section(page, section: str) -> None:
    """Answer one section of the task list (its page open) as a typical courier fraud."""
    if section == "report":
        page.check("input[name='hocr_compliant'][value='yes']")
        page.fill("#id_full_account", "Caller claimed to be police; courier collected cash")
    elif section == "victim":
        page.check("#id_enhanced_service")
        page.fill("#id_thrive_threat", "Low")
    elif section == "matrix":
        for name, value in ANSWERS.items():
            page.check(f"input[name='{name}'][value='{value}']")
    elif section == "reasoning":
        page.fill("#id_ndm_rationale", "Courier fraud against an elderly victim; suspect seen")
        for i in range(3):
            page.check(f"input[name='proportionality_{i}'][value='yes']")
    elif section == "recommendation":
        page.check("input[name='recommendation'][value='allocate']")


SECTION_TITLES = SECTIONS


def complete_section(page, section: str, check=lambda page: None) -> None:
    """On the section's page: answer it and *Save and continue*, which goes on to the next
    section still to do (or to checking the answers after the last)."""
    page.wait_for_url(f"**/assess/{section}/")
    check(page)
    answer_section(page, section)
    page.click("button:has-text('Save and continue')")
    page.wait_for_load_state()


def assess_on_the_task_list(page, check=lambda page: None) -> None:
    """From the report page: the first section, each on to the next, check your answers, send."""
    page.click("a.govuk-button:has-text('ssess')")
    page.wait_for_selector("h1:has-text('Assessment')")
    page.click(f'a.govuk-task-list__link:has-text("{SECTION_TITLES["report"]}")')
    for section in SECTION_TITLES:
        complete_section(page, section, check)
    page.wait_for_selector("h1:has-text('Check your answers')")
    check(page)
    page.click("button:has-text('Send the assessment')")
    page.wait_for_selector("text=Assessment saved")


def test_the_assessor_assesses_a_report_in_sections_with_a_draft_kept(
    live_server, phone_and_desktop_page, assessor, example_package
):
    from fraudcase.intake.importing import import_nfib_package
    from fraudcase.reports.models import Report

    import_nfib_package(example_package, user=assessor)
    ref = Report.objects.get(nfrc_numbers__number=ALBERT).local_reference
    page, url = phone_and_desktop_page, live_server.url
    sign_in(page, url, "assessor")

    # From the queue to the report, then its task list.
    page.goto(f"{url}/triage/queue/")
    looked_at(page)
    page.click(f"a:has-text('{ref}')")
    page.wait_for_selector(f"h1:has-text('{ref}')")
    page.click("a.govuk-button:has-text('Assess this report')")
    page.wait_for_selector("h1:has-text('Assessment')")
    looked_at(page)
    assert page.locator(".govuk-task-list__status").first.inner_text() == "Not yet started"

    # An answer left out is named, and its link leads to the first radio.
    page.click(f'a.govuk-task-list__link:has-text("{SECTION_TITLES["reasoning"]}")')
    page.click("button:has-text('Save and continue')")
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    looked_at(page)
    link = page.locator("a:has-text('Select yes or no: is the offence solvable')")
    assert link.get_attribute("href") == "#id_proportionality_0_0"
    page.click("a:has-text('Back to the assessment')")

    # One section completed, with the report's facts beside the questions: on to the next
    # section still to do; then leave.
    page.click(f'a.govuk-task-list__link:has-text("{SECTION_TITLES["report"]}")')
    complete_section(page, "report", looked_at)
    page.wait_for_url("**/assess/victim/")
    assert "completed" in page.inner_text(".govuk-notification-banner")
    page.click("button:has-text('Sign out')")

    # Back later: the draft is there, shown on the report page and the task list.
    sign_in(page, url, "assessor")
    page.goto(f"{url}/triage/queue/")
    page.click(f"a:has-text('{ref}')")
    page.wait_for_selector("a.govuk-button:has-text('Continue the assessment')")
    page.click("a.govuk-button:has-text('Continue the assessment')")
    page.wait_for_selector("h1:has-text('Assessment')")
    assert page.inner_text("#task-report-status").strip() == "Completed"
    assert page.inner_text("#task-reasoning-status").strip() == "In progress"
    page.click(f'a.govuk-task-list__link:has-text("{SECTION_TITLES["report"]}")')
    assert page.input_value("#id_full_account").startswith("Caller claimed to be police")
    page.click("a:has-text('Back to the assessment')")

    # The rest, each on to the next, then check and send.
    page.click(f'a.govuk-task-list__link:has-text("{SECTION_TITLES["victim"]}")')
    for section in ("victim", "matrix", "facts", "reasoning", "recommendation"):
        complete_section(page, section, looked_at)
    page.wait_for_selector("h1:has-text('Check your answers')")
    looked_at(page)
    assert page.locator("a:has-text('Change')").count() > 20
    page.click("button:has-text('Send the assessment')")
    page.wait_for_selector("text=Assessment saved")
    looked_at(page)  # the report page, with the assessment read-only
    assert "Tier 4" in page.inner_text(".fc-assessment-answers")
