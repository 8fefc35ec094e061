"""The monthly pack as PDF (charts included) and xlsx (a sheet per measure) holds the same
figures as the dashboard; `fraudcase pack` writes it for the whole unit."""

import io

import openpyxl
import pypdf
from django.core.management import call_command

from fraudcase.performance import services
from fraudcase.performance.registry import MEASURES


def test_the_xlsx_has_a_sheet_per_measure_with_the_figures(client, unit, month, manager):
    client.force_login(manager)
    answer = client.get(f"/performance/pack.xlsx?month={month[0]:04d}-{month[1]:02d}")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert len(book.sheetnames) == len(MEASURES)
    pack = services.pack(manager, *month)
    for sheet, computed in zip(book.worksheets, pack, strict=True):
        rows = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
        assert rows == [list(row) for row in computed.table.plain()], computed.measure.key


def test_the_pdf_opens_and_holds_the_figures(client, unit, month, manager):
    client.force_login(manager)
    answer = client.get(f"/performance/pack.pdf?month={month[0]:04d}-{month[1]:02d}")
    assert answer.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(answer.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for measure in MEASURES.values():
        assert measure.title in text.replace("\n", " ")
    assert "Outcome rate (%)" in text
    assert "16.7" in text  # 1 positive outcome against 6 disseminations
    assert "320.0" in text  # the average loss
    assert any(page.images for page in reader.pages)  # the charts


def test_the_command_writes_the_whole_unit_pack(unit, month, tmp_path):
    out = tmp_path / "pack.xlsx"
    call_command("pack", "--month", f"{month[0]:04d}-{month[1]:02d}", "--out", str(out))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert values[-1][:2] == ["All sources", 6]
    pdf = tmp_path / "pack.pdf"
    call_command("pack", "--month", f"{month[0]:04d}-{month[1]:02d}", "--out", str(pdf))
    assert pypdf.PdfReader(pdf).pages
