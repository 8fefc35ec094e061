"""The evaluation form and the reason asked before exporting restricted records, accessibly."""

import pytest
from django.test import Client

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_evaluator_saves_stage_1_and_a_supervisor_exports_with_a_reason(
    live_server, page, assessor, supervisor, vft, example_package
):
    from fraudcase.accounts.models import HandlingMarking, Role
    from fraudcase.intake.importing import import_nfib_package
    from fraudcase.reports.models import Report
    from fraudcase.triage import services
    from tests.conftest import _person
    from tests.triage.test_assess_a_report import assess_on_the_pages, form

    _person("evaluator", Role.EVALUATOR, HandlingMarking.OFFICIAL_SENSITIVE, vft)
    import_nfib_package(example_package, user=assessor)
    albert = Report.objects.get(nfrc_numbers__number="NFRC261010000004")
    client = Client()
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form())
    albert.refresh_from_db()
    services.decide(supervisor, albert, decision="evaluate")
    Report.objects.filter(pk=albert.pk).update(handling_marking=HandlingMarking.OFFICIAL_SENSITIVE)

    url = live_server.url
    sign_in(page, url, "evaluator")
    page.goto(f"{url}/reports/{albert.local_reference}/justify/")
    page.fill("#id_justification", "Evaluating the report")
    page.click("button:has-text('Continue')")
    page.click("a.govuk-button:has-text('Evaluate (Appendix F)')")
    page.wait_for_selector("h1:has-text('Evaluation')")
    assert_accessible(page)
    page.click("button:has-text('Complete and return to the supervisor')")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page)
    page.fill("#id_summary", "Courier collected cash at the door")
    page.click("button:has-text('Save stage 1')")
    page.wait_for_selector("text=Stage 1 saved")

    sign_in(page, url, "supervisor")
    page.goto(f"{url}/reports/?q=Albert+Finch&export=csv")
    page.wait_for_selector("h1:has-text('1 of the 1 reports is restricted')")
    assert_accessible(page)
