"""The pack's three periods and its twelve-month trend (issue 12): a report received last year,
or last month, counts in the periods that hold its month and nowhere else, and so does a move
timed from receipt (read one contiguous range at a time)."""

from datetime import datetime, time

from django.utils import timezone

from fraudcase.performance import rules, services
from fraudcase.reports.models import Report, StatusChange
from fraudcase.reports.rules import Transition

from .conftest import row_of, table_of


def received_on(day, *names):
    """Move the reports of these victims (surname or business name) to noon on `day`."""
    at = timezone.make_aware(datetime.combine(day, time(12)))
    for name in names:
        report = (
            Report.objects.get(victim__surname=name)
            if name.startswith("Victim")
            else (Report.objects.get(victim__business_name=name))
        )
        Report.objects.filter(pk=report.pk).update(received_at=at)
        StatusChange.objects.filter(report=report).update(at=at)


def test_each_period_counts_the_months_it_holds(unit, month):
    this_month = rules.month_start(*month)
    last_year = rules.add_months(this_month, -12).replace(day=15)
    last_month = rules.add_months(this_month, -1).replace(day=15)
    long_ago = rules.add_months(this_month, -13).replace(day=15)
    received_on(last_year, "Victim1", "Bakery Ltd")
    received_on(last_month, "Victim3")
    received_on(long_ago, "Victim2")
    in_year = rules.financial_year_start(this_month) <= last_month

    pack = services.pack(None, *month)
    demand = row_of(table_of(pack, "demand"), "All sources")
    assert [c.value for c in demand[1:]] == [2, 3 if in_year else 2, 2]
    organisations = row_of(table_of(pack, "victims"), "Businesses and organisations")
    assert [c.value for c in organisations[1:]] == [1, 1, 1]
    individuals = row_of(table_of(pack, "victims"), "Individuals")
    assert [c.value for c in individuals[1:]] == [1, 2 if in_year else 1, 1]
    trend = row_of(table_of(pack, "trend"), "All sources")
    assert [c.value for c in trend[-2:]] == [1, 2]
    assert sum(c.value for c in trend[1:]) == 3  # last year's month and long ago are not in it


def test_time_from_receipt_is_counted_in_the_period_of_the_move(unit, month):
    this_month = rules.month_start(*month)
    last_year = timezone.make_aware(
        datetime.combine(rules.add_months(this_month, -12).replace(day=15), time(12))
    )
    moved = StatusChange.objects.filter(transition=Transition.ALLOCATE).order_by("pk").first()
    StatusChange.objects.filter(pk=moved.pk).update(at=last_year, days_from_receipt=10)

    timeliness = row_of(
        table_of(services.pack(None, *month), "timeliness"), "Receipt to allocation"
    )
    month_median, _, year_median, _, last_year_median, last_year_mean = (
        c.value for c in timeliness[1:]
    )
    assert month_median == 0 and year_median == 0
    assert last_year_median == 10 and last_year_mean == 10.0
