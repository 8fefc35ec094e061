"""The case file for the CPS (issue 15 item 8): one PDF of the case summary, the schedules
(every item, withdrawn ones marked), the exhibit list with continuity, the statements index
and the charging and court record, generated from what is recorded; downloading it is
audited as a disclosure."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from fraudcase.audit.models import AuditEvent
from fraudcase.casefile import services
from fraudcase.investigation import exhibits

from .conftest import cf_url, statement

pytestmark = pytest.mark.django_db


def _text(answer) -> str:
    reader = PdfReader(io.BytesIO(answer.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_bundle_holds_every_schedule_item_and_the_record(
    file, suspect, client, vft_investigator
):
    statement(file, title="Statement of Mary Smith")
    exhibit = exhibits.record_exhibit(
        file,
        exhibits.ExhibitInput(
            initials="VI",
            description="Mobile phone",
            seized_from="The courier",
            seized_where="High Street",
            seized_at=timezone.now() - timedelta(days=1),
            seal_number="LP1",
            storage_location="Property store",
        ),
    )
    exhibits.move_exhibit(
        file,
        exhibit.pk,
        held_by="Forensic laboratory",
        at=timezone.now() - timedelta(hours=2),
        reason="Download",
    )
    unused = [f"Unused item number {n} description" for n in range(1, 31)]
    for text in unused:
        services.add_item(
            file, "mg6c", services.ItemInput(description=text, location="Store", decision="CND")
        )
    services.withdraw_item(file, "mg6c", 7, "Duplicate")
    services.add_item(
        file,
        "mg6d",
        services.ItemInput(description="Covert source log", location="Safe", sensitivity="Source"),
    )
    services.certify(file, "Item 4 may assist the defence")
    request = services.request_charging(
        file, suspect=suspect.pk, decision_maker="cps", requested_on=timezone.localdate()
    )
    services.record_charging_decision(
        file, request.pk, decision="charge", decided_on=timezone.localdate()
    )
    client.force_login(vft_investigator)
    answer = client.get(cf_url(file.report, "bundle/"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = _text(answer)
    for n, description in enumerate(unused, start=1):
        assert f"Item {n}" in text and description in text
    assert "Item 7 [WITHDRAWN" in text
    assert "Covert source log" in text and "Reason sensitive: Source" in text
    assert "Statement of Mary Smith" in text and "S1" in text
    assert "VI/1" in text and "Forensic laboratory" in text and "Continuity: unbroken" in text
    assert "Item 4 may assist the defence" in text
    assert "Charge on" in text and file.report.local_reference in text
    assert AuditEvent.objects.filter(
        action="disclosure", summary="Generated the case file for the CPS"
    ).exists()


def test_an_empty_file_still_makes_a_bundle(case, client, vft_investigator):
    client.force_login(vft_investigator)
    text = _text(client.get(cf_url(case, "bundle/")))
    assert "Case file for the CPS" in text and "No items." in text
