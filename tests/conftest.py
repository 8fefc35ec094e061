"""Personas with real roles, and helpers to write package files, shared by every test."""

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind, User

# Copies of ../shared/examples, so the suite runs from any checkout.
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "attachments"
    settings.DATA_DIR = tmp_path


@pytest.fixture(autouse=True)
def _figures_worked_out_each_time(settings):
    """Tests see the figures of the data they made: nothing kept from another test (each test
    its own cache in memory, not the files parallel test runs would share), and the board's
    timings worked out on every visit (tests/cases/test_the_board_keeps_its_timings.py tests
    keeping them)."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    settings.FRAUDCASE_BOARD_TIMINGS_SECONDS = 0


@pytest.fixture
def vft(db):
    return Team.objects.create(name="Volume Fraud Team", kind=TeamKind.VFT)


@pytest.fixture
def ecu(db):
    return Team.objects.create(name="Economic Crime Unit", kind=TeamKind.ECU)


def _person(username, role, clearance, *teams, **extra):
    user = User.objects.create_user(
        username,
        password="correct-horse-battery",
        role=role,
        clearance=clearance,
        first_name=username.title(),
        **extra,
    )
    user.teams.set(teams)
    return user


@pytest.fixture
def assessor(vft):
    """A VFT assessor cleared to OFFICIAL only."""
    return _person("assessor", Role.ASSESSOR, HandlingMarking.OFFICIAL, vft)


@pytest.fixture
def supervisor(vft):
    return _person("supervisor", Role.VFT_SUPERVISOR, HandlingMarking.OFFICIAL_SENSITIVE, vft)


@pytest.fixture
def ecu_investigator(ecu):
    return _person("ecu_investigator", Role.INVESTIGATOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu)


@pytest.fixture
def administrator(ecu):
    return _person(
        "administrator", Role.ADMINISTRATOR, HandlingMarking.OFFICIAL_SENSITIVE, ecu, is_staff=True
    )


@pytest.fixture
def example_package():
    return EXAMPLES / "nfib-package-example.csv"


@pytest.fixture
def write_package(tmp_path):
    """Write rows (dicts of default columns, missing ones blank) to a csv and return its path."""
    from fraudcase.intake.importing import DEFAULT_COLUMNS

    counter = iter(range(1000))

    def write(rows, *, columns=None, suffix=".csv"):
        columns = columns or DEFAULT_COLUMNS
        frame = pl.DataFrame(
            [{c: str(row.get(c, "")) for c in columns} for row in rows],
            schema=dict.fromkeys(columns, pl.String),
        )
        path = tmp_path / f"package-{next(counter)}{suffix}"
        if suffix == ".xlsx":
            frame.write_excel(path)
        else:
            frame.write_csv(path)
        return path

    return write


def victim_row(n, **overrides):
    row = {
        "package_ref": "NFIB-PKG-1",
        "nfrc": f"NFRC26100000{n:04d}",
        "disseminated_on": "2026-10-05",
        "fraud_type": "NFIB3A",
        "victim_type": "Individual",
        "forename": "Test",
        "surname": f"Victim{n}",
        "dob": "1950-01-01",
        "postcode": "LE1 1AA",
        "loss_gbp": "100.00",
        "narrative": "Paid for goods never sent",
    }
    row.update(overrides)
    return row


@pytest.fixture
def protect(db):
    return Team.objects.create(name="Protect", kind=TeamKind.PROTECT)


@pytest.fixture
def fvo(protect):
    """The Fraud Vulnerability Officer."""
    return _person("fvo", Role.FVO, HandlingMarking.OFFICIAL, protect)


@pytest.fixture
def pcso(protect):
    """The safeguarding PCSO who makes the visits."""
    return _person("pcso", Role.SAFEGUARDING, HandlingMarking.OFFICIAL, protect)


# ---------------------------------------------------------------- a report walked on
# Through the same services users go through, shared by the triage and case tests.

ALBERT = "NFRC261010000004"  # aged 89, courier fraud: tier 4 by the matrix in `form()`
OCTOBER_6 = datetime(2026, 10, 6, 9, 0, tzinfo=UTC)  # when the example package was received


@pytest.fixture
def vft_investigator(vft):
    """A PIP 1 investigator in the Volume Fraud Team."""
    return _person(
        "vft_investigator",
        Role.INVESTIGATOR,
        HandlingMarking.OFFICIAL,
        vft,
        experience="pip1",
        case_capacity=3,
    )


@pytest.fixture
def evaluator(vft):
    return _person(
        "evaluator", Role.EVALUATOR, HandlingMarking.OFFICIAL_SENSITIVE, vft, experience="pip2"
    )


@pytest.fixture
def assessed(assessor, example_package, client):
    from fraudcase.intake.importing import import_nfib_package
    from fraudcase.reports.models import Report
    from tests.triage.test_assess_a_report import assess_on_the_pages, form

    # Received in October, so the Victims' Code clocks have long started.
    import_nfib_package(
        example_package,
        user=assessor,
        received_at=OCTOBER_6,
        received_reason="Received in October; imported for the test",
    )
    albert = Report.objects.get(nfrc_numbers__number=ALBERT)
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form())
    client.logout()
    albert.refresh_from_db()
    assert albert.status == "assessed"
    return albert


def call_for_service(user, **overrides):
    """Joan Patel's call for service about a courier fraud, accepted because she is vulnerable
    (a report is recorded); `overrides` change any field of the form."""
    from fraudcase.intake import services

    fields = {
        "caller_forename": "Joan",
        "caller_surname": "Patel",
        "caller_phone": "",
        "caller_postcode": "",
        "caller_dob": None,
        "summary": "Courier took cash",
        "fraud_type": "",
        "loss_gbp": None,
        "criteria": ["victim_vulnerable"],
        "other_reason": "",
    } | overrides
    return services.record_call_for_service(user, services.CallForServiceInput(**fields))
