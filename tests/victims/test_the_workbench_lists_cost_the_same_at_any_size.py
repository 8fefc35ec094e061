"""Issue 16: the vulnerability workbench, a victim list's segments, the officer's tasks and the
log cost the same number of queries however many victims, lists and tasks there are."""

import pytest

from fraudcase.victims import services
from tests import walk
from tests.scale import assert_bounded, more_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_list(fvo):
    more_reports(5, seed=141)
    found = walk.victim_list(fvo, 150, seed=41)
    entries = list(services.segment_entries(fvo, found, "VS4").order_by("pk"))
    assert len(entries) > 8
    return found, entries


def test_the_workbench_costs_the_same_as_more_lists_come(client, fvo, a_list):
    client.force_login(fvo)

    def grow():
        more_reports(30, seed=142)
        for seed in (42, 43, 44):
            walk.victim_list(fvo, 30, seed=seed)

    assert_bounded(client, "/vulnerability/", grow)
    assert_bounded(client, "/api/v1/victim-lists", lambda: walk.victim_list(fvo, 30, seed=45))


@pytest.mark.parametrize(
    "query", ["?segment=VS4", "?segment=VS4&state=task_sent", "?segment=VS4&q=smith"]
)
def test_a_segment_costs_the_same_as_victims_are_given_tasks(client, fvo, pcso, a_list, query):
    victim_list, entries = a_list
    walk.give_tasks(fvo, pcso, entries[:1])
    client.force_login(fvo)
    url = f"/vulnerability/lists/{victim_list.pk}/{query}"
    assert_bounded(client, url, lambda: walk.give_tasks(fvo, pcso, entries[1:8]))


def test_a_segment_through_the_api_costs_the_same_and_is_paged(client, fvo, pcso, a_list):
    victim_list, entries = a_list
    walk.give_tasks(fvo, pcso, entries[:1])
    client.force_login(fvo)
    url = f"/api/v1/victim-lists/{victim_list.pk}/entries?segment=VS4&page_size=5"
    assert_bounded(client, url, lambda: walk.give_tasks(fvo, pcso, entries[1:8]))
    answer = client.get(url)
    assert len(answer.json()) == 5
    assert answer["X-Total-Count"] == str(len(entries))
    assert 'rel="next"' in answer["Link"]


@pytest.mark.parametrize("url", ["/vulnerability/tasks/", "/api/v1/vulnerability-tasks"])
def test_the_officers_tasks_cost_the_same_as_more_are_given(client, fvo, pcso, a_list, url):
    _, entries = a_list
    walk.give_tasks(fvo, pcso, entries[:1])
    client.force_login(pcso)
    assert_bounded(client, url, lambda: walk.give_tasks(fvo, pcso, entries[1:8]))


def test_the_vulnerability_log_costs_the_same_as_more_is_decided(client, fvo, pcso, a_list):
    _, entries = a_list
    walk.give_tasks(fvo, pcso, entries[:1])
    client.force_login(fvo)
    assert_bounded(client, "/vulnerability/log/", lambda: walk.give_tasks(fvo, pcso, entries[1:8]))
