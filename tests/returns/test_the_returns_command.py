"""`fraudcase returns nfib --month YYYY-MM --out FILE [--json]`: the month's return for the
whole unit, written to a file, with its figures."""

import json

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.cli import main

from .conftest import london, report

pytestmark = pytest.mark.django_db


def test_json_figures_and_the_file(supervisor, tmp_path, capsys):
    # Received in October: two NFRCs disseminated, one finalised in October, one still open.
    report(
        "NFRC260000000601",
        received=london(2026, 10, 2, 9),
        outcome=1,
        finalised=london(2026, 10, 20, 9),
    )
    report("NFRC260000000602", received=london(2026, 10, 3, 9))
    # Received in September, finalised in October: an outcome in October's return.
    report(
        "NFRC260000000603",
        received=london(2026, 9, 3, 9),
        outcome=18,
        finalised=london(2026, 10, 1, 0, 5),
    )
    out = tmp_path / "october.csv"

    call_command("returns_nfib", month="2026-10", out=out, json=True)

    figures = json.loads(capsys.readouterr().out)
    assert figures == {
        "month": "2026-10",
        "due": "2026-11-10",
        "outcomes": 2,
        "corrections": 0,
        "disseminated": 2,
        "without_outcome": 1,
    }
    written = pl.read_csv(out)
    assert written["NFRC number"].to_list() == ["NFRC260000000601", "NFRC260000000603"]
    xlsx = tmp_path / "october.xlsx"
    call_command("returns_nfib", month="2026-10", out=xlsx)
    assert pl.read_excel(xlsx)["Outcome type"].to_list() == [1, 18]


def test_the_two_word_command_name(supervisor, tmp_path, capsys):
    main(
        [
            "fraudcase",
            "returns",
            "nfib",
            "--month",
            "2026-10",
            "--out",
            str(tmp_path / "x.csv"),
            "--json",
        ]
    )
    assert json.loads(capsys.readouterr().out)["month"] == "2026-10"


@pytest.mark.parametrize(
    ("month", "out", "says"),
    [
        ("2026-13", "x.csv", "YYYY-MM"),
        ("2099-01", "x.csv", "not started"),
        ("2026-10", "x.pdf", ".csv or .xlsx"),
    ],
)
def test_a_wrong_argument_is_named(tmp_path, month, out, says, db):
    with pytest.raises(CommandError, match=says):
        call_command("returns_nfib", month=month, out=tmp_path / out)
