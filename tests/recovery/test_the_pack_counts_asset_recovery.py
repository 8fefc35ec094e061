"""The performance pack's asset recovery figures: restraint orders, assets traced, amounts
confiscated and recovered, for the month and the financial year to date."""

from datetime import timedelta

from django.utils import timezone

from fraudcase.performance import services as performance
from fraudcase.performance.registry import MEASURES, Scope
from fraudcase.recovery import services

from .conftest import accredit


def test_the_pack_holds_the_months_and_the_years_figures(finint, fi, reports, manager):
    for kind in ("fi", "confiscation"):
        accredit(finint, fi, kind)
    today = timezone.localdate()
    services.save_entry(
        finint,
        "restraint",
        {
            "report": reports[0],
            "subject": "Daniel Crook",
            "officer": fi,
            "status": "granted",
            "applied_on": today,
            "granted_on": today,
            "amount_gbp": "64000",
        },
    )
    order = services.save_entry(
        finint,
        "confiscation",
        {
            "report": reports[0],
            "subject": "Daniel Crook",
            "officer": fi,
            "status": "granted",
            "benefit_gbp": "86000",
            "available_gbp": "31500",
            "applied_on": today - timedelta(days=1),
            "granted_on": today,
            "order_gbp": "31500",
        },
    )
    services.add_step(finint, order.pk, kind="payment", on=today, amount="5000")
    figures = services.figures(None, today.replace(day=1), today)
    assert figures["restraint_orders"] == 1
    assert figures["confiscated_gbp"] == 31500
    assert figures["assets_traced_gbp"] == 31500
    assert figures["recovered_gbp"] == 5000
    table = MEASURES["asset_recovery"].compute(None, Scope(today.year, today.month))
    rows = {row[0].value: [c.value for c in row[1:]] for row in table.rows}
    assert rows["Restraint orders granted"][:2] == [1, 1]  # the month, the year to date
    assert rows["Recovered: paid and forfeited (£)"][0] == "5,000.00"
    assert performance.pack(manager, today.year, today.month)
