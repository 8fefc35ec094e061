"""A case for the file for the CPS: a report brought in through the real import and walked
to the VFT investigator's caseload (the investigation tests' fixtures)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fraudcase.casefile import services
from fraudcase.reports.models import Suspect
from tests.investigation.conftest import case, other_investigator  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def cf_url(report, part: str) -> str:
    return f"/reports/{report.local_reference}/case-file/{part}"


@pytest.fixture
def file(case, vft_investigator):  # noqa: F811
    return services.open_file(vft_investigator, case.local_reference)


@pytest.fixture
def suspect(case):  # noqa: F811
    """A suspect on the report: the one its NFIB package named, or one recorded now."""
    return case.suspects.order_by("pk").first() or Suspect.objects.create(
        report=case, name="John Courier", name_key="john courier"
    )


def pdf_upload(name: str = "statement.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def statement(file, title: str = "Statement of the victim", upload=None):
    return services.add_document(
        file,
        services.DocumentInput(
            kind="mg11",
            title=title,
            author="Mary Smith",
            dated=date(2026, 11, 2),
            upload=upload or pdf_upload(),
        ),
    )
