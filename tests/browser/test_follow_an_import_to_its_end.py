"""An assessor watches a long import on its progress page, which asks for the job's status
instead of reloading, and shows the result in place when the job ends: accessible, and never
wider than a phone's window."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.jobs.models import Job
from tests.browser.conftest import assert_accessible, assert_fits_the_window, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_page_follows_the_import_to_its_result_without_reloading(
    live_server, phone_and_desktop_page, assessor, example_package
):
    page = phone_and_desktop_page
    imported = import_nfib_package(example_package, user=assessor)
    job = Job.objects.create(
        kind="nfib_package",
        user=assessor,
        filename="october.csv",
        stage="Checking rows",
        percent=40,
    )
    sign_in(page, live_server.url, "assessor")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    page.wait_for_selector("h1:has-text('Importing october.csv')")
    assert page.locator("meta[http-equiv='refresh']").count() == 0
    assert not page.is_visible("a:has-text('Refresh')")  # the page updates itself
    page.evaluate("() => { window.stayed = true }")  # gone if the page reloads
    assert_accessible(page)
    assert_fits_the_window(page)

    Job.objects.filter(pk=job.pk).update(stage="Recording 4 victims", percent=90)
    page.wait_for_selector("[data-job-percent]:has-text('90% done')")
    assert page.inner_text("[data-job-live]") == "Recording 4 victims: 90% done"

    Job.objects.filter(pk=job.pk).update(
        status="done",
        stage="Done",
        percent=100,
        result={**imported.as_dict(), "message": imported.message},
    )
    page.wait_for_selector("h1:has-text('Package imported')")
    assert page.evaluate("() => window.stayed") is True
    assert "4 victims recorded" in page.inner_text("[data-job-live]")
    assert page.evaluate("() => document.activeElement.tagName") == "H1"
    assert_accessible(page)
    assert_fits_the_window(page)
    page.click(f"a:has-text('{imported.local_references[0]}')")
    page.wait_for_selector(f"text={imported.local_references[0]}")
    assert "/reports/" in page.url
