"""Seed 002 ¶11 iv, ¶38: cyber-dependent disseminations (NFIB50A-NFIB52E) and crimes in action
go to the cyber team, which contacts the victim by a day the force sets (1 working day; a
crime in action the same day), stored when the report comes in. The clock is on the cyber
team's Deadlines when due and leaves when the first contact is recorded."""

import io
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from fraudcase.cases import clocks
from fraudcase.core import dates
from fraudcase.core.errors import Conflict, NotPermitted
from fraudcase.intake import services as intake_services
from fraudcase.reports.enums import Route
from fraudcase.reports.models import Report
from fraudcase.streams import cyber

from .conftest import bring_in, received, victim_row

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 11, 27)


def test_a_cyber_code_routes_to_the_cyber_team_due_next_working_day(write_package):
    (report,) = bring_in(write_package, [victim_row(1, fraud_type="nfib52c")], at=received(FRIDAY))
    assert report.route == Route.CYBER
    assert report.route_due == date(2026, 11, 30)  # the Monday
    assert report.log_entries.get().text.endswith("routed to the cyber team.")


def test_a_crime_in_action_is_due_the_same_day(write_package):
    rows = [victim_row(1, fraud_type="NFIB3A", crime_in_action="Y")]
    (report,) = bring_in(write_package, rows, at=received(FRIDAY))
    assert report.route == Route.CRIME_IN_ACTION
    assert report.route_due == FRIDAY


def test_the_force_sets_the_days(write_package, settings):
    settings.FRAUDCASE_CYBER_CONTACT_DAYS = 3
    (report,) = bring_in(write_package, [victim_row(1, fraud_type="NFIB50A")], at=received(FRIDAY))
    assert report.route_due == dates.add_working_days(FRIDAY, 3)


@pytest.mark.parametrize("value", ["-1", "one", "31", "1.5"])
def test_a_days_setting_that_is_not_a_number_of_days_stops_start_up(monkeypatch, value):
    from fraudcase.settings import _working_days

    monkeypatch.setenv("FRAUDCASE_CYBER_CONTACT_DAYS", value)
    with pytest.raises(ImproperlyConfigured, match="FRAUDCASE_CYBER_CONTACT_DAYS"):
        _working_days("FRAUDCASE_CYBER_CONTACT_DAYS", 1)


def test_its_clock_is_on_deadlines_when_due_and_leaves_when_contacted(
    write_package, cyber_officer, assessor, client
):
    rows = [victim_row(1, fraud_type="NFIB52A"), victim_row(2)]
    report, ordinary = bring_in(write_package, rows, at=received(FRIDAY))

    def cyber_items(user, day, scope=clocks.MINE):
        return [i.reference for i in clocks.due_items(user, day, scope) if "cyber" in i.what]

    assert cyber_items(cyber_officer, FRIDAY) == []  # not yet due
    assert cyber_items(cyber_officer, report.route_due) == [report.local_reference]
    # The assessor, outside the cyber team, is not given it.
    assert cyber_items(assessor, report.route_due, clocks.TEAM) == []
    client.force_login(cyber_officer)
    page = client.get("/deadlines/?kind=cyber-contacts").content.decode()
    assert "Cyber team: first contacts" in page
    listed = client.get("/streams/cyber/").content.decode()
    assert report.local_reference in listed and ordinary.local_reference not in listed

    answer = client.post(
        f"/streams/contact/{report.local_reference}/",
        {"method": "phone", "summary": "Called; passwords changed; protect advice given."},
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.route_contacted_at is not None and report.route_due is not None
    assert report.first_update_due is None  # the contact is the victim's first update too
    assert cyber_items(cyber_officer, report.route_due) == []
    assert "First contact by the Cyber crime unit (telephone)" in report.log_entries.first().text
    with pytest.raises(Conflict):
        cyber.record_contact(cyber_officer, report.local_reference, method="phone", summary="x")


def test_only_the_teams_roles_record_the_contact(write_package, assessor, client):
    (report,) = bring_in(write_package, [victim_row(1, fraud_type="NFIB52A")])
    with pytest.raises(NotPermitted):
        cyber.record_contact(assessor, report.local_reference, method="phone", summary="x")
    client.force_login(assessor)
    assert client.get(f"/streams/contact/{report.local_reference}/").status_code == 404
    assert client.get("/streams/cyber/").status_code == 404


def test_a_call_for_service_in_progress_with_a_cyber_code_is_a_crime_in_action(assessor):
    call = intake_services.record_call_for_service(
        assessor,
        intake_services.CallForServiceInput(
            caller_forename="Jo",
            caller_surname="Bloggs",
            caller_phone="",
            caller_postcode="",
            caller_dob=None,
            summary="Someone is in the company server right now, encrypting files",
            fraud_type="NFIB52A",
            loss_gbp=None,
            criteria=["in_progress"],
            other_reason="",
        ),
    )
    assert call.report is not None and call.report.route == Route.CRIME_IN_ACTION
    assert call.report.route_due is not None


def test_a_change_of_the_days_restamps_the_contacts_still_owed(write_package, settings):
    from django.core.management import call_command

    rows = [victim_row(1, fraud_type="NFIB52A"), victim_row(2, fraud_type="NFIB52B")]
    owed, made = bring_in(write_package, rows, at=received(FRIDAY))
    Report.objects.filter(pk=made.pk).update(route_contacted_at=received(FRIDAY, 15))
    settings.FRAUDCASE_CYBER_CONTACT_DAYS = 2
    call_command("recompute_deadlines", stdout=io.StringIO())
    owed.refresh_from_db()
    made.refresh_from_db()
    assert owed.route_due == date(2026, 12, 1)
    assert made.route_due == date(2026, 11, 30)  # kept as it was when the contact was made


def test_the_report_page_says_where_it_went_and_offers_the_contact(
    write_package, cyber_officer, client
):
    (report,) = bring_in(write_package, [victim_row(1, fraud_type="NFIB52E")])
    client.force_login(cyber_officer)
    page = client.get(f"/reports/{report.local_reference}/").content.decode()
    assert "Cyber crime unit: cyber-dependent dissemination" in page
    assert f"/streams/contact/{report.local_reference}/" in page
