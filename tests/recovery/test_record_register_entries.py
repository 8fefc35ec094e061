"""The financial intelligence team records cash seizures, confiscation orders and the other
registers' entries; their clocks come onto the Deadlines page; payments keep the outstanding
amount; each register exports with formulas neutralised."""

import io
from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import pytest
from django.utils import timezone

from fraudcase.cases import clocks
from fraudcase.core import dates
from fraudcase.core.errors import InvalidInput
from fraudcase.recovery import services
from fraudcase.recovery.models import RegisterEntry

from .conftest import accredit, cash_seizure


@pytest.fixture
def accredited(finint, fi):
    for kind in ("cash_seizure", "confiscation", "fi"):
        accredit(finint, fi, kind)
    return fi


def _last_working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while not dates.is_working_day(day):
        day -= timedelta(days=1)
    return day


def test_a_cash_seizure_runs_its_48_hour_clock_onto_the_deadlines_page(
    client, finint, accredited, reports
):
    today = timezone.localdate()
    # Seized two working days ago: the first 48 hours end today.
    seized_on = _last_working_day_before(_last_working_day_before(today))
    entry = cash_seizure(finint, reports[0], accredited, seized_on=seized_on)
    assert entry.due_on == dates.add_working_days(seized_on, 2)
    client.force_login(finint)
    html = client.get("/deadlines/?scope=team").content.decode()
    assert "Initial 48 hours of detention end" in html
    assert f"/recovery/registers/cash/{entry.pk}/" in html


def test_a_court_extends_detention_and_the_clock_follows(client, finint, accredited, reports):
    today = timezone.localdate()
    entry = cash_seizure(finint, reports[0], accredited, seized_on=today)
    client.force_login(finint)
    answer = client.post(
        f"/recovery/registers/cash/{entry.pk}/",
        {
            "kind": "extension",
            "on": today.isoformat(),
            "until": (today + timedelta(days=90)).isoformat(),
            "court": "Leicester Magistrates' Court",
        },
    )
    assert answer.status_code == 302
    entry.refresh_from_db()
    assert entry.detained_until == entry.due_on == today + timedelta(days=90)
    assert entry.first_order_on == today
    too_long = client.post(
        f"/recovery/registers/cash/{entry.pk}/",
        {
            "kind": "extension",
            "on": today.isoformat(),
            "until": (today + timedelta(days=200)).isoformat(),
            "court": "Leicester Magistrates' Court",
        },
    )
    assert "up to 6 months at a time" in too_long.content.decode()


def test_cash_under_1000_pounds_needs_the_other_power_recorded(finint, accredited, reports):
    with pytest.raises(InvalidInput) as refused:
        cash_seizure(finint, reports[0], accredited, amount="999.99")
    assert "below_minimum_reason" in refused.value.problems


def test_a_confiscation_order_with_payments_and_what_is_outstanding(
    client, finint, accredited, reports
):
    today = timezone.localdate()
    client.force_login(finint)
    answer = client.post(
        "/recovery/registers/confiscation/new/",
        {
            "report": reports[0],
            "subject": "Marcus Hale",
            "officer": accredited.pk,
            "status": "granted",
            "benefit_gbp": "48,000",
            "available_gbp": "12000",
            "pursued": "on",
            "applied_on": (today - timedelta(days=30)).isoformat(),
            "granted_on": today.isoformat(),
            "order_gbp": "12000",
            "pay_by": (today + timedelta(days=60)).isoformat(),
            "compensation_gbp": "5000",
            "court": "Leicester Crown Court",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    entry = RegisterEntry.objects.get(kind="confiscation")
    assert entry.due_on == today + timedelta(days=60)
    assert "Time to pay ends" in entry.due_what
    services.add_step(finint, entry.pk, kind="payment", on=today, amount="2000")
    entry.refresh_from_db()
    assert entry.paid_gbp == Decimal("2000") and entry.outstanding_gbp == Decimal("10000")
    html = client.get(f"/recovery/registers/confiscation/{entry.pk}/").content.decode()
    assert "£10,000.00" in html and "£2,000.00" in html
    assert "Available amount in pounds" in html and "£12,000.00" in html
    services.add_step(finint, entry.pk, kind="payment", on=today, amount="10000")
    entry.refresh_from_db()
    assert entry.status == "satisfied" and entry.due_on is None


def test_under_300_pounds_available_the_page_asks_why(client, finint, accredited, reports):
    client.force_login(finint)
    answer = client.post(
        "/recovery/registers/confiscation/new/",
        {
            "report": reports[0],
            "subject": "Marcus Hale",
            "officer": accredited.pk,
            "status": "applied",
            "available_gbp": "250",
        },
    )
    assert "record why confiscation is not pursued" in answer.content.decode()
    assert not RegisterEntry.objects.exists()


def test_an_ancillary_order_breached_is_on_the_deadlines_page(client, finint, reports):
    today = timezone.localdate()
    entry = services.save_entry(
        finint,
        "scpo",
        {
            "report": reports[0],
            "subject": "Marcus Hale",
            "status": "granted",
            "applied_on": today - timedelta(days=60),
            "granted_on": today - timedelta(days=30),
            "conditions": "No more than one bank account; notify the police of any new one",
            "expires_on": today + timedelta(days=365 * 5),
        },
    )
    assert entry.due_on == entry.expires_on - timedelta(days=28)
    services.add_step(finint, entry.pk, kind="breach", on=today, text="Second account opened")
    entry.refresh_from_db()
    assert entry.status == "breached" and entry.due_on == today
    items = clocks.due_items(finint, today, clocks.TEAM)
    assert any("Order breached" in i.what for i in items)


def test_an_offender_is_nominated_for_offender_management_with_the_reason(finint, reports):
    with pytest.raises(InvalidInput) as refused:
        services.save_entry(
            finint, "iom", {"report": reports[0], "subject": "Marcus Hale", "status": "applied"}
        )
    assert "reason" in refused.value.problems
    entry = services.save_entry(
        finint,
        "iom",
        {
            "report": reports[0],
            "subject": "Marcus Hale",
            "status": "applied",
            "reason": "Third conviction for courier fraud against older victims",
        },
    )
    assert entry.reason.startswith("Third conviction")


def test_the_register_exports_with_formulas_neutralised(client, finint, accredited, reports):
    cash_seizure(finint, reports[0], accredited, subject='=HYPERLINK("http://x")')
    client.force_login(finint)
    answer = client.get("/recovery/registers/cash/?export=csv")
    frame = pl.read_csv(io.BytesIO(answer.content))
    assert frame["subject"][0].startswith("'=")
    xlsx = client.get("/recovery/registers/cash/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
