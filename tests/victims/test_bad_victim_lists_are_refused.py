"""Issue 9: a victim list that would break the scan, or be read wrongly, is refused whole.

A negative loss and a repeated NFRC number are named as bad cells and rows; text saved in
Windows-1252 keeps its accents; a zip bomb or a NUL character is refused, whether the list is
scanned on the command line or uploaded through the API."""

import io

import polars as pl
import pytest

from fraudcase.accounts.services import issue_token
from fraudcase.core.errors import FileRejected
from fraudcase.victims import cli
from fraudcase.victims.models import VictimList, VictimListEntry
from fraudcase.victims.scanning import DEFAULT_COLUMNS, scan_to_frame, scan_victim_list
from tests.victims.test_scan_victim_list import row, write_list
from tests.zipbombs import write_zip_bomb


def problems_of(path):
    with pytest.raises(FileRejected) as rejected:
        scan_to_frame(path)
    return [(p.row, p.column, p.problem) for p in rejected.value.problems]


def test_a_negative_loss_is_a_bad_cell(tmp_path):
    path = write_list(tmp_path, [row(1), row(2, loss_gbp="-250.00")])
    assert problems_of(path) == [(3, "loss_gbp", "A loss cannot be negative")]


def test_a_repeated_nfrc_names_every_row_that_has_it(tmp_path):
    rows = [row(1), row(2), row(3, nfrc=row(1)["nfrc"]), row(4)]
    path = write_list(tmp_path, rows)
    message = (
        f"{row(1)['nfrc']} is on more than one row (2, 4): each NFRC number belongs on one row"
    )
    assert problems_of(path) == [(2, "nfrc", message), (4, "nfrc", message)]


@pytest.mark.django_db
def test_a_repeated_nfrc_is_never_dropped_on_upload(fvo, client, tmp_path):
    path = write_list(tmp_path, [row(1), row(1, surname="Other")])
    with path.open("rb") as handle:
        response = client.post(
            "/api/v1/victim-lists",
            {"file": handle},
            headers={"Authorization": f"Bearer {issue_token(fvo, 'test')}"},
        )
    assert response.status_code == 422
    assert [p["row"] for p in response.json()["problems"]] == [2, 3]
    assert VictimListEntry.objects.count() == 0


def windows_list(tmp_path, forename: bytes) -> object:
    cells = {**row(1), "forename": "@"}
    heading = ",".join(DEFAULT_COLUMNS)
    line = ",".join(str(cells.get(c, "")) for c in DEFAULT_COLUMNS)
    path = tmp_path / "windows.csv"
    path.write_bytes(f"{heading}\n{line}\n".encode().replace(b"@", forename))
    return path


def test_windows_1252_names_keep_their_accents(tmp_path):
    path = windows_list(tmp_path, "José".encode("cp1252"))
    _, frame = scan_to_frame(path)
    assert frame["forename"].to_list() == ["José"]
    assert "\ufffd" not in frame["forename"][0]


def test_a_byte_that_is_no_text_is_refused_with_its_row(tmp_path):
    path = windows_list(tmp_path, b"Jos\x9d")
    (problem,) = problems_of(path)
    assert problem[0] == 2
    assert "0x9D" in problem[2]


def test_a_nul_in_a_cell_is_named(tmp_path):
    path = write_list(tmp_path, [row(1, narrative="rang\x00")])
    assert [(r, c) for r, c, _ in problems_of(path)] == [(2, "narrative")]


def test_the_scan_command_refuses_a_zip_bomb_in_one_line(tmp_path, settings):
    settings.FRAUDCASE_MAX_XLSX_EXPANDED_BYTES = 20 * 1024 * 1024
    bomb = write_zip_bomb(tmp_path / "list.xlsx", 40)
    out, err = io.StringIO(), io.StringIO()
    status = cli.run(
        {"file": bomb, "out": tmp_path / "out.csv", "profile": "default", "json": False},
        stdout=out,
        stderr=err,
    )
    assert status == 1
    assert err.getvalue().count("\n") == 1
    assert "expands to 40 MB, more than the 20 MB allowed" in err.getvalue()
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.django_db
def test_the_api_refuses_a_zip_bomb_list(fvo, client, tmp_path, settings):
    settings.FRAUDCASE_MAX_XLSX_EXPANDED_BYTES = 20 * 1024 * 1024
    bomb = write_zip_bomb(tmp_path / "list.xlsx", 40)
    with bomb.open("rb") as handle:
        response = client.post(
            "/api/v1/victim-lists",
            {"file": handle},
            headers={"Authorization": f"Bearer {issue_token(fvo, 'test')}"},
        )
    assert response.status_code == 422
    assert "more than the 20 MB allowed" in response.json()["problems"][0]["problem"]
    assert VictimList.objects.count() == 0


def test_a_clean_list_is_still_scanned(tmp_path):
    path = write_list(tmp_path, [row(1), row(2)])
    result = scan_victim_list(path, out=tmp_path / "out.csv")
    assert result.rows == 2
    assert pl.read_csv(tmp_path / "out.csv").height == 2
