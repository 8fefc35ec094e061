"""Referrals with material: size and type checked, SHA-256 kept, stored outside the database."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fraudcase.reports.models import Attachment, Report

pytestmark = pytest.mark.django_db

FORM = {
    "referrer_type": "business",
    "referrer_name": "Castle Bank plc",
    "received_on": "2026-11-02",
    "victim_type": "individual",
    "forename": "Dorothy",
    "surname": "Begum",
    "postcode": "le39pl",
    "summary": "Six payments to a safe account",
}


def test_a_referral_is_recorded_with_its_attachment_on_disk(assessor, client, settings):
    client.force_login(assessor)
    content = b"%PDF-1.4 statement"
    upload = SimpleUploadedFile("statement.pdf", content, content_type="application/pdf")
    response = client.post("/referrals/new/", {**FORM, "attachment": upload})
    assert response.status_code == 302
    report = Report.objects.get(source="referral")
    assert report.victim.postcode == "LE3 9PL"
    assert report.referral.referrer_name == "Castle Bank plc"
    attachment = report.attachments.get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert (settings.ATTACHMENT_ROOT / attachment.storage_name).read_bytes() == content
    download = client.get(f"/reports/{report.local_reference}/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == content


def test_an_oversized_attachment_is_refused_and_nothing_is_recorded(assessor, client, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    client.force_login(assessor)
    upload = SimpleUploadedFile("big.pdf", b"x" * 11, content_type="application/pdf")
    page = client.post("/referrals/new/", {**FORM, "attachment": upload})
    assert "storage decision" in page.content.decode()
    assert not Report.objects.exists() and not Attachment.objects.exists()
    assert (
        not list(settings.ATTACHMENT_ROOT.glob("*")) if settings.ATTACHMENT_ROOT.exists() else True
    )


def test_a_file_type_we_do_not_accept_is_refused(assessor, client):
    client.force_login(assessor)
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload")
    page = client.post("/referrals/new/", {**FORM, "attachment": upload})
    assert "not a type we accept" in page.content.decode()
    assert not Report.objects.exists()


def test_physical_material_gets_a_recorded_storage_decision(assessor, client):
    client.force_login(assessor)
    client.post("/referrals/new/", {**FORM, "storage_decision": "Ledger in property store 4"})
    assert Report.objects.get().referral.storage_decision == "Ledger in property store 4"


def test_referrals_through_the_api(assessor, client):
    client.force_login(assessor)
    upload = SimpleUploadedFile("note.txt", b"hello", content_type="text/plain")
    response = client.post("/api/v1/referrals", {**FORM, "files": [upload]})
    assert response.status_code == 201, response.content
    assert Report.objects.get().attachments.count() == 1


def test_the_api_refuses_an_unknown_referrer_or_victim_type(assessor, client):
    client.force_login(assessor)
    response = client.post(
        "/api/v1/referrals", {**FORM, "referrer_type": "aliens", "victim_type": "robot"}
    )
    assert response.status_code == 422
    assert set(response.json()["problems"]) == {"referrer_type", "victim_type"}
    assert not Report.objects.exists()


def test_a_postcode_that_is_not_one_is_shown_on_the_form_and_nothing_is_recorded(assessor, client):
    client.force_login(assessor)
    page = client.post("/referrals/new/", {**FORM, "postcode": "ABCDEFGHIJ"})
    assert page.status_code == 200
    assert "Enter a UK postcode" in page.content.decode()
    assert not Report.objects.exists()


def test_a_referral_records_the_nfib_fraud_type_chosen(assessor, client):
    client.force_login(assessor)
    assert client.post("/referrals/new/", {**FORM, "fraud_type": "NFIB5C"}).status_code == 302
    assert Report.objects.get(source="referral").fraud_type == "NFIB5C"
