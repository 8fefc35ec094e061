"""Need-to-know (seed 001 §7.2, DOMAIN.md "SARs and DAML"): a SAR is seen by the financial
intelligence team and the officers named on it; for every other user it does not exist: 404,
absent from the list, its count, its export, the API, the Deadlines page and the audit log's
viewer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.audit import services as audit
from tests.conftest import _person
from tests.finance.conftest import a_sar, give_reason

pytestmark = pytest.mark.django_db

REF, OTHER = "2026-0004711", "2026-0009999"


@pytest.fixture
def sars(finint, named):
    overdue = timezone.localdate() - timedelta(days=30)
    a_sar(finint, REF, named_users="named", daml=True, disclosed_on=overdue)
    a_sar(finint, OTHER, daml=True, disclosed_on=overdue)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FINANCIAL_INTELLIGENCE])
def test_no_other_role_sees_a_sar_anywhere(client, ecu, sars, role):
    user = _person(
        f"u-{role}",
        role,
        HandlingMarking.OFFICIAL_SENSITIVE,
        ecu,
        is_staff=role == Role.ADMINISTRATOR,
    )
    client.force_login(user)
    for url in (
        "/finance/sars/",
        "/finance/sars/?export=csv",
        f"/finance/sars/{REF}/",
        f"/finance/sars/reason/?for={REF}",
        "/api/v1/sars",
        f"/api/v1/sars/{REF}",
    ):
        assert client.get(url, HTTP_X_JUSTIFICATION="curious").status_code == 404, url
    for url in ("/deadlines/?scope=team", "/", "/api/v1/deadlines?scope=team"):
        assert REF not in client.get(url).content.decode(), url
    assert not audit.visible_events(user).filter(object_type="sar").exists()
    if role == Role.ADMINISTRATOR:
        log = client.get("/admin/audit/auditevent/").content.decode()
        assert REF not in log and "Recorded SAR" not in log


def test_an_officer_named_on_a_sar_sees_that_one_and_no_other(client, sars, named):
    client.force_login(named)
    give_reason(client)
    listed = client.get("/finance/sars/").content.decode()
    assert REF in listed and OTHER not in listed
    give_reason(client, REF)
    assert client.get(f"/finance/sars/{REF}/").status_code == 200
    assert client.get(f"/finance/sars/{OTHER}/").status_code == 404
    assert client.get(f"/finance/sars/reason/?for={OTHER}").status_code == 404
    # Named officers read; they do not decide.
    assert "Record the decision" not in client.get(f"/finance/sars/{REF}/").content.decode()
    api = client.get("/api/v1/sars", HTTP_X_JUSTIFICATION="Operation Kestrel")
    assert [s["ukfiu_reference"] for s in api.json()] == [REF]
    assert api["X-Total-Count"] == "1"
    export = client.get("/finance/sars/?export=csv").content.decode()
    assert REF in export and OTHER not in export
    deadlines = client.get("/deadlines/?scope=team").content.decode()
    assert REF in deadlines and OTHER not in deadlines
    seen = audit.visible_events(named).filter(object_type="sar")
    assert set(seen.values_list("object_ref", flat=True)) == {REF}


def test_the_financial_intelligence_team_sees_every_sar(client, sars, finint):
    client.force_login(finint)
    give_reason(client)
    listed = client.get("/finance/sars/").content.decode()
    assert REF in listed and OTHER in listed
    assert audit.visible_events(finint).filter(object_type="sar", object_ref=OTHER).exists()
    deadlines = client.get("/deadlines/").content.decode()
    assert REF in deadlines and OTHER in deadlines


def test_every_consultation_needs_a_reason(client, sars, finint):
    client.force_login(finint)
    asked = client.get("/finance/sars/").content.decode()
    assert "Reason for seeing the SAR register" in asked and REF not in asked
    asked = client.get(f"/finance/sars/{REF}/").content.decode()
    assert f"Reason for seeing SAR {REF}" in asked and "Marcus Hale" not in asked
    assert not audit.visible_events(finint).filter(action="consultation").exists()
    assert client.get("/api/v1/sars").status_code == 428
    assert client.get(f"/api/v1/sars/{REF}").status_code == 428
    answer = client.get(f"/api/v1/sars/{REF}", HTTP_X_JUSTIFICATION="Operation Kestrel")
    assert answer.status_code == 200
    entry = audit.visible_events(finint).filter(object_ref=REF, action="consultation").get()
    assert entry.justification == "Operation Kestrel"
    give_reason(client, "list", "Monthly review")
    client.get("/finance/sars/?export=xlsx")
    exported = audit.visible_events(finint).filter(action="disclosure", object_type="sar").get()
    assert exported.justification == "Monthly review" and REF in exported.summary
