"""Material on a referral is checked by what the file is, not by the name or the label the
browser gave it; it is stored and served as the type read from its content."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fraudcase.reports.models import Attachment, Report
from tests.intake.test_record_referral import FORM

pytestmark = pytest.mark.django_db

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def office(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/x.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.{main_part}+xml"/></Types>',
        )
        archive.writestr("x.xml", "<x/>")
    return buffer.getvalue()


def refer(client, name, content, label, url="/referrals/new/"):
    field = "files" if url.startswith("/api/") else "attachment"
    return client.post(url, {**FORM, field: SimpleUploadedFile(name, content, content_type=label)})


def test_a_renamed_program_labelled_pdf_is_refused(assessor, client):
    client.force_login(assessor)
    page = refer(client, "statement.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, PDF)
    assert page.status_code == 200
    assert "statement.pdf is not a PDF" in page.content.decode()
    assert not Report.objects.exists() and not Attachment.objects.exists()


def test_a_web_page_labelled_pdf_is_refused_through_the_api(assessor, client):
    client.force_login(assessor)
    html = b"<!DOCTYPE html><html><script>fetch('/api/v1/reports?q=a')</script></html>"
    answer = refer(client, "statement.pdf", html, PDF, url="/api/v1/referrals")
    assert answer.status_code == 422
    assert answer.json()["problems"]["files"] == "statement.pdf is not a PDF"
    assert not Report.objects.exists()


def test_a_web_page_labelled_plain_text_is_refused(assessor, client):
    client.force_login(assessor)
    page = refer(client, "note.txt", b"<html><body onload=alert(1)>", "text/plain")
    assert "note.txt is not a plain text file" in page.content.decode()


def test_a_zip_that_is_not_a_workbook_is_refused(assessor, client):
    client.force_login(assessor)
    page = refer(client, "losses.xlsx", office("wordprocessingml.document.main"), XLSX)
    assert "losses.xlsx is not an Excel workbook (.xlsx)" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "label", "stored"),
    [
        ("statement.pdf", b"%PDF-1.7\n%binary", PDF, PDF),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png", "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg", "image/jpeg"),
        ("losses.xlsx", office("spreadsheetml.sheet.main"), XLSX, XLSX),
        ("letter.docx", office("wordprocessingml.document.main"), DOCX, DOCX),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
            "application/msword",
            "application/msword",
        ),
        ("payments.csv", b"date,amount\n2026-01-02,100\n2026-01-03,250\n", "text/csv", "text/csv"),
        ("note.txt", "Caller says £500 was taken\n".encode(), "text/plain", "text/plain"),
        (
            "mail.eml",
            b"From: a@example.org\nSubject: invoice\n\nPay now",
            "message/rfc822",
            "message/rfc822",
        ),
        ("statement.pdf", b"%PDF-1.4 sent by a script", "application/octet-stream", PDF),
    ],
)
def test_genuine_material_is_stored_as_the_type_its_content_shows(
    assessor, client, name, content, label, stored
):
    client.force_login(assessor)
    assert refer(client, name, content, label).status_code == 302
    assert Attachment.objects.get().content_type == stored


def test_material_is_downloaded_as_its_stored_type_never_sniffed(assessor, client):
    client.force_login(assessor)
    refer(client, "statement.pdf", b"%PDF-1.4 statement", PDF)
    attachment = Attachment.objects.get()
    download = client.get(
        f"/reports/{attachment.report.local_reference}/attachments/{attachment.pk}/"
    )
    assert download["Content-Type"] == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
