"""An assessor signs in, imports a package and finds a victim by NFRC, on accessible pages."""

import pytest

from tests.browser.conftest import assert_accessible, go_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_import_a_package_and_find_a_victim_by_nfrc(
    live_server, page, assessor, example_package
):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)
    page.fill("#id_username", "assessor")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('Fraud reports')")
    assert_accessible(page)

    go_to(page, "Import")
    assert_accessible(page)
    page.set_input_files("#id_file", str(example_package))
    page.click("button:has-text('Import package')")
    page.wait_for_selector("h1:has-text('Package imported')")
    assert "4 victims recorded" in page.inner_text(".govuk-panel__body")
    assert_accessible(page)

    go_to(page, "Find a report")
    page.fill("#id_q", "NFRC261010000004")
    page.click("button:has-text('Search')")
    page.wait_for_selector("text=1 report found")
    assert_accessible(page)
    page.click("table tbody a.govuk-link")
    page.wait_for_selector("text=Albert Finch")
    assert "NFRC261010000004" in page.inner_text("main")
    assert_accessible(page)

    page.click("a.govuk-button:has-text('Assess this report')")
    page.wait_for_selector("h1:has-text('Assessment')")
    assert_accessible(page)
    page.click("a.govuk-task-list__link:has-text('Screening matrix')")
    page.wait_for_selector("h1:has-text('Screening matrix')")
    assert "Pre-filled: Victim aged 89" in page.inner_text("main")
    assert_accessible(page)

    go_to(page, "Assess")
    page.wait_for_selector("h1:has-text('Reports to assess')")
    assert "Showing 1 to 4 of 4" in page.inner_text("main")
    assert_accessible(page)


def test_a_rejected_file_lists_its_problems_accessibly(live_server, page, assessor, write_package):
    from tests.conftest import victim_row

    path = write_package([victim_row(1, loss_gbp="lots"), victim_row(2, dob="1950-02-30")])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "assessor")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")
    page.goto(f"{live_server.url}/imports/nfib-package/")
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('Import package')")
    page.wait_for_selector("text=The file was not imported")
    text = page.inner_text("main")
    assert "'lots' is not an amount of money" in text
    assert "'1950-02-30' is not a real date" in text
    assert_accessible(page)
