"""Issue 16: the allocation board's timings (days from receipt to assessment, allocation and
outcome over the latest 1,000 moves) are worked out once for everyone who sees the same
reports and kept a few minutes (ADR-0177): the board says when they were worked out, and a
supervisor who may see other reports never gets another's figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.accounts.models import HandlingMarking, Role
from tests import walk
from tests.conftest import _person
from tests.scale import more_reports

pytestmark = pytest.mark.django_db
BOARD = "/cases/allocation/"


def ranked_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(BOARD).status_code == 200
    return sum("ROW_NUMBER() OVER" in q["sql"] for q in captured.captured_queries)


def allocated(page) -> int:
    return next(t for t in page.context["timings"] if "allocation" in t["label"])["count"]


def test_a_second_visit_reads_the_kept_timings(
    client, settings, assessor, supervisor, vft_investigator, vft
):
    settings.FRAUDCASE_BOARD_TIMINGS_SECONDS = 300
    more_reports(4, seed=301)
    walk.allocate(assessor, supervisor, vft_investigator, vft, 2)
    client.force_login(supervisor)
    assert ranked_queries(client) == 3  # one ranking a kind of move
    assert ranked_queries(client) == 0  # kept
    page = client.get(BOARD)
    assert allocated(page) == 2
    assert "Worked out at " in page.content.decode()


def test_a_supervisor_of_other_teams_gets_figures_of_their_own(
    client, settings, assessor, supervisor, vft_investigator, vft, ecu
):
    settings.FRAUDCASE_BOARD_TIMINGS_SECONDS = 300
    more_reports(4, seed=302)
    walk.allocate(assessor, supervisor, vft_investigator, vft, 2)
    client.force_login(supervisor)
    assert allocated(client.get(BOARD)) == 2
    other = _person("ecu_boss", Role.VFT_SUPERVISOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu)
    client.force_login(other)
    assert ranked_queries(client) == 3  # not the first supervisor's kept figures


def test_with_keeping_off_every_visit_works_them_out(
    client, settings, assessor, supervisor, vft_investigator, vft
):
    settings.FRAUDCASE_BOARD_TIMINGS_SECONDS = 0
    more_reports(3, seed=303)
    client.force_login(supervisor)
    assert ranked_queries(client) == 3
    walk.allocate(assessor, supervisor, vft_investigator, vft, 1)
    assert ranked_queries(client) == 3
    assert allocated(client.get(BOARD)) == 1
