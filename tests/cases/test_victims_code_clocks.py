"""Victims' Code clocks in working days: each officer and team sees what is due and overdue."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from fraudcase.cases import clocks, services
from fraudcase.cases.models import Case
from fraudcase.reports.models import Report
from fraudcase.triage import deadlines
from fraudcase.triage.models import Assessment

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CHRISTMAS_EVE = datetime(2026, 12, 24, 10, tzinfo=LONDON)  # a Thursday


def received_on_christmas_eve(*reports, **also):
    """The reports were received on Christmas Eve 2026: their stored first-update deadlines
    are restamped as `fraudcase recompute-deadlines` would after a correction."""
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(received_at=CHRISTMAS_EVE, **also)
    deadlines.recompute()


def whats_due(user, today, scope="mine", only=None):
    """(what, reference, due, state) for one report (`only`) or all the user may see."""
    return [
        (i.what.split(" (")[0], i.reference, i.due, i.state.value)
        for i in clocks.due_items(user, today, scope)
        if only is None or i.reference == only.local_reference
    ]


def test_the_first_update_is_due_after_5_working_days_over_christmas(assessed, supervisor):
    received_on_christmas_eve(assessed)
    ref = assessed.local_reference
    assert whats_due(supervisor, date(2027, 1, 4), only=assessed) == []
    assert whats_due(supervisor, date(2027, 1, 5), only=assessed) == [
        ("First update to the victim", ref, date(2027, 1, 5), "due_today")
    ]
    assert whats_due(supervisor, date(2027, 1, 6), only=assessed)[0][3] == "overdue"


def test_the_enhanced_service_is_due_the_next_working_day(assessed, supervisor):
    Assessment.objects.filter(report=assessed).update(enhanced_service=True)
    received_on_christmas_eve(assessed)
    assert whats_due(supervisor, date(2026, 12, 29), only=assessed)[0][2] == date(2026, 12, 29)


def test_an_update_given_stops_the_first_update_clock(assessed, assessor, supervisor):
    received_on_christmas_eve(assessed)
    services.record_victim_update(
        assessor, assessed, method="telephone", summary="Explained what happens next"
    )
    assert whats_due(supervisor, date(2027, 1, 6), only=assessed) == []


def test_the_investigator_sees_their_victim_updates_and_tasks(
    allocated, vft_investigator, supervisor, client
):
    today = timezone.localdate()
    Case.objects.update(next_update_due=today - timedelta(days=1), next_review_due=today)
    services.add_task(
        supervisor, allocated, text="Call the bank", assignee_id=vft_investigator.pk, due=today
    )
    mine = whats_due(vft_investigator, today)
    assert (
        "Victim update",
        allocated.local_reference,
        today - timedelta(days=1),
        "overdue",
    ) in mine
    assert ("Task: Call the bank", allocated.local_reference, today, "due_today") in mine
    assert not any(w.startswith("Supervisor review") for w, *_ in mine)
    assert any(w.startswith("Supervisor review") for w, *_ in whats_due(supervisor, today))
    # The team view: the supervisor sees the investigator's overdue update too.
    assert any(w == "Victim update" for w, *_ in whats_due(supervisor, today, "team"))
    client.force_login(vft_investigator)
    page = client.get("/deadlines/").content.decode()
    assert "1 overdue and 1 due today" in page and "Victim updates (1)" in page
    assert "Call the bank" in client.get("/deadlines/?kind=tasks").content.decode()
    assert client.get("/api/v1/deadlines").json()[0]["state"] == "overdue"
    client.force_login(supervisor)
    team = client.get("/deadlines/?scope=team&kind=tasks")
    assert team.status_code == 200 and "Call the bank" in team.content.decode()
    assert client.get("/api/v1/deadlines?scope=team").status_code == 200
    client.force_login(vft_investigator)
    export = client.get("/deadlines/?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_decision_not_to_investigate_must_be_explained_within_5_working_days(
    assessed, supervisor, client
):
    from fraudcase.triage import services as triage

    triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines")
    decided = timezone.localdate()
    later = decided + timedelta(days=14)
    assert any(w.startswith("Explain the decision") for w, *_ in whats_due(supervisor, later))
    client.force_login(supervisor)
    letter = client.get(f"/reports/{assessed.local_reference}/letters/no_investigation/")
    assert letter.content.startswith(b"%PDF")
    # Opening (previewing) the letter does not stop the clock: recording it as sent does.
    assert any(w.startswith("Explain the decision") for w, *_ in whats_due(supervisor, later))
    client.post(f"/reports/{assessed.local_reference}/letters/no_investigation/")
    assert not any(w.startswith("Explain the decision") for w, *_ in whats_due(supervisor, later))


def test_deadlines_of_reports_a_user_may_not_see_do_not_exist_for_them(assessed, supervisor):
    from fraudcase.accounts.models import Team, TeamKind

    secret = Team.objects.create(name="Covert", kind=TeamKind.ECU)
    received_on_christmas_eve(assessed, restricted_to_team=secret)
    assert whats_due(supervisor, date(2027, 2, 1), "team", only=assessed) == []
    assert all(
        i.reference != assessed.local_reference
        for i in clocks.due_items(supervisor, date(2027, 2, 1), "team")
    )


def test_a_backlog_of_first_updates_is_counted_and_paged_not_cut_off(
    assessed, supervisor, client, monkeypatch
):
    from fraudcase.core import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    monkeypatch.setattr(
        paging.paginate, "__kwdefaults__", {**paging.paginate.__kwdefaults__, "size": 2}
    )
    client.force_login(supervisor)
    # The example package's four victims were received in October: all owed an update.
    first = client.get("/deadlines/?kind=first-updates").content.decode()
    assert "First updates to victims (4)" in first
    assert "Showing 1 to 2 of 4" in first
    second = client.get("/deadlines/?kind=first-updates&page=2").content.decode()
    assert "Showing 3 to 4 of 4" in second


def test_the_home_page_tells_an_officer_what_is_due(allocated, vft_investigator, fvo, client):
    today = timezone.localdate()
    Case.objects.update(next_update_due=today - timedelta(days=2))
    client.force_login(vft_investigator)
    page = client.get("/").content.decode()
    assert "1 overdue and 0 due today" in page
    client.force_login(fvo)  # not a case officer: no case deadlines
    assert "Your deadlines" not in client.get("/").content.decode()


def first_update_owed(user, report, today):
    return any(w == "First update to the victim" for w, *_ in whats_due(user, today, only=report))


def test_the_first_update_stays_owed_after_allocation_and_finalisation(
    allocated, vft_investigator, supervisor
):
    received_on_christmas_eve(allocated)
    later = date(2027, 1, 6)
    assert first_update_owed(supervisor, allocated, later)  # allocated: still owed
    services.finalise(vft_investigator, allocated, outcome=18, rationale="Courier not traced")
    assert first_update_owed(supervisor, allocated, later)  # finalised: still owed
    services.record_victim_update(
        vft_investigator, allocated, method="telephone", summary="Told the victim the outcome"
    )
    assert not first_update_owed(supervisor, allocated, later)


def test_the_first_update_stays_owed_after_no_further_action_and_filing(assessed, supervisor):
    from fraudcase.reports.services import move
    from fraudcase.triage import services as triage

    other = Report.objects.exclude(pk=assessed.pk).filter(status="recorded").first()
    received_on_christmas_eve(assessed, other)
    triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines")
    move(None, other, "file_pending", "filed_pending", reason="Evidence not received")
    later = date(2027, 1, 6)
    assert first_update_owed(supervisor, assessed, later)
    assert first_update_owed(supervisor, other, later)


@pytest.mark.parametrize("kind", ["acknowledgement", "no_investigation", "finalisation"])
def test_a_letter_that_updates_the_victim_stops_the_first_update_clock(assessed, supervisor, kind):
    received_on_christmas_eve(assessed)
    later = date(2027, 1, 6)
    assert first_update_owed(supervisor, assessed, later)
    services.record_letter(supervisor, assessed, kind)
    assert not first_update_owed(supervisor, assessed, later)


def test_the_acknowledgement_letter_recorded_as_sent_from_the_report_stops_the_clock(
    assessed, assessor, supervisor, client
):
    received_on_christmas_eve(assessed)
    client.force_login(assessor)
    url = f"/reports/{assessed.local_reference}/letters/acknowledgement/"
    client.get(url)  # opening it only shows it
    assert first_update_owed(supervisor, assessed, date(2027, 1, 6))
    client.post(url)  # Record as sent
    assert not first_update_owed(supervisor, assessed, date(2027, 1, 6))


def test_the_first_updates_owed_are_one_query_however_many_reports(
    assessed, supervisor, django_assert_num_queries
):
    from fraudcase.reports.services import visible_reports

    visible = visible_reports(supervisor)
    with django_assert_num_queries(1):
        assert clocks.first_updates_owed(visible, date(2027, 1, 6)).count() == 4
