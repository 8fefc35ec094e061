"""The performance dashboard, a figure's reports and the dip sample, in a real browser with
axe-core: charts beside their tables, every figure a link."""

from datetime import date

import pytest
from django.utils import timezone

from fraudcase.performance import services
from fraudcase.victims.models import VictimList, VictimListEntry
from tests.browser.conftest import assert_accessible, sign_in
from tests.performance.conftest import analyst, manager, unit  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_and_the_dip_sample_are_accessible(live_server, page, unit, manager):  # noqa: F811
    today = timezone.localdate()
    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/performance/?month={today:%Y-%m}")
    assert page.locator("figure.fc-chart svg").count() >= 3
    assert page.locator("table[data-measure='outcome_rate']").count() == 1
    assert_accessible(page)
    # Outcome 18 (the second row): a report the list shows without asking a reason.
    page.click("table[data-measure='outcome_mix'] a >> nth=3")
    page.wait_for_selector("h1:has-text('the reports behind the figure')")
    assert_accessible(page)
    sample = services.draw_dip_sample(manager, today, 5, seed=1)
    page.goto(f"{live_server.url}/performance/dip-samples/{sample.pk}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/performance/dip-samples/")
    assert_accessible(page)


def test_the_victims_behind_a_protect_figure_are_accessible(live_server, page, supervisor):
    victim_list = VictimList.objects.create(filename="nov.csv", rows=1, added=1)
    VictimListEntry.objects.create(
        victim_list=victim_list,
        row=2,
        nfrc="NFRC261100000001",
        report_date=date(2026, 11, 3),
        victim_type="Individual",
        forename="Test",
        surname="Victim",
        status="VS1",
    )
    sign_in(page, live_server.url, "supervisor")
    page.goto(f"{live_server.url}/performance/?month=2026-11#protect")
    page.click("table[data-measure='protect'] a >> nth=0")
    page.wait_for_selector("h1:has-text('Victims: VS1')")
    assert page.locator("a:has-text('NFRC261100000001')").count() == 1
    assert_accessible(page)
