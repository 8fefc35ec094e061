"""`fraudcase demo-data` gives a demo that works, and running it again adds nothing."""

import pytest
from django.core.management import call_command

from fraudcase.accounts.models import User
from fraudcase.cases.models import Case, Finalisation
from fraudcase.intake.models import CallForService
from fraudcase.reports.models import Identifier, Report
from fraudcase.triage.models import Assessment
from fraudcase.victims.models import VictimList

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Report.objects.count(),
        CallForService.objects.count(),
        Assessment.objects.count(),
        VictimList.objects.count(),
        Case.objects.count(),
        Finalisation.objects.count(),
    )


def test_demo_data_loads_once(capsys):
    call_command("demo_data", "--victims", "80", "--quiet")
    first = counts()
    assert first[0] == 12 and first[1] > 70 and first[3] == 6 and first[4] == 1
    assert first[5:] == (2, 1)  # one case under investigation, one finalised
    assert User.objects.get(username="admin").check_password("fraudcase-demo")
    # Suspect identifiers are shared across reports, so search and linking have something to find.
    shared = Identifier.objects.values("normalised").distinct().count()
    assert shared < Identifier.objects.count()
    call_command("demo_data", "--victims", "80", "--quiet")
    assert counts() == first


def test_the_demo_audit_log_verifies_out_of_the_box(settings, capsys):
    """demo-data anchors the log with a checkpoint: `fraudcase audit verify` needs one."""
    settings.AUDIT_KEY = settings.AUDIT_KEY_FILE = settings.AUDIT_CHECKPOINT_FILE = ""
    call_command("demo_data", "--victims", "20", "--quiet")
    call_command("audit_verify")
    assert "Agrees with 1 checkpoint(s)" in capsys.readouterr().out
