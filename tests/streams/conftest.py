"""The cyber team and its members, and routed reports brought in through the real import."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from tests.conftest import _person, victim_row

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
