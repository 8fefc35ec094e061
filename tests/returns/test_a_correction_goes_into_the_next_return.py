"""§5.7, DOMAIN.md "The monthly NFIB return": an outcome recorded or changed after its month's
return was sent goes into the next return, marked as a correction."""

from datetime import date

import pytest
from django.core.management import call_command

from fraudcase.cases.models import Finalisation
from fraudcase.returns import services

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_a_late_outcome_for_a_sent_month_is_a_correction_next_month(supervisor):
    report("NFRC260000000301", outcome=1, finalised=london(2026, 10, 3, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    # Recorded afterwards but dated in October (e.g. loaded in bulk): October is sent.
    report("NFRC260000000302", outcome=18, finalised=london(2026, 10, 30, 12))
    report("NFRC260000000303", outcome=3, finalised=london(2026, 11, 6, 12))

    november = services.month_return(None, 2026, 11, today=date(2026, 12, 1))

    rows = {r["nfrc"]: r["correction"] for r in november.rows}
    assert rows == {"NFRC260000000302": True, "NFRC260000000303": False}
    assert (november.outcomes, november.corrections) == (1, 1)
    assert november.is_next


def test_a_changed_outcome_is_sent_again_as_a_correction(supervisor):
    report("NFRC260000000311", outcome=14, finalised=london(2026, 10, 3, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    changed = Finalisation.objects.get()
    changed.outcome = 1
    changed.save()

    november = services.month_return(None, 2026, 11, today=date(2026, 12, 1))

    [row] = november.rows
    assert (row["nfrc"], row["outcome"], row["correction"]) == ("NFRC260000000311", 1, True)
    # Once the next return is sent with it, it is returned and corrects nothing more.
    services.mark_sent(supervisor, 2026, 11, "csv", today=date(2026, 12, 1))
    assert services.month_return(None, 2026, 12, today=date(2027, 1, 4)).corrections == 0


def test_the_month_after_the_next_carries_no_corrections(supervisor):
    report("NFRC260000000321", outcome=1, finalised=london(2026, 10, 3, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    report("NFRC260000000322", outcome=1, finalised=london(2026, 10, 30, 12))
    december = services.month_return(None, 2026, 12, today=date(2027, 1, 4))
    assert december.corrections == 0 and not december.is_next


def test_an_outcome_changed_behind_the_apps_back_is_found_and_restated(supervisor):
    """A change made straight in the database (not through fraudcase) leaves the stored state
    stale: `misstated` finds it and `restate` puts the NFRC back on the gap list."""
    report("NFRC260000000331", outcome=14, finalised=london(2026, 10, 3, 12))
    services.mark_sent(supervisor, 2026, 10, "csv", today=date(2026, 11, 5))
    assert services.misstated() == 0
    Finalisation.objects.update(outcome=1)
    assert services.misstated() == 1
    call_command("returns_restate")
    assert services.misstated() == 0
    [row] = services.month_return(None, 2026, 11, today=date(2026, 12, 1)).rows
    assert (row["nfrc"], row["correction"]) == ("NFRC260000000331", True)
