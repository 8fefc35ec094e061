"""`fraudcase sars import FILE` and `fraudcase daml deadlines --json` (issue 14, item 8)."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fraudcase.finance.models import Sar
from tests.finance.conftest import a_sar

pytestmark = pytest.mark.django_db

HEADINGS = "ukfiu_reference,disclosed_on,reporting_institution,subjects,reason,daml\n"


def test_the_command_imports_and_refuses_a_bad_file_whole(tmp_path, finint, named):
    good = tmp_path / "sars.csv"
    good.write_text(HEADINGS + "2026-0000001,2026-11-02,Castle Bank,Marcus Hale,Funds,yes\n")
    out = StringIO()
    call_command("sars_import", str(good), "--user", "finint", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"added": 1, "already": 0}
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADINGS + "2026-0000002,someday,Castle Bank,Marcus Hale,Funds,yes\n")
    with pytest.raises(CommandError):
        call_command("sars_import", str(bad), "--user", "finint", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("sars_import", str(good), "--user", "named", stdout=StringIO())
    assert Sar.objects.count() == 1


def test_daml_deadlines_lists_each_open_request_soonest_first(finint):
    today = timezone.localdate()
    late = a_sar(finint, "2026-0000001", daml=True, disclosed_on=today - timedelta(days=30))
    soon = a_sar(finint, "2026-0000002", daml=True)
    a_sar(finint, "2026-0000003")  # asks no consent
    out = StringIO()
    call_command("daml_deadlines", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["ukfiu_reference"] for r in rows] == [late.ukfiu_reference, soon.ukfiu_reference]
    assert rows[0]["status"] == "overdue" and rows[1]["deadline"] == soon.notice_ends.isoformat()
