"""Seed 001 §8: a power or register entry needing an accreditation goes only to an officer
holding a current one; the manager sees those expiring in the next 90 days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.core.errors import InvalidInput
from fraudcase.recovery.models import RegisterEntry

from .conftest import accredit, cash_seizure


def test_a_cash_seizure_goes_only_to_an_officer_accredited_for_it(finint, fi, reports):
    with pytest.raises(InvalidInput) as refused:
        cash_seizure(finint, reports[0], fi)
    assert "civil recovery (cash seizure) accreditation" in refused.value.problems["officer"]
    accredit(finint, fi, "cash_seizure")
    entry = cash_seizure(finint, reports[0], fi)
    assert entry.officer == fi


def test_an_expired_or_withdrawn_accreditation_is_no_accreditation(finint, fi, reports):
    today = timezone.localdate()
    accredit(finint, fi, "cash_seizure", expires_on=today - timedelta(days=1))
    with pytest.raises(InvalidInput):
        cash_seizure(finint, reports[0], fi)
    # On its day of expiry it still holds.
    accredit(finint, fi, "cash_seizure", expires_on=today)
    assert cash_seizure(finint, reports[0], fi).pk


def test_another_accreditation_does_not_do(finint, fi, reports):
    accredit(finint, fi, "fi")
    accredit(finint, fi, "pip2")
    with pytest.raises(InvalidInput) as refused:
        cash_seizure(finint, reports[0], fi)
    assert "officer" in refused.value.problems
    assert not RegisterEntry.objects.exists()


def test_the_form_refuses_an_unaccredited_officer_with_a_clear_error(client, finint, fi, reports):
    client.force_login(finint)
    today = timezone.localdate()
    answer = client.post(
        "/recovery/registers/confiscation/new/",
        {
            "report": reports[0],
            "subject": "Marcus Hale",
            "officer": fi.pk,
            "status": "applied",
            "applied_on": today.isoformat(),
        },
    )
    assert answer.status_code == 200
    assert "holds no current confiscation accreditation" in answer.content.decode()
    assert not RegisterEntry.objects.exists()


def test_the_manager_sees_accreditations_expiring_in_the_next_90_days(client, manager, fi, finint):
    today = timezone.localdate()
    accredit(manager, fi, "fi", expires_on=today + timedelta(days=90))
    accredit(manager, fi, "confiscation", expires_on=today + timedelta(days=91))
    accredit(manager, finint, "fio", expires_on=today - timedelta(days=1))
    client.force_login(manager)
    html = client.get("/recovery/accreditations/expiring/").content.decode()
    assert "Financial investigator" in html
    assert "Confiscation" not in html.split("<table", 1)[1]
    assert "Financial intelligence officer" not in html.split("<table", 1)[1]


def test_officers_without_the_role_cannot_see_the_expiring_list(client, fi, assessor):
    for user in (fi, assessor):
        client.force_login(user)
        assert client.get("/recovery/accreditations/expiring/").status_code == 404
        assert client.get("/recovery/accreditations/new/").status_code == 404


def test_record_an_accreditation_through_the_page(client, manager, fi):
    client.force_login(manager)
    answer = client.post(
        "/recovery/accreditations/new/",
        {
            "officer": fi.pk,
            "kind": "confiscation",
            "awarded_on": "2025-03-01",
            "expires_on": "2030-03-01",
        },
    )
    assert answer.status_code == 302, answer.content.decode().split("govuk-error-summary__list")[
        -1
    ][:600]
    assert fi.accreditations.get().kind == "confiscation"
