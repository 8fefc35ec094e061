"""Issue 16: the queries a page makes do not grow with the number of reports held."""

import pytest

from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


def test_the_search_for_a_surname_costs_the_same_with_120_more_reports(client, assessor):
    client.force_login(assessor)
    more_reports(5, seed=92)
    assert_bounded(client, "/reports/?q=nowak", lambda: more_reports(120, seed=93))


def test_a_sort_no_index_serves_is_not_applied_to_a_list_too_long_to_sort(rf, assessor):
    from fraudcase.core import paging
    from fraudcase.reports.models import Report

    more_reports(3, seed=94)
    sorts = {
        "received": paging.Sort("Received", ("received_at",)),
        "victim": paging.Sort("Victim", ("victim__surname",), unindexed=True),
    }
    request = rf.get("/", {"sort": "victim"})
    short = paging.paginate(request, Report.objects.all(), sorts=sorts, default="received")
    assert short.sort == "victim" and not short.sort_refused
    long = paging.paginate(request, Report.objects.all(), sorts=sorts, default="received", cap=2)
    assert long.sort == "received" and long.sort_refused == "Victim"
    assert "not sorted by victim" in long.summary


def test_the_home_page_counts_its_figures_up_to_its_cap(client, assessor, monkeypatch):
    """The home page's figures say "more than" past pages.HOME_COUNT_CAP (1,000), as each kind
    of deadline does (ADR-0181)."""
    from fraudcase import pages

    more_reports(3, user=assessor)
    client.force_login(assessor)
    assert str(client.get("/").context["report_count"]) == "3"
    monkeypatch.setattr(pages, "HOME_COUNT_CAP", 2)
    page = client.get("/")
    assert str(page.context["report_count"]) == "more than 2"
    assert "more than 2" in page.content.decode()
    assert str(page.context["recorded_today"]) == "more than 2"
