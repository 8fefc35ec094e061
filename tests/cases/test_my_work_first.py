"""My work first: an officer's cases, tasks and every kind of deadline, bounded per page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.cases.models import Case, Task
from fraudcase.reports.models import Report
from fraudcase.victims.models import ActionState, VictimList, VictimListEntry, VulnerabilityAction

pytestmark = pytest.mark.django_db


def page_of(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


def visit_task(assignee, decided_by, due_on, *, response="visit_fvo", n=1):
    """An open vulnerability task, as the FVO's decision leaves it."""
    victim_list, _ = VictimList.objects.get_or_create(filename="list.csv")
    entry = VictimListEntry.objects.create(
        victim_list=victim_list,
        row=n,
        nfrc=f"NFRC2610999{n:05d}",
        report_date=due_on,
        victim_type="Individual",
        forename="Joan",
        surname=f"Patel{n}",
        status="VS4",
    )
    return VulnerabilityAction.objects.create(
        entry=entry, response=response, assignee=assignee, due_on=due_on, decided_by=decided_by
    )


# ---------------------------------------------------------------- My cases


def test_my_cases_lists_a_new_allocation(allocated, vft_investigator, client):
    client.force_login(vft_investigator)
    ref = allocated.local_reference
    mine = page_of(client, "/cases/mine/")
    assert ref in mine and "Showing 1 to 1 of 1" in mine
    # At once on the home page and Deadlines too.
    assert "1 allocated to you in the last 7 days" in page_of(client, "/")
    assert ref in page_of(client, "/")
    assert ref in page_of(client, "/deadlines/")
    assert 'href="/cases/mine/"' in page_of(client, "/")  # the menu's "My cases"


def test_my_cases_shows_review_and_victim_update_due(allocated, vft_investigator, client):
    today = timezone.localdate()
    Case.objects.update(next_review_due=today, next_update_due=today - timedelta(days=3))
    client.force_login(vft_investigator)
    mine = page_of(client, "/cases/mine/")
    assert f"{today:%-d %b %Y}" in mine and "Due today" in mine
    assert f"{today - timedelta(days=3):%-d %b %Y}" in mine and "Overdue" in mine
    assert "Update the victim" in mine


def test_my_cases_shows_the_next_task_and_filters_to_overdue(
    allocated, vft_investigator, supervisor, client
):
    today = timezone.localdate()
    Case.objects.update(next_review_due=today + timedelta(days=30))
    services.add_task(
        supervisor,
        allocated,
        text="Ask the bank for statements",
        assignee_id=vft_investigator.pk,
        due=today + timedelta(days=2),
    )
    client.force_login(vft_investigator)
    assert "Task: Ask the bank for statements" in page_of(client, "/cases/mine/")
    assert "No case of yours matches" in page_of(client, "/cases/mine/?due=overdue")
    assert allocated.local_reference in page_of(client, "/cases/mine/?due=soon")
    Task.objects.update(due=today - timedelta(days=1))
    assert allocated.local_reference in page_of(client, "/cases/mine/?due=overdue")
    assert "aria-sort" in page_of(client, "/cases/mine/?sort=review&order=desc")


def test_my_cases_exports_through_the_disclosure_gate(allocated, vft_investigator, client):
    from fraudcase.audit.models import AuditEvent

    client.force_login(vft_investigator)
    export = client.get("/cases/mine/?export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert allocated.local_reference in export.content.decode()
    assert AuditEvent.objects.filter(action="disclosure", object_ref="my-cases").exists()


def test_someone_elses_case_is_not_on_my_cases(allocated, ecu_investigator, client):
    client.force_login(ecu_investigator)
    assert "No open case is allocated to you" in page_of(client, "/cases/mine/")


# ---------------------------------------------------------------- My tasks and every deadline


def test_a_visit_task_overdue_is_on_deadlines_and_the_home_page(fvo, client):
    today = timezone.localdate()
    visit_task(fvo, fvo, today - timedelta(days=2))
    client.force_login(fvo)
    home = page_of(client, "/")
    assert "Your deadlines" in home and "1 overdue and 0 due today" in home
    assert "Visits and contacts</a>: 1 overdue" in home
    deadlines = page_of(client, "/deadlines/")
    assert "Visits and contacts (1)" in deadlines
    assert "Visit: Personal visit by the Fraud Vulnerability Officer" in deadlines
    assert "Joan Patel1" in deadlines and "Overdue" in deadlines


def test_a_contact_task_due_today_is_counted(fvo, pcso, client):
    today = timezone.localdate()
    visit_task(pcso, fvo, today, response="telephone")
    visit_task(pcso, fvo, today + timedelta(days=3), response="telephone", n=2)  # not yet due
    done = visit_task(pcso, fvo, today, n=3)
    VulnerabilityAction.objects.filter(pk=done.pk).update(state=ActionState.DONE)
    client.force_login(pcso)
    assert "0 overdue and 1 due today" in page_of(client, "/")
    assert "Contact: Telephone call" in page_of(client, "/deadlines/?kind=visits")
    # The FVO, in the same team, sees it in the team's view, not as theirs.
    client.force_login(fvo)
    assert "Visits and contacts (1)" in page_of(client, "/deadlines/?scope=team")
    assert "Nothing is due today or overdue" in page_of(client, "/deadlines/")


def test_my_tasks_lists_visits_and_case_tasks_soonest_first(
    allocated, vft_investigator, supervisor, fvo, client
):
    today = timezone.localdate()
    for n, days in enumerate((5, -1), start=1):
        services.add_task(
            supervisor,
            allocated,
            text=f"Task {n}",
            assignee_id=vft_investigator.pk,
            due=today + timedelta(days=days),
        )
    client.force_login(vft_investigator)
    tasks = page_of(client, "/tasks/mine/")
    assert "Tasks on cases (2)" in tasks and "Visits and contacts (0)" in tasks
    assert tasks.index("Task 2") < tasks.index("Task 1") and "Overdue" in tasks
    visit_task(fvo, fvo, today + timedelta(days=1))
    client.force_login(fvo)
    assert "Joan Patel1" in page_of(client, "/tasks/mine/")


def test_deadlines_pages_through_more_than_one_page(
    allocated, vft_investigator, supervisor, client
):
    today = timezone.localdate()
    Task.objects.bulk_create(
        Task(
            report=allocated,
            text=f"Chase {n:03d}",
            assignee=vft_investigator,
            due=today - timedelta(days=n),
            created_by=supervisor,
            created_at=timezone.now(),
        )
        for n in range(1, 61)
    )
    client.force_login(vft_investigator)
    first = page_of(client, "/deadlines/?kind=tasks")
    assert "Case tasks (60)" in first and "Showing 1 to 50 of 60" in first
    assert "Chase 060" in first and "Chase 001" not in first  # most overdue first
    second = page_of(client, "/deadlines/?kind=tasks&page=2")
    assert "Showing 51 to 60 of 60" in second and "Chase 001" in second
    overdue = page_of(client, "/deadlines/?kind=tasks&state=due_today")
    assert "Showing 0 results" in overdue


# ---------------------------------------------------------------- bounded queries


def _many(allocated, investigator, supervisor, n):
    """n more reports allocated to the investigator, each with a victim update overdue and a
    task due today, and n visit tasks: the backlog of a busy officer."""
    today = timezone.localdate()
    report = Report.objects.get(pk=allocated.pk)
    victim = report.victim
    case = Case.objects.get(report=report)
    made = []
    start = Report.objects.count()
    for i in range(start, start + n):
        report.pk = None
        report.local_reference = f"FC/9{i:05d}/26"
        report.save()
        victim.pk = None
        victim.report = report
        victim.save()
        made.append(report.pk)
    Case.objects.bulk_create(
        Case(
            report_id=pk,
            team_id=case.team_id,
            investigator=investigator,
            tier=case.tier,
            allocated_by=supervisor,
            allocated_at=timezone.now(),
            next_review_due=today,
            next_update_due=today - timedelta(days=1),
        )
        for pk in made
    )
    Task.objects.bulk_create(
        Task(
            report_id=pk,
            text="Call",
            assignee=investigator,
            due=today,
            created_by=supervisor,
            created_at=timezone.now(),
        )
        for pk in made
    )
    for i in range(start, start + n):
        visit_task(investigator, supervisor, today - timedelta(days=1), n=i + 1)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/", "/deadlines/", "/deadlines/?kind=visits", "/cases/mine/"])
def test_the_pages_of_my_work_read_as_many_queries_for_few_or_many_reports(
    allocated, vft_investigator, supervisor, client, url
):
    client.force_login(vft_investigator)
    _many(allocated, vft_investigator, supervisor, 2)
    client.get(url)  # the first page after signing in stamps the session (ADR-0176)
    few = queries(client, url)
    _many(allocated, vft_investigator, supervisor, 60)
    many = queries(client, url)
    assert many == few
    # Deadlines: two counts for each kind of deadline, twelve kinds with the NFIB return, ILOR
    # responses, the routed teams' first contacts and asset recovery (cases.clocks.register).
    assert few <= 50


def test_assign_to_starts_on_the_investigator_or_on_me(
    awaiting_allocation, allocated, supervisor, vft_investigator, vft, client
):
    from fraudcase.cases.models import Case

    case = Case.objects.get(report=allocated)
    assert services.task_assignee_default(supervisor, case) == vft_investigator.pk
    assert services.task_assignee_default(vft_investigator, case) == vft_investigator.pk
    client.force_login(vft_investigator)
    page = page_of(client, f"/reports/{allocated.local_reference}/")
    assert f'<option value="{vft_investigator.pk}" selected>' in page


def test_the_allocation_form_starts_on_the_first_suitable_investigator_and_their_team(
    awaiting_allocation, supervisor, vft_investigator, vft, client
):
    client.force_login(supervisor)
    page = page_of(client, f"/reports/{awaiting_allocation.local_reference}/allocate/")
    assert f'value="{vft_investigator.pk}"' in page
    assert f'<option value="{vft.pk}" selected>' in page
