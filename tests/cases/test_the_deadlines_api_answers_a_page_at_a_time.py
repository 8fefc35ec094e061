"""`GET /api/v1/deadlines` answers a page at a time, most overdue first, every kind merged or
one kind (`kind`), overdue or due today only (`state`), with `X-Total-Count` and `Link`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.triage import services as triage

pytestmark = pytest.mark.django_db


@pytest.fixture
def owed(assessed, supervisor, client):
    """The example package's four first updates (received in October: overdue) and a decision
    not to investigate to explain (due in 5 working days: not yet due)."""
    triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines")
    client.force_login(supervisor)


def test_the_first_page_says_how_many_and_where_the_next_is(owed, client):
    answer = client.get("/api/v1/deadlines?scope=team&page_size=3")
    assert answer.status_code == 200
    assert len(answer.json()) == 3
    assert answer["X-Total-Count"] == "4"
    assert 'rel="next"' in answer["Link"] and "page=2" in answer["Link"]
    rest = client.get("/api/v1/deadlines?scope=team&page_size=3&page=2").json()
    assert len(rest) == 1
    seen = [d["local_reference"] for d in answer.json() + rest]
    assert len(set(seen)) == 4
    assert client.get("/api/v1/deadlines?scope=team&page_size=3&page=3").json() == []


def test_the_pages_are_in_due_order_whatever_the_kind(owed, client, supervisor, assessed):
    today = timezone.localdate()
    services.record_victim_update(supervisor, assessed, method="telephone", summary="Told her")
    from fraudcase.triage.models import SupervisorDecision

    SupervisorDecision.objects.update(explanation_due=today - timedelta(days=400))
    answer = client.get("/api/v1/deadlines?scope=team&page_size=2").json()
    assert answer[0]["what"].startswith("Explain the decision")
    assert [d["due"] for d in answer] == sorted(d["due"] for d in answer)


def test_one_kind_and_one_state_can_be_asked_for(owed, client):
    firsts = client.get("/api/v1/deadlines?scope=team&kind=first-updates&page_size=2")
    assert firsts["X-Total-Count"] == "4" and len(firsts.json()) == 2
    assert client.get("/api/v1/deadlines?scope=team&kind=decisions").json() == []
    due_today = client.get("/api/v1/deadlines?scope=team&state=due_today")
    assert due_today.json() == [] and due_today["X-Total-Count"] == "0"
    overdue = client.get("/api/v1/deadlines?scope=team&state=overdue").json()
    assert {d["state"] for d in overdue} == {"overdue"}


def test_an_unknown_kind_or_state_is_refused_naming_the_field(owed, client):
    assert client.get("/api/v1/deadlines?kind=holidays").status_code == 422
    assert client.get("/api/v1/deadlines?state=later").status_code == 422
    assert client.get("/api/v1/deadlines?page_size=501").status_code == 422


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_every_page_holds_what_the_whole_list_holds_there(owed, supervisor, size):
    """The merged pages read whole rows only for their own span of due dates: page after page
    they are the whole list cut in pages, ties on a due date in reference order."""
    from fraudcase.cases import clocks
    from fraudcase.reports.models import Report
    from fraudcase.triage.models import SupervisorDecision

    today = timezone.localdate()
    days = [9, 4, 4, 1]  # two due on the same day: placed by their reference
    for report, ago in zip(Report.objects.order_by("pk"), days, strict=False):
        Report.objects.filter(pk=report.pk).update(first_update_due=today - timedelta(days=ago))
    SupervisorDecision.objects.update(explanation_due=today - timedelta(days=4))
    whole = [(i.what, i.reference) for i in clocks.due_items(supervisor, today, clocks.TEAM)]
    assert len(whole) == 5
    paged = []
    for number in range(1, 7):
        page, total = clocks.page_of_every_kind(
            supervisor, today, clocks.TEAM, number=number, size=size
        )
        assert total == 5
        paged += [(i.what, i.reference) for i in page]
    assert paged == whole
