"""One report from import to a Home Office outcome, by the people who do each step, on
accessible pages: assessor, VFT supervisor (decision, allocation), investigator (case work,
outcome, letter)."""

import pytest

from tests.browser.conftest import assert_accessible, go_to, sign_in
from tests.browser.test_assessor_task_list import assess_on_the_task_list
from tests.conftest import _person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_report_from_import_to_outcome(
    live_server, page, assessor, supervisor, vft, example_package
):
    from fraudcase.accounts.models import HandlingMarking, Role

    _person("vft_investigator", Role.INVESTIGATOR, HandlingMarking.OFFICIAL, vft, experience="pip1")
    url = live_server.url
    sign_in(page, url, "assessor")
    page.goto(f"{url}/imports/nfib-package/")
    page.set_input_files("#id_file", str(example_package))
    page.click("button:has-text('Import package')")
    page.wait_for_selector("h1:has-text('Package imported')")

    # The assessor assesses Albert Finch's report.
    page.goto(f"{url}/reports/?q=NFRC261010000004")
    page.click("table tbody a.govuk-link")
    ref = page.inner_text("h1")
    assess_on_the_task_list(page, assert_accessible)  # the Appendix D checkboxes and hints
    page.wait_for_selector("text=Assessment saved")
    assert_accessible(page)

    # The supervisor decides to allocate, then allocates from the board.
    sign_in(page, url, "supervisor")
    page.goto(f"{url}/reports/{ref}/")
    assert_accessible(page)  # the decision form, with the choice of tier
    page.check("input[name='decision'][value='allocate']")
    page.click("button:has-text('Record decision')")
    page.wait_for_selector("text=Decision recorded")
    assert_accessible(page)
    go_to(page, "Allocation")
    page.wait_for_selector("h1:has-text('Allocation board')")
    assert_accessible(page)
    page.click("a:has-text('Allocate')  >> nth=0")
    page.wait_for_selector("h1:has-text('Allocate')")
    assert_accessible(page)
    page.check("input[name='investigator'] >> nth=0")
    page.select_option("#id_team", label="Volume Fraud Team (Volume Fraud Team)")
    page.click("button:has-text('Allocate')")
    page.wait_for_selector("text=Allocated.")
    assert_accessible(page)

    # The investigator works the case and records the outcome.
    sign_in(page, url, "vft_investigator")
    page.goto(f"{url}/reports/{ref}/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_accessible(page)  # every case form open: tasks, disruption, updates, evidence
    page.reload()
    page.click("summary:has-text('Record a victim update')")
    page.select_option("#id_update-method", "telephone")
    page.fill("#id_update-summary", "Told Mr Finch the courier has been identified")
    page.click("button:has-text('Record update')")
    page.wait_for_selector("text=Saved on the case")
    go_to(page, "Deadlines")
    page.wait_for_selector("h1:has-text('Deadlines')")
    assert_accessible(page)
    page.goto(f"{url}/reports/{ref}/")
    page.click("a.govuk-button:has-text('Record the outcome')")
    page.wait_for_selector("h1:has-text('Record the outcome')")
    assert_accessible(page)
    page.click("button:has-text('Record outcome and finalise')")
    page.wait_for_selector(".govuk-error-summary")  # no outcome chosen
    assert_accessible(page)
    page.select_option("#id_outcome", "1")
    page.click("button:has-text('Record outcome and finalise')")
    page.wait_for_selector("text=Outcome 1: Charged/summonsed")
    assert "Finalised" in page.inner_text("main")
    assert "Finalisation (PDF)" in page.inner_text("main")
    assert_accessible(page)
