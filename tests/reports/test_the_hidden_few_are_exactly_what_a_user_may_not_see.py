"""The performance pack counts a user's figures as "rows not on a report hidden from them"
(`hidden_reports`, read from a small partial index) instead of joining every report: the
hidden reports must be exactly the complement of the visible ones, for every kind of user,
or a figure would count what its reader may not see."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from fraudcase.accounts.models import HandlingMarking, Role, User
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from fraudcase.reports.models import Report, StatusChange
from fraudcase.reports.rules import Transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(assessor, example_package, ecu, vft):
    """Four reports: two ordinary, one OFFICIAL-SENSITIVE, one restricted to the ECU."""
    import_nfib_package(example_package, user=assessor)
    sensitive = Report.objects.get(nfrc_numbers__number="NFRC261010000004")
    sensitive.handling_marking = HandlingMarking.OFFICIAL_SENSITIVE
    sensitive.save()
    ecu_only = Report.objects.get(nfrc_numbers__number="NFRC261010000003")
    ecu_only.restricted_to_team = ecu
    ecu_only.save()
    return {"sensitive": sensitive, "ecu_only": ecu_only}


def _no_team_cleared(db):
    return User.objects.create_user(
        "cleared", role=Role.ANALYST, clearance=HandlingMarking.OFFICIAL_SENSITIVE
    )


def test_hidden_and_visible_split_every_report_for_every_kind_of_user(
    mixed, assessor, supervisor, ecu_investigator, db
):
    cleared_without_team = _no_team_cleared(db)
    gone = User.objects.create_user("gone", role=Role.ANALYST, is_active=False)
    everything = set(Report.objects.values_list("pk", flat=True))
    for user in (assessor, supervisor, ecu_investigator, cleared_without_team, gone):
        visible = set(services.visible_reports(user).values_list("pk", flat=True))
        hidden = set(services.hidden_reports(user).values_list("pk", flat=True))
        assert visible.isdisjoint(hidden), user
        assert visible | hidden == everything, user


def test_the_assessor_cleared_to_official_is_hidden_both_kinds(mixed, assessor):
    hidden = set(services.hidden_reports(assessor))
    assert hidden == {mixed["sensitive"], mixed["ecu_only"]}


def test_the_ecu_investigator_is_hidden_nothing(mixed, ecu_investigator):
    assert not services.hidden_reports(ecu_investigator).exists()


def test_rows_on_reports_are_filtered_the_same_both_ways(mixed, assessor, supervisor):
    for user in (assessor, supervisor):
        joined = set(
            StatusChange.objects.filter(services.on_visible_reports(user)).values_list(
                "pk", flat=True
            )
        )
        anti = set(
            StatusChange.objects.filter(services.off_hidden_reports(user)).values_list(
                "pk", flat=True
            )
        )
        assert joined == anti


def test_a_move_keeps_its_whole_days_from_receipt(assessed):
    move = StatusChange.objects.filter(transition=Transition.ASSESS).latest("at")
    report = move.report
    assert move.days_from_receipt == (move.at - report.received_at).days


def test_the_migration_fills_the_days_of_moves_made_before_it(assessed):
    migration = importlib.import_module(
        "fraudcase.reports.migrations.0016_statuschange_days_and_pack_indexes"
    )
    move = StatusChange.objects.filter(transition=Transition.ASSESS).latest("at")
    StatusChange.objects.filter(pk=move.pk).update(days_from_receipt=None)
    with connection.cursor() as cursor:
        # What the migration's RunPython is given: the connection, and a way to run SQL.
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        migration.fill_days(None, editor)
    move.refresh_from_db()
    assert move.days_from_receipt == (move.at - move.report.received_at).days
