"""Reports with NFRC numbers and outcomes written straight into the tables (as the benchmark's
generator does), so each test says only what it needs: an NFRC, when it was received, when its
outcome was recorded (London time), and who may see it."""

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import HandlingMarking, User
from fraudcase.cases.models import Finalisation
from fraudcase.reports.enums import ReportStatus, Source, VictimType
from fraudcase.reports.models import NFRCNumber, Report, Victim

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def report(
    nfrc: str | None = None,
    *,
    received: datetime | None = None,
    outcome: int | None = None,
    finalised: datetime | None = None,
    by: User | None = None,
    source: str = Source.NFIB_DISSEMINATION,
    marking: str = HandlingMarking.OFFICIAL,
    status: str = ReportStatus.RECORDED,
) -> Report:
    """A report carrying one NFRC number (`nfrc`), finalised with `outcome` at `finalised`."""
    n = next(_numbers)
    received = received or london(2026, 9, 1, 9)
    made = Report.objects.create(
        local_reference=f"RT/{n:06d}/26",
        source=source,
        status=ReportStatus.CLOSED if outcome else status,
        handling_marking=marking,
        received_at=received,
        recording_deadline=received,
    )
    Victim.objects.create(
        report=made, victim_type=VictimType.INDIVIDUAL, forename="Test", surname=f"Victim{n}"
    )
    if nfrc:
        NFRCNumber.objects.create(number=nfrc, report=made)
    if outcome:
        finalise(made, outcome, finalised or received, by)
    return made


def finalise(made: Report, outcome: int, at: datetime, by: User | None) -> Finalisation:
    by = by or User.objects.filter(role=Role.VFT_SUPERVISOR).first()
    assert by is not None
    Report.objects.filter(pk=made.pk).update(status=ReportStatus.CLOSED)
    return Finalisation.objects.create(
        report=made, outcome=outcome, positive=outcome <= 10, finalised_by=by, finalised_at=at
    )
