"""Issue 16: Deadlines, the home page, My tasks and /api/v1/deadlines take no more queries with
many reports, decisions and cases than with a few: every kind of deadline is read from a
stored due date, a page at a time."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.cases.models import Case
from fraudcase.reports.models import Report
from fraudcase.triage import services as triage
from tests.scale import assert_bounded, more_reports
from tests.triage.test_assess_a_report import assess_on_the_pages, form

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(assessor, supervisor, vft_investigator, vft):
    """More of every kind: 60 reports imported (owed first updates), three assessed, one
    decided not to investigate (a letter owed), two allocated with a task each, their victim
    updates and reviews overdue."""
    seeds = iter(range(101, 120))

    def more():
        more_reports(60, seed=next(seeds))
        assessing = Client()
        assessing.force_login(assessor)
        recorded = Report.objects.filter(status="recorded").order_by("-id")[:3]
        for report in recorded:
            assess_on_the_pages(assessing, report, form())
        nfa, *to_allocate = Report.objects.filter(status="assessed").order_by("-id")[:3]
        triage.decide(supervisor, nfa, decision="no_further_action", reason="No lines")
        today = timezone.localdate()
        for report in to_allocate:
            triage.decide(supervisor, report, decision="allocate")
            services.allocate(
                supervisor,
                report,
                investigator_id=vft_investigator.pk,
                team_id=vft.pk,
                override_reason="Test: capacity is not the point",
            )
            services.add_task(
                supervisor, report, text="Call the bank", assignee_id=vft_investigator.pk, due=today
            )
        Case.objects.update(
            next_update_due=today - timedelta(days=3), next_review_due=today - timedelta(days=1)
        )

    return more


@pytest.fixture
def some(grow):
    grow()  # a few of every kind first, so the first answer reads every kind's rows too
    return grow


@pytest.mark.parametrize(
    "url",
    [
        "/deadlines/",
        "/deadlines/?scope=team",
        "/deadlines/?scope=team&kind=decisions",
        "/deadlines/?scope=team&kind=first-updates&state=overdue",
        "/",
        "/api/v1/deadlines",
        "/api/v1/deadlines?scope=team&page=2&page_size=5",
        "/api/v1/deadlines?scope=team&kind=first-updates",
    ],
)
def test_a_supervisors_deadlines_cost_the_same_with_many_reports(client, supervisor, some, url):
    client.force_login(supervisor)
    assert_bounded(client, url, some)


@pytest.mark.parametrize(
    "url",
    ["/deadlines/", "/deadlines/?kind=tasks", "/", "/tasks/mine/?kind=case", "/api/v1/deadlines"],
)
def test_an_investigators_deadlines_and_tasks_cost_the_same_with_many_cases(
    client, vft_investigator, some, url
):
    client.force_login(vft_investigator)
    assert_bounded(client, url, some)
