"""Issue 9: two people import the same package at the same moment.

The import is one transaction; the package reference and every NFRC number are unique in the
database. The loser of the race is told the package is already being imported (or was just
recorded) - a page message, a 409 from the API, one line from the command line - and nothing
of its file is written; the winner's import is whole."""

import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from fraudcase.accounts.services import issue_token
from fraudcase.core.errors import ImportClash
from fraudcase.intake.importing import ImportResult, import_nfib_package
from fraudcase.reports.models import DisseminationPackage, NFRCNumber, Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_of_two_simultaneous_imports_is_told(assessor, example_package):
    both_checked = threading.Barrier(2, timeout=30)
    outcomes: list = []

    def progress(stage, percent):
        if percent == 60:  # both have checked the file; now both write
            both_checked.wait()

    def run():
        try:
            outcomes.append(import_nfib_package(example_package, user=assessor, progress=progress))
        except Exception as error:  # any other failure is what this test catches
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    won = [o for o in outcomes if isinstance(o, ImportResult)]
    lost = [o for o in outcomes if not isinstance(o, ImportResult)]
    assert len(won) == 1 and won[0].created == 4, outcomes
    assert len(lost) == 1 and isinstance(lost[0], ImportClash), outcomes
    assert "already being imported" in lost[0].message
    assert Report.objects.count() == 4
    assert NFRCNumber.objects.count() == 4


@pytest.fixture
def package_being_written():
    """Another import, mid-transaction: it has written the package row and not yet committed."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a server that lets a second writer wait (PostgreSQL)")
    written = threading.Event()

    def hold():
        try:
            with transaction.atomic():
                DisseminationPackage.objects.create(
                    package_ref="NFIB-PKG-10001",
                    disseminated_on="2026-10-05",
                    received_at=timezone.now(),
                )
                written.set()
                time.sleep(1.5)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert written.wait(10)
    yield
    thread.join(30)


def test_the_api_answers_409(assessor, client, example_package, package_being_written):
    token = issue_token(assessor, "test")
    with example_package.open("rb") as handle:
        response = client.post(
            "/api/v1/imports/nfib-package",
            {"file": handle},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 409
    assert "NFIB-PKG-10001" in response.json()["detail"]
    assert "already being imported" in response.json()["detail"]
    assert Report.objects.count() == 0


def test_the_command_line_answers_in_one_line(assessor, example_package, package_being_written):
    with pytest.raises(CommandError) as error:
        call_command("import_nfib_package", str(example_package))
    assert "\n" not in str(error.value)
    assert "already being imported" in str(error.value)
