"""Need-to-know: a reader's figures count only what they may see, and the list behind a figure
omits what they may not. The ECU manager sees the whole unit by being cleared and in every
team; an analyst in the Volume Fraud Team does not see a report restricted to the ECU."""

from fraudcase.performance import services
from fraudcase.performance.registry import Scope

from .conftest import row_of, table_of


def test_an_analyst_outside_the_team_counts_less(unit, month, analyst, manager):
    whole = services.pack(manager, *month)
    seen = services.pack(analyst, *month)
    assert row_of(table_of(whole, "demand"), "All sources")[1].value == 6
    assert row_of(table_of(seen, "demand"), "All sources")[1].value == 5
    assert row_of(table_of(whole, "outcome_rate"), "Positive outcomes")[1].value == 1
    assert row_of(table_of(seen, "outcome_rate"), "Positive outcomes")[1].value == 0
    assert row_of(table_of(seen, "disruption"), "Website takedown")[1].value == 0


def test_the_list_behind_a_figure_omits_the_restricted_report(unit, month, analyst, manager):
    scope = Scope(*month)
    for_manager = services.reports_behind(manager, scope, "outcome_rate", "month|outcome=all")
    for_analyst = services.reports_behind(analyst, scope, "outcome_rate", "month|outcome=all")
    assert set(for_manager) == {unit["charged"], unit["no_suspect"]}
    assert set(for_analyst) == {unit["no_suspect"]}


def test_the_manager_page_and_the_analyst_page_differ(client, unit, month, analyst, manager):
    url = f"/performance/?month={month[0]:04d}-{month[1]:02d}"
    client.force_login(manager)
    assert 'figure=month%7Coutcome%3Dpositive">1<' in client.get(url).content.decode()
    client.force_login(analyst)
    assert 'figure=month%7Coutcome%3Dpositive">0<' in client.get(url).content.decode()


def test_an_investigator_does_not_read_the_pack(client, unit, vft_investigator):
    client.force_login(vft_investigator)
    assert client.get("/performance/").status_code == 404
    assert client.get("/performance/pack.pdf").status_code == 404


def test_the_api_gives_the_same_tables_as_the_page(client, unit, month, analyst, manager):
    m = f"{month[0]:04d}-{month[1]:02d}"
    client.force_login(manager)
    whole = client.get(f"/api/v1/performance?month={m}").json()
    demand = next(x for x in whole["measures"] if x["key"] == "demand")
    assert demand["rows"][-1][:2] == ["All sources", 6]
    client.force_login(analyst)
    seen = client.get(f"/api/v1/performance?month={m}").json()
    demand = next(x for x in seen["measures"] if x["key"] == "demand")
    assert demand["rows"][-1][:2] == ["All sources", 5]
