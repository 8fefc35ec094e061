"""Issue 16: each register's list, export and API, the accreditation pages and the Deadlines
page with the registers' clock take no more queries with many entries than with a few."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from fraudcase.recovery.models import (
    EntryStep,
    FinancialAssessment,
    OfficerAccreditation,
    RegisterEntry,
)
from fraudcase.reports.models import Report
from tests.scale import assert_bounded

from .conftest import accredit, cash_seizure

batches = count()


@pytest.fixture
def grow(finint, fi, reports):
    accredit(finint, fi, "cash_seizure")
    # Already overdue, so that the Deadlines page shows the kind before it grows too.
    cash_seizure(finint, reports[0], fi, seized_on=timezone.localdate() - timedelta(days=10))
    report = Report.objects.get(local_reference=reports[0])

    def more():
        batch = next(batches)
        today = timezone.localdate()
        now = timezone.now()
        made = RegisterEntry.objects.bulk_create(
            RegisterEntry(
                kind="cash",
                report=report,
                subject=f"Subject {batch}-{n}",
                officer=fi,
                status="detained",
                seized_on=today - timedelta(days=n % 30),
                amount_gbp=1000 + n,
                due_on=today - timedelta(days=n % 5),
                due_what="Initial 48 hours of detention end",
                recorded_by=finint,
                recorded_at=now,
                updated_at=now,
            )
            for n in range(200)
        )
        EntryStep.objects.bulk_create(
            EntryStep(entry=e, kind="note", on=today, text="n", recorded_by=finint, recorded_at=now)
            for e in made
        )
        FinancialAssessment.objects.bulk_create(
            FinancialAssessment(
                report=report,
                factors={},
                recommendation="none",
                non_acceptance="n",
                allocated_to=fi,
                assessed_by=finint,
                assessed_on=today,
                recorded_at=now,
            )
            for _ in range(50)
        )
        OfficerAccreditation.objects.bulk_create(
            OfficerAccreditation(
                officer=fi,
                kind="fi",
                awarded_on=today - timedelta(days=300),
                expires_on=today + timedelta(days=n % 90),
                recorded_by=finint,
                recorded_at=now,
            )
            for n in range(100)
        )

    return more


@pytest.mark.parametrize(
    "url",
    [
        "/recovery/registers/cash/",
        "/recovery/registers/cash/?export=csv",
        "/recovery/registers/cash/?sort=due",
        "/api/v1/recovery/registers/cash",
        "/recovery/accreditations/",
        "/recovery/accreditations/expiring/",
        "/api/v1/recovery/accreditations",
        "/recovery/assessments/",
        "/deadlines/?scope=team",
        "/",
    ],
)
def test_the_page_costs_the_same_with_many_entries(client, finint, grow, url):
    client.force_login(finint)
    assert_bounded(client, url, grow)
