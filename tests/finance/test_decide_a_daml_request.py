"""The financial intelligence officer decides a consent request (consent, refuse, no action),
with who and why; a refusal starts the moratorium, which the court may extend; the clocks are
on the Deadlines page, overdue first, until they stop."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.core.errors import Conflict, InvalidInput
from fraudcase.finance import rules, services
from tests.finance.conftest import a_sar, give_reason

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(finint):
    """A consent request disclosed two days ago: its notice period still runs."""
    return a_sar(finint, daml=True, disclosed_on=timezone.localdate() - timedelta(days=2))


def test_consent_stops_the_clock(finint, asking):
    sar = services.decide(
        finint, asking.ukfiu_reference, "consent", on=None, reason="No investigation affected"
    )
    assert sar.daml_state == rules.DamlState.CONSENTED
    assert sar.decided_by == finint and sar.decision_reason == "No investigation affected"
    assert sar.daml_due is None
    with pytest.raises(Conflict):
        services.decide(finint, asking.ukfiu_reference, "refuse", on=None, reason="again")


def test_a_refusal_starts_the_moratorium_and_the_court_extends_it(finint, asking):
    today = timezone.localdate()
    sar = services.decide(
        finint, asking.ukfiu_reference, "refuse", on=today, reason="Restraint to be sought"
    )
    assert sar.daml_state == rules.DamlState.REFUSED
    assert sar.moratorium_ends == sar.first_moratorium_ends == today + timedelta(days=30)
    assert sar.daml_due == sar.moratorium_ends
    with pytest.raises(InvalidInput) as too_long:
        services.extend(
            finint,
            sar.ukfiu_reference,
            granted_on=today,
            extended_to=sar.moratorium_ends + timedelta(days=32),
            court="Leicester Crown Court",
        )
    assert list(too_long.value.problems) == ["extended_to"]
    sar = services.extend(
        finint,
        sar.ukfiu_reference,
        granted_on=today,
        extended_to=sar.moratorium_ends + timedelta(days=31),
        court="Leicester Crown Court",
    )
    assert sar.daml_due == sar.moratorium_ends == today + timedelta(days=61)
    assert sar.extensions.get().court == "Leicester Crown Court"
    sar = services.end_moratorium(finint, sar.ukfiu_reference, reason="Restraint order made")
    assert sar.daml_state == rules.DamlState.ENDED and sar.daml_due is None


def test_a_named_officer_cannot_decide(named, finint):
    sar = a_sar(finint, daml=True, named_users="named")
    from django.http import Http404

    with pytest.raises(Http404):
        services.decide(named, sar.ukfiu_reference, "consent", on=None, reason="r")


def test_the_decision_is_made_on_the_sar_page(client, finint, asking):
    client.force_login(finint)
    give_reason(client, asking.ukfiu_reference)
    url = f"/finance/sars/{asking.ukfiu_reference}/"
    page = client.post(url, {"action": "decide", "decide-decision": "refuse"})
    assert "Enter why" in page.content.decode()
    page = client.post(
        url,
        {"action": "decide", "decide-decision": "refuse", "decide-reason": "Restraint sought"},
    )
    assert page.status_code == 302
    shown = client.get(url).content.decode()
    assert "Refused: moratorium running" in shown and "Record a court extension" in shown


def test_the_api_decides(client, finint, asking):
    client.force_login(finint)
    url = f"/api/v1/sars/{asking.ukfiu_reference}/decision"
    answer = client.post(
        url, {"decision": "no_action", "reason": "Nothing to add"}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["daml_state"] == "no_action"
    again = client.post(
        url, {"decision": "consent", "reason": "x"}, content_type="application/json"
    )
    assert again.status_code == 409


def test_daml_deadlines_are_on_the_deadlines_page_overdue_first(client, finint):
    today = timezone.localdate()
    late = a_sar(finint, "2026-0000001", daml=True, disclosed_on=today - timedelta(days=40))
    later = a_sar(finint, "2026-0000002", daml=True, disclosed_on=today - timedelta(days=20))
    a_sar(finint, "2026-0000003", daml=True)  # its notice period still runs
    a_sar(finint, "2026-0000004", disclosed_on=today - timedelta(days=40))  # asks nothing
    client.force_login(finint)
    api = [
        i["local_reference"]
        for i in client.get("/api/v1/deadlines").json()
        if i["local_reference"].startswith("2026-")
    ]
    assert api == [late.ukfiu_reference, later.ukfiu_reference]
    page = client.get("/deadlines/").content.decode()
    assert "DAML consent requests" in page
    assert page.index(late.ukfiu_reference) < page.index(later.ukfiu_reference)
    home = client.get("/").content.decode()
    assert "DAML" in home
