"""Need-to-know is checked for every kind of record a page shows, and each check needs the
user's teams: a request reads them once (accounts.services.request_scope), however many checks
it makes. Outside a request (commands, jobs) they are read each time, so a change of teams is
seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.accounts import services
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db

TEAMS_READ = 'SELECT "accounts_team"."id" AS "id" FROM "accounts_team" INNER JOIN'


def test_the_deadlines_page_reads_the_users_teams_once(client, supervisor):
    client.force_login(supervisor)
    client.get("/deadlines/?scope=team")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/deadlines/?scope=team").status_code == 200
    assert sum(q["sql"].startswith(TEAMS_READ) for q in ctx.captured_queries) == 1


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
