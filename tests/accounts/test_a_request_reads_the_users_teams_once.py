"""Need-to-know is checked for every kind of record a page shows, and each check needs the
user's teams: a request reads them once (accounts.services.request_scope), however many checks
it makes. Outside a request (commands, jobs) they are read each time, so a change of teams is
seen at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.accounts import services
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db

# A statement of its own reading the user's teams (their ids, their kinds, or whether one is of
# a kind), not a subquery of another statement.
TEAMS_READ = re.compile(
    r'^SELECT [^()]{0,120}FROM "accounts_team" INNER JOIN "accounts_user_teams"'
)


def test_the_deadlines_page_reads_the_users_teams_once(client, supervisor):
    client.force_login(supervisor)
    client.get("/deadlines/?scope=team")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/deadlines/?scope=team").status_code == 200
    assert sum(bool(TEAMS_READ.match(q["sql"])) for q in ctx.captured_queries) == 1


def test_outside_a_request_a_new_team_is_seen_at_once(supervisor, ecu):
    assert ecu.pk not in services.team_ids(supervisor)
    supervisor.teams.add(ecu)
    assert ecu.pk in services.team_ids(supervisor)
    with services.request_scope():
        first = services.team_ids(supervisor)
        supervisor.teams.remove(ecu)
        assert services.team_ids(supervisor) == first  # read once within the request
    assert ecu.pk not in services.team_ids(supervisor)
    assert Report.objects.filter(services.visibility_filter(supervisor)).count() == 0


def test_a_request_knows_the_kinds_of_the_users_teams_without_asking_again(supervisor, ecu):
    supervisor.teams.add(ecu)
    with services.request_scope(), CaptureQueriesContext(connection) as ctx:
        assert ecu.pk in services.team_ids(supervisor)
        assert services.team_kinds(supervisor) >= {ecu.kind}
    assert len(ctx.captured_queries) == 1
