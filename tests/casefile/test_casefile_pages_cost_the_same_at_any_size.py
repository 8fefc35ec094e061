"""Issue 16: the file for the CPS's pages and API cost the same number of queries however
much the file holds."""

import pytest
from django.utils import timezone

from fraudcase.casefile import services
from tests.scale import assert_bounded

from .conftest import pdf_upload, statement

pytestmark = pytest.mark.django_db


def _fill(case, user, suspect, n):
    file = services.open_file(user, case.local_reference)
    for i in range(n):
        document = statement(file, title=f"Statement {i}")
        services.add_version(file, document.pk, pdf_upload("v2.pdf"), "Signed")
        for kind, extra in (("mg6c", {"decision": "D"}), ("mg6d", {"sensitivity": "Source"})):
            item = services.add_item(
                file, kind, services.ItemInput(description=f"Item {i}", location="Store", **extra)
            )
            if i % 2:
                services.withdraw_item(file, kind, item.number, "Duplicate")
        today = timezone.localdate()
        services.record_interview(file, suspect=suspect.pk, held_on=today, kind="written")
        request = services.request_charging(
            file, suspect=suspect.pk, decision_maker="police", requested_on=today
        )
        services.record_charging_decision(file, request.pk, decision="charge", decided_on=today)
        services.add_hearing(file, suspect=suspect.pk, held_on=today, court="Court", kind="trial")
    services.certify(file, f"Attention {n}")


@pytest.mark.parametrize(
    "part",
    [
        "documents/",
        "disclosure/mg6c/",
        "disclosure/mg6d/",
        "disclosure/mg6c/print/",
        "disclosure/mg6e/",
        "charging/",
        "bundle/",
        "api:documents",
        "api:disclosure/mg6c",
        "api:charging",
        "report",
    ],
)
def test_the_file_costs_the_same_with_more_in_it(client, case, suspect, vft_investigator, part):
    _fill(case, vft_investigator, suspect, 1)
    client.force_login(vft_investigator)
    ref = case.local_reference
    if part == "report":
        url = f"/reports/{ref}/"
    elif part.startswith("api:"):
        url = f"/api/v1/reports/{ref}/{part[4:]}"
    else:
        url = f"/reports/{ref}/case-file/{part}"
    assert_bounded(client, url, lambda: _fill(case, vft_investigator, suspect, 6))
