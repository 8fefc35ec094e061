"""Working an OCG: nominals (a professional enabler with a profession), the OCG meeting's
decisions and briefings as dated entries never edited, the threat assessment, the lifecycle,
the evaluation at closure (seed 000), and disruption and outcomes rolled up from its reports."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.cases.models import DisruptionAction, Finalisation
from fraudcase.ocg import services
from fraudcase.ocg.models import AppendOnlyError, OcgEntry
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocg(analyst, chain):
    series, _ = chain
    return services.create_ocg(analyst, name="Courier gang", series_reference=series.reference)


def _url(name, ocg):
    return reverse(name, kwargs={"ocg_ref": ocg.reference})


def _day(d: date) -> dict[str, str]:
    return {"on-day": str(d.day), "on-month": str(d.month), "on-year": str(d.year)}


def test_nominals_are_added_and_an_enabler_needs_a_profession(client, analyst, ocg):
    client.force_login(analyst)
    url = _url("ocg-nominal", ocg)
    refused = client.post(url, {"name": "Alex Ledger", "role": "professional_enabler"})
    assert "Enter the professional enabler&#x27;s profession" in refused.content.decode()
    client.post(
        url, {"name": "Alex Ledger", "role": "professional_enabler", "profession": "Accountant"}
    )
    client.post(url, {"name": "Daniel Crook", "role": "principal"})
    page = client.get(_url("ocg-detail", ocg)).content.decode()
    assert "Professional enabler (Accountant)" in page and "Daniel Crook" in page
    assert (
        AuditEvent.objects.filter(object_ref=ocg.reference, summary__contains="nominal").count()
        == 2
    )


def test_meeting_decisions_and_briefings_are_dated_and_never_edited(client, analyst, ocg):
    client.force_login(analyst)
    yesterday = timezone.localdate() - timedelta(days=1)
    answer = client.post(
        _url("ocg-entry", ocg),
        {"kind": "meeting_decision", "text": "Seek takedown of the numbers", **_day(yesterday)},
    )
    assert answer.status_code == 302
    client.post(
        _url("ocg-entry", ocg),
        {"kind": "regional_tasking", "text": "Briefed at the RTIG", **_day(yesterday)},
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = client.post(
        _url("ocg-entry", ocg), {"kind": "jag_briefing", "text": "x", **_day(tomorrow)}
    )
    assert future.status_code == 200 and OcgEntry.objects.count() == 2
    page = client.get(_url("ocg-detail", ocg)).content.decode()
    assert "Seek takedown of the numbers" in page and "Regional tasking briefing" in page
    entry = OcgEntry.objects.first()
    entry.text = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        OcgEntry.objects.filter(pk=entry.pk).update(text="changed")
    with pytest.raises(AppendOnlyError):
        OcgEntry.objects.all().delete()


def test_the_threat_is_assessed_with_a_level_rationale_and_date(client, analyst, ocg):
    client.force_login(analyst)
    today = timezone.localdate()
    client.post(
        _url("ocg-threat", ocg),
        {"level": "very_high", "rationale": "Targets the elderly repeatedly", **_day(today)},
    )
    ocg.refresh_from_db()
    assert (ocg.threat_level, ocg.threat_assessed_on) == ("very_high", today)
    page = client.get(_url("ocg-detail", ocg)).content.decode()
    assert "Very high" in page and "Targets the elderly repeatedly" in page


def test_the_group_is_archived_only_after_its_evaluation(client, analyst, ocg):
    client.force_login(analyst)
    url = _url("ocg-status", ocg)
    for status in ("mapped", "under_investigation", "disrupted", "dismantled"):
        assert client.post(url, {"status": status, "reason": f"Now {status}"}).status_code == 302
    refused = client.post(url, {"status": "archived", "reason": "Done"}).content.decode()
    assert "Record the evaluation" in refused
    ocg.refresh_from_db()
    assert ocg.status == "dismantled"
    client.post(
        _url("ocg-evaluation", ocg),
        {"worked": "Early telephone takedowns", "improve": "Brief the JAG sooner"},
    )
    assert client.post(url, {"status": "archived", "reason": "Done"}).status_code == 302
    ocg.refresh_from_db()
    assert ocg.status == "archived" and ocg.evaluation_improve == "Brief the JAG sooner"
    page = client.get(_url("ocg-detail", ocg)).content.decode()
    assert "Early telephone takedowns" in page and "Dismantled to Archived: Done" in page
    # An archived group's evaluation stays as it was.
    assert client.get(_url("ocg-evaluation", ocg)).status_code == 200
    client.post(_url("ocg-evaluation", ocg), {"worked": "x", "improve": "y"})
    ocg.refresh_from_db()
    assert ocg.evaluation_worked == "Early telephone takedowns"


def test_a_status_changed_meanwhile_is_a_conflict(analyst, ocg):
    stale = type(ocg).objects.get(pk=ocg.pk)
    services.change_status(analyst, ocg, status="mapped", reason="Mapped")
    from fraudcase.core.errors import Conflict

    with pytest.raises(Conflict):
        services.change_status(analyst, stale, status="mapped", reason="Mapped too")


def test_disruption_and_outcomes_are_rolled_up_from_its_reports(client, analyst, supervisor, ocg):
    first, second, third = Report.objects.order_by("id")
    today = timezone.localdate()
    for report, kind in (
        (first, "telephone_takedown"),
        (second, "telephone_takedown"),
        (third, "website_takedown"),
    ):
        DisruptionAction.objects.create(report=report, kind=kind, on=today, by=supervisor)
    Finalisation.objects.create(
        report=first, outcome=1, positive=True, finalised_by=supervisor, finalised_at=timezone.now()
    )
    Finalisation.objects.create(
        report=third,
        outcome=18,
        positive=False,
        finalised_by=supervisor,
        finalised_at=timezone.now(),
    )
    roll = services.rollup(analyst, ocg)
    assert roll.disruptions == [("Telephone number takedown", 2), ("Website takedown", 1)]
    assert roll.outcomes == [
        (1, "Charged/summonsed", True, 1),
        (18, "Investigation complete, no suspect identified", False, 1),
    ]
    assert (roll.reports, roll.finalised, roll.positive_outcomes) == (3, 2, 1)
    client.force_login(analyst)
    page = client.get(_url("ocg-detail", ocg)).content.decode()
    assert "Telephone number takedown: 2" in page and "1 Charged/summonsed (positive): 1" in page
