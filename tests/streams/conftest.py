"""People who work the streams, requests and incidents made through the services, and the cyber
team with routed reports brought in through the real import."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.streams import services
from tests.conftest import _person, victim_row


@pytest.fixture
def finint(ecu):
    """A financial intelligence officer in the ECU, cleared to OFFICIAL-SENSITIVE."""
    return _person("finint", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def analyst(ecu):
    """The unit's analyst, cleared to OFFICIAL only."""
    return _person("analyst", Role.ANALYST, HandlingMarking.OFFICIAL, ecu)


def a_request(user, team, **overrides):
    """An EIO from France received today, with the unit's default due date."""
    fields = {
        "kind": "eio",
        "country": "FR",
        "authority": "Parquet de Paris",
        "their_reference": "PDP-2026-114",
        "received_on": timezone.localdate(),
        "asked_for": "banking",
        "asked_for_detail": "Statements for two accounts",
        "officer": user,
        "team": team,
        "response_due": None,
        "handling_marking": HandlingMarking.OFFICIAL,
        "restricted_to_team": None,
    } | overrides
    return services.record_request(user, services.RequestInput(**fields))


def an_incident(user, **overrides):
    """A Banking Protocol call two hours ago, attended after 20 minutes, no offence."""
    called = timezone.now() - timedelta(hours=2)
    fields = {
        "bank_name": "Castle Bank",
        "branch_name": "Leicester Gallowtree Gate",
        "branch_postcode": "LE1 5AD",
        "called_at": called,
        "attended": True,
        "attended_at": called + timedelta(minutes=20),
        "attending_officer": "PC 1234",
        "victim_name": "Edith Marsh",
        "victim_dob": date(1938, 4, 2),
        "victim_postcode": "LE2 2FD",
        "safeguarded": True,
        "safeguarding": "Payment stopped; family told",
        "results": ["no_offence"],
        "crime_reference": "",
        "notes": "",
    } | overrides
    return services.record_incident(user, services.IncidentInput(**fields))


def in_month(year: int, month: int, day: int = 10, hour: int = 11) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def cyber_team(db):
    return Team.objects.create(name="Cyber Crime Unit", kind=TeamKind.CYBER)


@pytest.fixture
def cyber_officer(cyber_team):
    """An investigator in the cyber crime unit."""
    return _person("cyber", Role.INVESTIGATOR, HandlingMarking.OFFICIAL, cyber_team)


def received(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def bring_in(write_package, rows, *, at: datetime | None = None, user=None) -> list[Report]:
    """Import `rows` (victim_row dicts), received `at`; the reports made, in row order."""
    path = write_package(rows)
    import_nfib_package(
        path,
        user=user,
        received_at=at,
        received_reason="Received earlier; imported for the test" if at else "",
    )
    return [Report.objects.get(nfrc_numbers__number=row["nfrc"]) for row in rows]


__all__ = ["bring_in", "received", "victim_row"]
