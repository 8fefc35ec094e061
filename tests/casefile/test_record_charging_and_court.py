"""Charging and court (issue 15 item 7): interviews, charging decisions requested and
received, court hearings and results; the decision suggests the Home Office outcome, and
the finalisation form opens with it chosen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.casefile import services
from fraudcase.casefile.models import ChargingDecision, Hearing, Interview
from fraudcase.core.errors import InvalidInput
from fraudcase.reports.models import EnquiryLogEntry, Report, Suspect

from .conftest import cf_url

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def test_the_officer_records_interview_charge_and_court(client, case, suspect, vft_investigator):
    client.force_login(vft_investigator)
    url = cf_url(case, "charging/")
    today = timezone.localdate()
    answer = client.post(
        url,
        {
            "step": "interview",
            "interview-suspect": suspect.pk,
            "interview-kind": "custody",
            **_date("interview-held_on", today - timedelta(days=3)),
        },
    )
    assert answer.status_code == 302
    answer = client.post(
        url,
        {
            "step": "request",
            "request-suspect": suspect.pk,
            "request-decision_maker": "cps",
            **_date("request-requested_on", today - timedelta(days=2)),
        },
    )
    assert answer.status_code == 302
    request = ChargingDecision.objects.get()
    page = client.get(url).content.decode()
    assert "Awaited" in page and "Finalise with this outcome" not in page
    answer = client.post(
        cf_url(case, f"charging/{request.pk}/"),
        {"decision": "charge", **_date("decided_on", today - timedelta(days=1))},
    )
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert "1. Charged/summonsed" in page
    assert f"/reports/{case.local_reference}/finalise/?outcome=1" in page
    answer = client.post(
        url,
        {
            "step": "hearing",
            "hearing-suspect": suspect.pk,
            "hearing-court": "Leicester Magistrates' Court",
            "hearing-kind": "first",
            **_date("hearing-held_on", today),
        },
    )
    assert answer.status_code == 302
    hearing = Hearing.objects.get()
    answer = client.post(
        cf_url(case, f"hearings/{hearing.pk}/"), {"result": "committed", "notes": "Bail"}
    )
    assert answer.status_code == 302
    assert Interview.objects.get().kind == "custody"
    hearing.refresh_from_db()
    assert hearing.result == "committed"
    texts = " ".join(EnquiryLogEntry.objects.filter(report=case).values_list("text", flat=True))
    assert "interviewed" in texts and "Charge" in texts and "Sent to the Crown Court" in texts


def test_a_suspect_from_another_report_is_refused(file, suspect):
    other = Report.objects.exclude(pk=file.report.pk).first()
    stranger = Suspect.objects.create(report=other, name="Someone else")
    with pytest.raises(InvalidInput) as refused:
        services.record_interview(
            file, suspect=stranger.pk, held_on=timezone.localdate(), kind="voluntary"
        )
    assert "suspect" in refused.value.problems


def test_a_decision_cannot_come_before_it_was_requested(file, suspect):
    today = timezone.localdate()
    request = services.request_charging(
        file, suspect=suspect.pk, decision_maker="police", requested_on=today
    )
    with pytest.raises(InvalidInput):
        services.record_charging_decision(
            file, request.pk, decision="adult_caution", decided_on=today - timedelta(days=1)
        )
    services.record_charging_decision(file, request.pk, decision="adult_caution", decided_on=today)
    suggested = services.suggestion(list(services.charging(file)))
    assert suggested is not None and (suggested.outcome, suggested.label) == (3, "Adult caution")
