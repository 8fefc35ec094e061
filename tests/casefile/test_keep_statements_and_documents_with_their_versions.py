"""Statements (MG11) and other documents on a case with their author, date and kind; every
version kept with its SHA-256, downloads audited (issue 15 item 5)."""

import hashlib
import io

import openpyxl
import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.casefile import services
from fraudcase.casefile.models import DocumentVersion
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.reports.models import EnquiryLogEntry

from .conftest import PDF, cf_url, pdf_upload, statement

pytestmark = pytest.mark.django_db

PDF2 = PDF.replace(b"1.4", b"1.5")


def test_a_new_version_never_overwrites_the_last(file, client, vft_investigator):
    document = statement(file)
    assert document.reference == "S1"
    services.add_version(file, document.pk, pdf_upload("statement-v2.pdf", PDF2), "Signed copy")
    versions = list(DocumentVersion.objects.filter(document=document).order_by("version"))
    assert [(v.version, v.sha256) for v in versions] == [
        (1, hashlib.sha256(PDF).hexdigest()),
        (2, hashlib.sha256(PDF2).hexdigest()),
    ]
    client.force_login(vft_investigator)
    first = client.get(cf_url(file.report, f"documents/{document.pk}/versions/1/file/"))
    second = client.get(cf_url(file.report, f"documents/{document.pk}/versions/2/file/"))
    assert b"".join(first.streaming_content) == PDF
    assert b"".join(second.streaming_content) == PDF2
    assert (
        AuditEvent.objects.filter(
            action="disclosure", summary="Downloaded a statement or document"
        ).count()
        == 2
    )
    timeline = list(
        EnquiryLogEntry.objects.filter(report=file.report).values_list("text", flat=True)
    )
    assert any("S1 attached" in t for t in timeline)
    assert any("version 2 added (Signed copy)" in t for t in timeline)


def test_a_statement_is_attached_on_the_page(client, case, vft_investigator):
    client.force_login(vft_investigator)
    answer = client.post(
        cf_url(case, "documents/new/"),
        {
            "kind": "mg11",
            "title": "Statement of the bank's fraud investigator",
            "author": "Peter Jones",
            "dated-day": "3",
            "dated-month": "11",
            "dated-year": "2026",
            "upload": pdf_upload(),
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors
    page = client.get(answer["Location"]).content.decode()
    assert "S1: Statement of the bank" in page and hashlib.sha256(PDF).hexdigest() in page
    listing = client.get(cf_url(case, "documents/")).content.decode()
    assert "Peter Jones" in listing
    answer = client.post(
        answer["Location"],
        {"step": "version", "upload": pdf_upload("v2.pdf", PDF2), "note": "Exhibit ref added"},
    )
    assert answer.status_code == 302
    assert DocumentVersion.objects.count() == 2


def test_a_file_that_is_not_what_it_says_is_refused(file):
    with pytest.raises(InvalidInput) as refused:
        statement(file, upload=pdf_upload("x.pdf", b"MZ not a pdf"))
    assert "upload" in refused.value.problems
    assert not DocumentVersion.objects.exists()


def test_a_role_that_does_not_work_cases_cannot_attach(case, assessor):
    file = services.open_file(assessor, case.local_reference)
    with pytest.raises(NotPermitted):
        statement(file)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_statements_index_exports(file, client, vft_investigator, fmt):
    statement(file, title='=HYPERLINK("x")')
    client.force_login(vft_investigator)
    answer = client.get(cf_url(file.report, f"documents/?export={fmt}"))
    assert answer.status_code == 200
    if fmt == "csv":
        text = answer.content.decode()
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "S1" in text and "Mary Smith" in text and "'=HYPERLINK" in text
    assert AuditEvent.objects.filter(
        action="disclosure", summary="Exported the statements index"
    ).exists()
