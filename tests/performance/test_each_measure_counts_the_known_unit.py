"""Each measure's figures for the month, on the known unit (tests/performance/conftest.py)."""

from fraudcase.performance import services

from .conftest import row_of, table_of


def test_the_whole_unit_figures(unit, month):
    pack = services.pack(None, *month)
    demand = table_of(pack, "demand")
    assert row_of(demand, "NFIB dissemination")[1].value == 6
    assert row_of(demand, "All sources")[1].value == 6
    victims = table_of(pack, "victims")
    assert row_of(victims, "Individuals")[1].value == 4
    assert row_of(victims, "Businesses and organisations")[1].value == 2
    losses = table_of(pack, "losses")
    assert row_of(losses, "Reports giving a loss")[1].value == 5
    assert row_of(losses, "Average loss (£)")[1].value == 320.0
    assert row_of(losses, "Reports with no loss (£0)")[1].value == 1
    rate = table_of(pack, "outcome_rate")
    assert row_of(rate, "Positive outcomes")[1].value == 1
    assert row_of(rate, "All outcomes")[1].value == 2
    assert row_of(rate, "NFIB disseminations")[1].value == 6
    assert row_of(rate, "Outcome rate (%)")[1].value == 16.7
    mix = table_of(pack, "outcome_mix")
    assert [r[1].value for r in mix.rows] == [1, 1, 2]
    disruption = table_of(pack, "disruption")
    assert row_of(disruption, "Website takedown")[1].value == 1
    assert row_of(disruption, "Cease and desist notice")[1].value == 0
    allocation = table_of(pack, "allocation")
    assert row_of(allocation, "All allocations")[1].value == 3
    timeliness = table_of(pack, "timeliness")
    assert [r[1].value for r in timeliness.rows] == [0, 0, 0]
    code = table_of(pack, "victims_code")
    assert row_of(code, "Victim updates given during investigation")[1].value == 1


def test_the_trend_ends_with_this_month(unit, month):
    trend = table_of(services.pack(None, *month), "trend")
    assert row_of(trend, "All sources")[-1].value == 6
    assert sum(c.value for c in row_of(trend, "All sources")[1:]) == 6
