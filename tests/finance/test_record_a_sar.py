"""The financial intelligence officer records a SAR by hand: on the page and over the API, its
DAML notice period set when it asks for consent; the reason asked before it is shown again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.finance import rules
from fraudcase.finance.models import Sar
from tests.finance.conftest import give_reason

pytestmark = pytest.mark.django_db


def _form(**overrides):
    today = timezone.localdate()
    data = {
        "ukfiu_reference": "2026-0004711",
        "disclosed_on-day": today.day,
        "disclosed_on-month": today.month,
        "disclosed_on-year": today.year,
        "reporting_institution": "Castle Bank plc",
        "subjects": "Marcus Hale\nHale Trading Ltd",
        "reason": "Rapid movement of funds",
        "amount_gbp": "12,500.00",
        "daml": "on",
        "linked_references": "",
        "named_users": "named",
    }
    data.update(overrides)
    return data


def test_a_sar_asking_for_consent_is_recorded_with_its_notice_period(client, finint, named):
    client.force_login(finint)
    response = client.post("/finance/sars/new/", _form())
    assert response.status_code == 302
    sar = Sar.objects.get()
    assert response["Location"] == "/finance/sars/2026-0004711/"
    assert sar.daml_state == rules.DamlState.AWAITING
    assert sar.notice_ends == rules.notice_period_ends(timezone.localdate())
    assert sar.daml_due == sar.notice_ends
    assert str(sar.amount_gbp) == "12500.00"
    assert sar.subject_list == ["Marcus Hale", "Hale Trading Ltd"]
    assert list(sar.named_users.values_list("username", flat=True)) == ["named"]
    # Seeing it asks why first, then shows it, the reason in the audit log.
    assert "Reason for seeing SAR" in client.get(response["Location"]).content.decode()
    give_reason(client, "2026-0004711", "Deciding the consent request")
    page = client.get("/finance/sars/2026-0004711/").content.decode()
    assert "Marcus Hale" in page and "Record the decision" in page
    seen = AuditEvent.objects.filter(object_type="sar", action="consultation").get()
    assert seen.justification == "Deciding the consent request"


def test_a_sar_without_its_facts_says_what_is_missing(client, finint):
    client.force_login(finint)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.post(
        "/finance/sars/new/",
        _form(
            ukfiu_reference="no good!",
            reason="",
            amount_gbp="lots",
            named_users="nobody",
            **{
                "disclosed_on-day": tomorrow.day,
                "disclosed_on-month": tomorrow.month,
                "disclosed_on-year": tomorrow.year,
            },
        ),
    ).content.decode()
    assert "There is a problem" in page
    assert not Sar.objects.exists()


def test_a_reference_already_recorded_is_refused(client, finint):
    client.force_login(finint)
    client.post("/finance/sars/new/", _form(named_users=""))
    page = client.post("/finance/sars/new/", _form(named_users="")).content.decode()
    assert "already recorded" in page
    assert Sar.objects.count() == 1


def test_the_api_records_a_sar(client, finint, named):
    client.force_login(finint)
    answer = client.post(
        "/api/v1/sars",
        {
            "ukfiu_reference": "2026-0004712",
            "disclosed_on": timezone.localdate().isoformat(),
            "reporting_institution": "Castle Bank plc",
            "subjects": ["Marcus Hale"],
            "reason": "Cash deposits under the threshold",
            "daml": True,
            "named_users": ["named"],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["daml_state"] == "awaiting"
    assert answer.json()["next_deadline"] == answer.json()["notice_ends"]
    refused = client.post(
        "/api/v1/sars",
        {
            "ukfiu_reference": "x",
            "disclosed_on": timezone.localdate().isoformat(),
            "reporting_institution": "",
            "subjects": [],
            "reason": "",
        },
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert set(refused.json()["problems"]) >= {"ukfiu_reference", "subjects", "reason"}


def test_only_the_financial_intelligence_team_records_sars(client, named, supervisor):
    for user in (named, supervisor):
        client.force_login(user)
        assert client.get("/finance/sars/new/").status_code == 404
        assert client.get("/finance/sars/import/").status_code == 404
        answer = client.post(
            "/api/v1/sars",
            {
                "ukfiu_reference": "2026-0004713",
                "disclosed_on": timezone.localdate().isoformat(),
                "reporting_institution": "Castle Bank plc",
                "subjects": ["Marcus Hale"],
                "reason": "r",
            },
            content_type="application/json",
        )
        assert answer.status_code == 404
    assert not Sar.objects.exists()
