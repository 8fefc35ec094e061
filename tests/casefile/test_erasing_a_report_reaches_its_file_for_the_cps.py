"""Erasing a report's personal data (DPA 2018 s.47) reaches the file for the CPS: document
files and the text that may name people go; numbers, kinds, dates and decisions stay."""

import pytest
from django.conf import settings
from django.utils import timezone

from fraudcase.casefile import services
from fraudcase.casefile.models import ChargingDecision, Document, DocumentVersion, ScheduleItem
from fraudcase.reports import services as report_services

from .conftest import statement

pytestmark = pytest.mark.django_db(transaction=True)


def test_erasure_removes_files_and_names_and_keeps_the_record(file, suspect, administrator):
    document = statement(file)
    stored = settings.ATTACHMENT_ROOT / DocumentVersion.objects.get().storage_name
    services.add_item(
        file,
        "mg6c",
        services.ItemInput(description="Notes naming Mary Smith", location="Store", decision="D"),
    )
    request = services.request_charging(
        file, suspect=suspect.pk, decision_maker="cps", requested_on=timezone.localdate()
    )
    services.record_charging_decision(
        file, request.pk, decision="charge", decided_on=timezone.localdate()
    )
    assert stored.exists()
    report_services.erase_personal_data(administrator, file.report, "Court order")
    assert not stored.exists() and not DocumentVersion.objects.exists()
    assert Document.objects.get(pk=document.pk).author == report_services.ERASED
    item = ScheduleItem.objects.get()
    assert (item.number, item.decision, item.description) == (1, "D", report_services.ERASED)
    decision = ChargingDecision.objects.get()
    assert (decision.suspect, decision.decision) == (None, "charge")
    assert services.suggestion([decision]).outcome == 1
    assert services.who(decision) == report_services.ERASED
