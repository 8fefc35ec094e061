"""The month's SARs imported from the UKFIU (csv or xlsx, docs/admin-guide.md "Importing SARs"):
a bad file is refused whole with every (row, column, problem) and changes nothing; importing the
same file again creates nothing twice."""

import polars as pl
import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import FileRejected
from fraudcase.finance import importing, rules
from fraudcase.finance.models import Sar

pytestmark = pytest.mark.django_db


def row(n, **overrides):
    values = {
        "ukfiu_reference": f"2026-{n:07d}",
        "disclosed_on": "2026-11-02",
        "reporting_institution": "Castle Bank plc",
        "subjects": "Marcus Hale; Hale Trading Ltd",
        "reason": "Rapid movement of funds",
        "amount_gbp": "1,250.50",
        "daml": "no",
        "linked_references": "",
        "named_users": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def write(tmp_path):
    def write_file(rows, suffix=".csv"):
        frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
        path = tmp_path / f"sars{suffix}"
        frame.write_excel(path) if suffix == ".xlsx" else frame.write_csv(path)
        return path

    return write_file


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_months_sars_are_imported_with_their_clocks(write, finint, named, suffix):
    path = write(
        [row(1), row(2, daml="yes", named_users="named", disclosed_on="06/11/2026"), row(3)],
        suffix,
    )
    done = importing.import_sars(path, user=finint)
    assert (done.added, done.already) == (3, 0)
    asks = Sar.objects.get(ukfiu_reference="2026-0000002")
    assert asks.daml_state == rules.DamlState.AWAITING
    assert asks.notice_ends == asks.daml_due == rules.notice_period_ends(asks.disclosed_on)
    assert list(asks.named_users.all()) == [named]
    first = Sar.objects.get(ukfiu_reference="2026-0000001")
    assert first.subject_list == ["Marcus Hale", "Hale Trading Ltd"]
    assert str(first.amount_gbp) == "1250.50" and first.daml_state == rules.DamlState.NONE
    assert AuditEvent.objects.filter(object_type="sar", action="collection").count() == 3


def test_importing_the_same_file_again_creates_nothing_twice(write, finint):
    path = write([row(1), row(2)])
    importing.import_sars(path, user=finint)
    again = importing.import_sars(write([row(1), row(2), row(3)]), user=finint)
    assert (again.added, again.already) == (1, 2)
    assert Sar.objects.count() == 3


def test_a_bad_file_is_refused_whole_with_every_problem(write, finint):
    tomorrow = timezone.localdate().toordinal() + 1
    future = type(timezone.localdate()).fromordinal(tomorrow).isoformat()
    path = write(
        [
            row(1),
            row(2, ukfiu_reference="bad ref!", amount_gbp="lots"),
            row(3, disclosed_on="31/02/2026", daml="perhaps"),
            row(4, reason="", named_users="nobody"),
            row(1, disclosed_on=future),
        ]
    )
    with pytest.raises(FileRejected) as refused:
        importing.import_sars(path, user=finint)
    found = {(p.row, p.column) for p in refused.value.problems}
    assert found == {
        (2, "ukfiu_reference"),
        (3, "ukfiu_reference"),
        (3, "amount_gbp"),
        (4, "disclosed_on"),
        (4, "daml"),
        (5, "reason"),
        (5, "named_users"),
        (6, "ukfiu_reference"),
        (6, "disclosed_on"),
    }
    assert not Sar.objects.exists()
    assert not AuditEvent.objects.filter(object_type="sar").exists()


def test_a_file_without_a_required_heading_is_refused(write, finint):
    path = write([{k: v for k, v in row(1).items() if k != "reason"}])
    with pytest.raises(FileRejected) as refused:
        importing.import_sars(path, user=finint)
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "reason")]


def test_the_import_page_and_the_api_show_every_problem(client, write, finint):
    client.force_login(finint)
    bad = write([row(1, reason=""), row(2, daml="maybe")])
    with bad.open("rb") as handle:
        page = client.post("/finance/sars/import/", {"file": handle})
    assert page.status_code == 422
    assert "Enter the reason for suspicion" in page.content.decode()
    with bad.open("rb") as handle:
        answer = client.post("/api/v1/sars/import", {"file": handle})
    assert answer.status_code == 422
    assert [(p["row"], p["column"]) for p in answer.json()["problems"]] == [
        (2, "reason"),
        (3, "daml"),
    ]
    good = write([row(1), row(2)])
    with good.open("rb") as handle:
        answer = client.post("/api/v1/sars/import", {"file": handle})
    assert answer.status_code == 201 and answer.json() == {"added": 2, "already": 0}
    with good.open("rb") as handle:
        assert client.post("/finance/sars/import/", {"file": handle}).status_code == 302
    assert Sar.objects.count() == 2


def test_only_the_financial_intelligence_team_imports(write, named):
    from fraudcase.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        importing.import_sars(write([row(1)]), user=named)
