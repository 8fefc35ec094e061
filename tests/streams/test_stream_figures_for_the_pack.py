"""The figures the performance pack reads (streams.measures): ILOR/EIO demand by month and
kind, and Banking Protocol results by month with the share that became an offence (seed 002
¶68: an arrest or a crime recorded), each one GROUP BY over what the user may see (None: the
whole unit)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.streams import measures, services
from fraudcase.streams.models import BankingProtocolIncident, InternationalRequest
from tests.streams.conftest import a_request, an_incident, in_month

pytestmark = pytest.mark.django_db


def _incidents(user, month: int, results: list[list[str]]) -> None:
    for n, result in enumerate(results):
        an_incident(
            user,
            results=result,
            called_at=in_month(2026, month, 3 + n),
            attended_at=None,
            attended=False,
            safeguarded=n == 0,
        )


def test_the_offence_share_counts_arrests_and_crimes_recorded_once_each(fvo):
    # October: 5 calls; one arrest with a crime recorded, one crime recorded, one intelligence,
    # two no offence: 2 offences of 5 (40%), the arrest with its crime counted once.
    _incidents(
        fvo,
        10,
        [
            ["arrest", "crime_recorded"],
            ["crime_recorded"],
            ["intelligence"],
            ["no_offence"],
            ["no_offence"],
        ],
    )
    # September: 4 calls, one arrest: 25%.
    _incidents(fvo, 9, [["arrest"], ["no_offence"], ["no_offence"], ["intelligence"]])
    rows = measures.banking_protocol_results(None, date(2026, 9, 1), date(2026, 10, 31))
    assert [r["month"] for r in rows] == ["2026-09", "2026-10"]
    september, october = rows
    assert october["calls"] == 5 and october["offences"] == 2 and october["arrests"] == 1
    assert october["crimes_recorded"] == 2 and october["intelligence"] == 1
    assert october["offence_share"] == pytest.approx(0.4)
    assert october["safeguarded"] == 1 and october["attended"] == 0
    assert september["offence_share"] == pytest.approx(0.25)
    summary = measures.banking_protocol_summary(None, date(2026, 9, 1), date(2026, 10, 31))
    assert summary["calls"] == 9 and summary["offences"] == 3
    assert summary["offence_share"] == pytest.approx(3 / 9)


def test_the_attended_share_and_median_time_to_attend(fvo):
    for minutes in (10, 20, 40):
        called = in_month(2026, 8, 5)
        an_incident(fvo, called_at=called, attended_at=called + timedelta(minutes=minutes))
    an_incident(fvo, called_at=in_month(2026, 8, 6), attended=False, attended_at=None)
    summary = measures.banking_protocol_summary(None, date(2026, 8, 1), date(2026, 8, 31))
    assert summary["attended_share"] == pytest.approx(0.75)
    assert summary["median_minutes_to_attend"] == pytest.approx(20)
    empty = measures.banking_protocol_summary(None, date(2025, 1, 1), date(2025, 1, 31))
    assert empty["calls"] == 0 and empty["offence_share"] is None
    assert empty["median_minutes_to_attend"] is None


def test_ilor_demand_by_month_kind_and_state(ecu_investigator, ecu):
    def made(received, kind="eio", due=None):
        return a_request(ecu_investigator, ecu, kind=kind, received_on=received, response_due=due)

    done = made(date(2026, 7, 2))
    for move in ("accept", "send", "complete"):
        services.move_request(ecu_investigator, done.pk, move, on=date(2026, 7, 20))
    made(date(2026, 7, 9), due=date(2026, 8, 1))  # overdue: still received, due long ago
    declined = made(date(2026, 7, 15), kind="ilor")
    services.move_request(ecu_investigator, declined.pk, "decline", reason="No dual criminality")
    made(date(2026, 8, 3), kind="ilor")
    made(date(2026, 6, 30))  # before the period
    rows = measures.ilor_demand(None, date(2026, 7, 1), date(2026, 8, 31))
    by = {(r["month"], r["kind"]): r for r in rows}
    assert list(by) == [("2026-07", "eio"), ("2026-07", "ilor"), ("2026-08", "ilor")]
    july = by[("2026-07", "eio")]
    assert july["received"] == 2 and july["completed"] == 1 and july["overdue"] == 1
    assert july["awaiting_assessment"] == 1 and july["completed_late"] == 0
    assert by[("2026-07", "ilor")]["declined"] == 1 and by[("2026-07", "ilor")]["overdue"] == 0


def test_the_figures_hide_what_a_user_may_not_see(ecu_investigator, analyst, fvo, ecu, vft):
    # OFFICIAL-SENSITIVE and ECU-only records are counted for the whole unit and for the
    # investigator cleared and in the ECU, not for an analyst cleared to OFFICIAL.
    a_request(ecu_investigator, ecu, received_on=date(2026, 7, 1))
    a_request(
        ecu_investigator, ecu, received_on=date(2026, 7, 2), handling_marking="OFFICIAL-SENSITIVE"
    )
    an_incident(fvo, called_at=in_month(2026, 7))
    an_incident(
        ecu_investigator, called_at=in_month(2026, 7, 4), restricted_to_team=ecu, results=["arrest"]
    )
    start, end = date(2026, 7, 1), date(2026, 7, 31)

    def received(user):
        return sum(r["received"] for r in measures.ilor_demand(user, start, end))

    def calls(user):
        return sum(r["calls"] for r in measures.banking_protocol_results(user, start, end))

    assert received(None) == 2 and received(ecu_investigator) == 2 and received(analyst) == 1
    assert calls(None) == 2 and calls(ecu_investigator) == 2
    assert calls(analyst) == 2  # in the ECU
    assert calls(fvo) == 1  # not in the ECU
    # A role that does not work a stream counts none of it.
    assert received(fvo) == 0


def test_each_figure_is_one_query_whatever_the_history(fvo, ecu_investigator, ecu):
    BankingProtocolIncident.objects.bulk_create(
        BankingProtocolIncident(
            bank_name="Castle Bank",
            branch_name=f"B{n}",
            called_at=in_month(2026, 1 + n % 12),
            arrest=n % 4 == 0,
            no_offence=n % 4 != 0,
            recorded_by=fvo,
            recorded_at=in_month(2026, 1),
        )
        for n in range(400)
    )
    InternationalRequest.objects.bulk_create(
        InternationalRequest(
            kind="eio",
            country="FR",
            authority="x",
            their_reference=str(n),
            received_on=date(2026, 1 + n % 12, 1),
            asked_for="banking",
            team=ecu,
            due_on=date(2026, 12, 31),
            response_due=date(2026, 12, 31),
            recorded_by=ecu_investigator,
            recorded_at=in_month(2026, 1),
        )
        for n in range(400)
    )
    with CaptureQueriesContext(connection) as unit:
        rows = measures.banking_protocol_results(None, date(2026, 1, 1), date(2026, 12, 31))
        demand = measures.ilor_demand(None, date(2026, 1, 1), date(2026, 12, 31))
    assert len(unit.captured_queries) == 2
    assert sum(r["calls"] for r in rows) == 400 and sum(r["offences"] for r in rows) == 100
    assert sum(r["received"] for r in demand) == 400 and len(demand) == 12


def test_the_monthly_pack_carries_the_banking_protocol_and_ilor_figures(fvo, finint, ecu):
    """The pack (performance.services.pack) has a table for each stream, holding the month's
    figures the streams count: the ECU manager's pack is not fed by hand."""
    from fraudcase.performance import services as performance

    _incidents(fvo, 10, [["arrest"], ["no_offence"], ["crime_recorded"], ["intelligence"]])
    a_request(finint, ecu, received_on=date(2026, 10, 6))
    a_request(finint, ecu, kind="ilor", received_on=date(2026, 10, 9))
    tables = {c.measure.key: c.table for c in performance.pack(None, 2026, 10)}

    banking = tables["banking_protocol"]
    october = next(row for row in banking.rows if str(row[0]) == "2026-10")
    figures = dict(zip(banking.columns[1:], (cell.value for cell in october[1:]), strict=True))
    assert figures["Calls"] == 4
    assert figures["Offences"] == 2
    assert figures["Offence share (%)"] == 50.0

    ilor = tables["ilor_demand"]
    october = [row for row in ilor.rows if str(row[0]) == "2026-10"]
    assert sorted(str(row[1]) for row in october) == ["eio", "ilor"]
    assert {"cyber_kpis", "victim_support"} <= set(tables)
