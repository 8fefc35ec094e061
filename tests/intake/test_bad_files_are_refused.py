"""Issue 9: a package file that would break the importer is refused with a clear reason.

Zip bombs (an xlsx that unpacks to far more than it weighs), NUL characters in cells, and
csv files saved in Windows-1252 by Excel."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.accounts.services import issue_token
from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import DEFAULT_COLUMNS, import_nfib_package
from fraudcase.reports.models import Report, Victim
from tests.conftest import victim_row
from tests.zipbombs import lie_about_sizes, write_zip_bomb

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_caps(settings):
    """Caps small enough that a bomb is quick to build in a test."""
    settings.FRAUDCASE_MAX_XLSX_EXPANDED_BYTES = 20 * 1024 * 1024
    return settings


@pytest.fixture
def bomb(tmp_path, small_caps):
    return write_zip_bomb(tmp_path / "package.xlsx", 40)


def test_a_zip_bomb_is_refused_before_it_is_read(assessor, bomb):
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(bomb, user=assessor)
    problem = rejected.value.problems[0]
    assert problem.row == 0
    assert "expands to 40 MB, more than the 20 MB allowed" in problem.problem
    assert Report.objects.count() == 0


def test_a_zip_bomb_that_lies_about_its_size_is_still_stopped(assessor, bomb):
    lie_about_sizes(bomb)
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(bomb, user=assessor)
    assert "more than the 20 MB allowed" in rejected.value.problems[0].problem


def test_a_sheet_with_too_many_rows_is_refused(assessor, tmp_path, settings):
    settings.FRAUDCASE_MAX_IMPORT_ROWS = 1000
    path = write_zip_bomb(tmp_path / "long.xlsx", 1)
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert "more than the 1,000 allowed" in rejected.value.problems[0].problem


def test_a_sheet_that_says_it_is_too_long_is_refused_at_once(assessor, tmp_path, settings):
    settings.FRAUDCASE_MAX_IMPORT_ROWS = 1000
    path = write_zip_bomb(tmp_path / "long.xlsx", 0, dimension_rows=5_000_000)
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert "4,999,999 rows, more than the 1,000 allowed" in rejected.value.problems[0].problem


def test_a_csv_with_too_many_rows_or_bytes_is_refused(assessor, write_package, settings):
    path = write_package([victim_row(n) for n in range(5)])
    settings.FRAUDCASE_MAX_IMPORT_ROWS = 4
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert "more than the 4 allowed" in rejected.value.problems[0].problem
    settings.FRAUDCASE_MAX_IMPORT_ROWS = 100
    settings.FRAUDCASE_MAX_CSV_BYTES = 100
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert "more than the 0.0 MB allowed" in rejected.value.problems[0].problem


def test_an_ordinary_xlsx_is_still_imported(assessor, write_package):
    path = write_package([victim_row(n) for n in range(3)], suffix=".xlsx")
    assert import_nfib_package(path, user=assessor).created == 3


def test_the_api_answers_422_for_a_zip_bomb(assessor, client, bomb):
    token = issue_token(assessor, "test")
    with bomb.open("rb") as handle:
        response = client.post(
            "/api/v1/imports/nfib-package",
            {"file": handle},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 422
    body = response.json()
    assert "expands to 40 MB, more than the 20 MB allowed" in body["problems"][0]["problem"]


def test_the_command_line_says_so_in_one_line(assessor, bomb):
    with pytest.raises(CommandError) as error:
        call_command("import_nfib_package", str(bomb))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("File rejected: The spreadsheet expands to 40 MB")
    assert message.endswith("Nothing was imported.")


def test_the_upload_page_shows_the_error_summary(assessor, client, bomb):
    client.force_login(assessor)
    upload = SimpleUploadedFile("package.xlsx", bomb.read_bytes())
    response = client.post("/imports/nfib-package/", {"file": upload, "profile": "default"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "expands to 40 MB, more than the 20 MB allowed" in page
    assert Report.objects.count() == 0


def test_the_check_runs_in_bounded_memory(tmp_path):
    """A 1.2 GB bomb, lying about its size, checked by a process allowed 1 GB in all."""
    path = lie_about_sizes(write_zip_bomb(tmp_path / "big.xlsx", 1200))
    script = textwrap.dedent(
        """
        import resource, sys
        from pathlib import Path
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
        from fraudcase.core.errors import FileRejected
        from fraudcase.core.tables import read_text_table
        try:
            read_text_table(Path(sys.argv[1]))
        except FileRejected as rejected:
            print(rejected.problems[0].problem)
        """
    )
    # Rows uncapped, so that it is the bytes it unpacks to that stop it.
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "src"),
        "FRAUDCASE_MAX_IMPORT_ROWS": str(10**9),
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "more than the 800 MB allowed" in done.stdout


def test_a_nul_in_a_cell_is_named(assessor, write_package):
    path = write_package([victim_row(1), victim_row(2, surname="Vic\x00tim")])
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(3, "surname")]
    assert "NUL character" in rejected.value.problems[0].problem
    assert Report.objects.count() == 0


def test_a_nul_in_a_cell_is_named_on_the_command_line(assessor, write_package, capsys):
    path = write_package([victim_row(1, narrative="paid\x00")])
    with pytest.raises(CommandError):
        call_command("import_nfib_package", str(path), "--json")
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, "narrative")]


def test_a_windows_1252_csv_keeps_its_accents(assessor, tmp_path):
    heading = ",".join(DEFAULT_COLUMNS)
    row = victim_row(1, forename="José", surname="Müller")
    line = ",".join(str(row.get(c, "")) for c in DEFAULT_COLUMNS)
    path = tmp_path / "windows.csv"
    path.write_bytes(f"{heading}\n{line}\n".encode("cp1252"))
    import_nfib_package(path, user=assessor)
    victim = Victim.objects.get()
    assert (victim.forename, victim.surname) == ("José", "Müller")


def test_a_byte_that_is_no_text_at_all_is_refused_with_its_row(assessor, tmp_path):
    heading = ",".join(DEFAULT_COLUMNS)
    lines = [",".join(str(victim_row(n).get(c, "")) for c in DEFAULT_COLUMNS) for n in range(3)]
    path = tmp_path / "broken.csv"
    data = f"{heading}\n{lines[0]}\n{lines[1]}\n".encode() + lines[2].encode().replace(
        b"Test", b"Te\x81st"
    )
    path.write_bytes(data)
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=assessor)
    problem = rejected.value.problems[0]
    assert problem.row == 4
    assert "0x81" in problem.problem
