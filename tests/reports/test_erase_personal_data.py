"""Erasure (DPA 2018 s.47): administrators only, with a reason, audited, non-personal facts kept."""

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services
from fraudcase.reports.models import Identifier, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    return Report.objects.get(nfrc_numbers__number="NFRC261010000001")


def test_an_administrator_erases_personal_data_and_it_is_audited(report, administrator, client):
    client.force_login(administrator)
    response = client.post(
        f"/reports/{report.local_reference}/erase/", {"reason": "Retention period ended"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.victim.surname == "" and report.victim.dob is None
    assert report.narrative == "[erased]"
    assert not Identifier.objects.filter(report=report).exists()
    assert list(report.nfrc_numbers.values_list("number", flat=True)) == ["NFRC261010000001"]
    assert not services.search_reports(administrator, "Osei").exists()
    event = AuditEvent.objects.get(action="erasure")
    assert (event.object_ref, event.justification) == (
        report.local_reference,
        "Retention period ended",
    )


def test_other_roles_cannot_erase(report, assessor, client):
    client.force_login(assessor)
    client.post(f"/reports/{report.local_reference}/erase/", {"reason": "x"})
    report.refresh_from_db()
    assert report.victim.surname == "Osei"
    with pytest.raises(services.NotPermitted):
        services.erase_personal_data(assessor, report, "x")
