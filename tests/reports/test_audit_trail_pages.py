"""An administrator reads a report's whole audit trail, newest first, a page at a time."""

import pytest

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_audit_trail_shows_every_event_across_its_pages(
    administrator, assessor, example_package, client
):
    import_nfib_package(example_package, user=assessor)
    report = Report.objects.order_by("pk").first()
    ref = report.local_reference
    for i in range(130):
        audit.record(assessor, AuditAction.CONSULTATION, "report", ref, f"Looked {i:03d}")
    client.force_login(administrator)
    first = client.get(f"/reports/{ref}/audit/").content.decode()
    total = audit.trail("report", ref).count()  # this reading of the report is in it too
    assert f"Showing 1 to 100 of {total}" in first
    assert "Looked 129" in first and "Looked 000" not in first
    second = client.get(f"/reports/{ref}/audit/", {"page": 2}).content.decode()
    total += 1  # and the second reading
    assert f"Showing 101 to {total} of {total}" in second
    assert "Looked 000" in second
