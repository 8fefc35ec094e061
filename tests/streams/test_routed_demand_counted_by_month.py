"""The performance pack's figures for the routed streams (DOMAIN.md "Performance": the cyber
KPIs; victim care referrals per month): by the month received, one GROUP BY each, and a user
counts only what they may see (None: the whole unit)."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.cases.models import Case
from fraudcase.reports.models import Report
from fraudcase.streams.cyber_measures import cyber_kpis, victim_support_demand

from .conftest import bring_in, received, victim_row

pytestmark = pytest.mark.django_db

OCT_31 = date(2026, 10, 31)  # a Saturday, late in the evening in London is still October
NOV_2 = date(2026, 11, 2)


@pytest.fixture
def routed(write_package, ecu, supervisor, vft):
    october = bring_in(
        write_package,
        [
            victim_row(1, fraud_type="NFIB52C", package_ref="P-OCT"),
            victim_row(2, fraud_type="NFIB51A", package_ref="P-OCT"),
            victim_row(3, crime_in_action="Y", package_ref="P-OCT"),
            victim_row(4, referral_type="Victim support only", package_ref="P-OCT"),
            victim_row(5, package_ref="P-OCT"),  # not routed: counted nowhere here
        ],
        at=datetime.combine(OCT_31, datetime.min.time()).replace(
            hour=23, minute=30, tzinfo=received(OCT_31).tzinfo
        ),
    )
    november = bring_in(
        write_package,
        [
            victim_row(6, fraud_type="NFIB52B", package_ref="P-NOV"),
            victim_row(7, referral_type="VSO", package_ref="P-NOV"),
            victim_row(8, referral_type="VSO", package_ref="P-NOV"),
        ],
        at=received(NOV_2),
    )
    cyber1, cyber2, in_action, _, _ = october
    cyber3, support2, _ = november
    # Contacted: one cyber on time, one late; one support referral on time.
    Report.objects.filter(pk=cyber1.pk).update(route_contacted_at=received(cyber1.route_due, 9))
    Report.objects.filter(pk=in_action.pk).update(
        route_contacted_at=received(in_action.route_due + timedelta(days=3))
    )
    Report.objects.filter(pk=support2.pk).update(route_contacted_at=received(NOV_2, 15))
    # One cyber report investigated (allocated: a case).
    Case.objects.create(
        report=cyber2,
        team=vft,
        investigator=supervisor,
        tier=4,
        allocated_by=supervisor,
        allocated_at=received(NOV_2),
        next_review_due=NOV_2,
        next_update_due=NOV_2,
    )
    # The November cyber report is restricted to the ECU.
    Report.objects.filter(pk=cyber3.pk).update(restricted_to_team=ecu)
    return october, november


def test_the_cyber_kpis_by_month(routed):
    rows = cyber_kpis(None, date(2026, 10, 1), date(2026, 11, 30))
    assert [r.month for r in rows] == ["2026-10", "2026-11"]
    october, november = rows
    assert (october.referrals, october.crimes_in_action, october.from_report_fraud) == (3, 1, 3)
    assert (october.investigated, october.advised, october.advised_on_time) == (1, 2, 1)
    assert october.still_owed == 1
    assert october.share_investigated == pytest.approx(1 / 3)
    assert october.share_advised == pytest.approx(2 / 3)
    assert (november.referrals, november.advised, november.still_owed) == (1, 0, 1)


def test_victim_support_demand_by_month(routed):
    rows = victim_support_demand(None, date(2026, 10, 1), date(2026, 11, 30))
    assert [
        (r.month, r.referrals, r.contacted, r.contacted_on_time, r.still_owed) for r in rows
    ] == [
        ("2026-10", 1, 0, 0, 1),
        ("2026-11", 2, 1, 1, 1),
    ]


def test_the_dates_given_bound_the_months(routed):
    assert [r.month for r in cyber_kpis(None, date(2026, 11, 1), date(2026, 11, 30))] == ["2026-11"]
    assert victim_support_demand(None, date(2026, 9, 1), date(2026, 9, 30)) == []


def test_a_user_counts_only_what_they_may_see(routed, assessor, ecu_investigator):
    mine = cyber_kpis(assessor, date(2026, 10, 1), date(2026, 11, 30))
    assert [(r.month, r.referrals) for r in mine] == [("2026-10", 3)]  # November's is the ECU's
    theirs = cyber_kpis(ecu_investigator, date(2026, 10, 1), date(2026, 11, 30))
    assert [(r.month, r.referrals) for r in theirs] == [("2026-10", 3), ("2026-11", 1)]


def test_each_is_one_query(routed):
    for measure in (cyber_kpis, victim_support_demand):
        with CaptureQueriesContext(connection) as queries:
            measure(None, date(2026, 1, 1), date(2026, 12, 31))
        assert len(queries) == 1
        assert "GROUP BY" in queries[0]["sql"].upper()
