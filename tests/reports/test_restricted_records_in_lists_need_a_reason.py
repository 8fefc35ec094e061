"""Restricted records are disclosed only with a recorded reason, through every list as through
the record itself (DPA 2018 s.62): search (page and API), the calls to double-key (page, API,
export), marking a call sent (page and API) and every export. One mechanism,
reports.services.disclose: pages ask the reason once for the list, the API answers 428 without
an X-Justification header; the reason given is kept in the audit log."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking
from fraudcase.audit.models import AuditEvent
from fraudcase.intake.models import CallForService
from fraudcase.reports.models import Report
from fraudcase.victims.models import VictimList, VictimListEntry, VulnerabilityAction
from tests.conftest import call_for_service

pytestmark = pytest.mark.django_db

REASON = "Op Falcon: courier series review"


@pytest.fixture
def restricted_call(assessor):
    """An accepted call for service, a month old, whose report is OFFICIAL-SENSITIVE."""
    call = call_for_service(assessor)
    Report.objects.filter(pk=call.report_id).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE,
        received_at=timezone.now() - timedelta(days=30),
    )
    return call


def disclosures(reason=None):
    found = AuditEvent.objects.filter(action__in=["disclosure", "consultation"])
    return found.filter(justification=reason) if reason is not None else found


def give_reason(client, url, reason=REASON):
    """Open a list page, be asked the reason, give it; the answer of the page after that."""
    asked = client.get(url)
    assert asked.status_code == 200 and "restricted" in asked.content.decode()
    assert f"/reports/justify-list/?next={quote(url)}".replace("&", "&amp;") in (
        asked.content.decode()
    )
    back = client.post(f"/reports/justify-list/?next={quote(url)}", {"justification": reason})
    assert back.status_code == 302 and back.url == url
    return client.get(url)


def test_searching_the_api_needs_a_reason_when_restricted_reports_are_found(
    restricted_call, supervisor, client
):
    client.force_login(supervisor)
    refused = client.get("/api/v1/reports", {"q": "Joan Patel"})
    assert refused.status_code == 428
    assert refused.json()["restricted"] == 1
    assert "1 of the 1 records in this list is restricted" in refused.json()["detail"]
    assert not disclosures().filter(object_type="search").exists()
    found = client.get("/api/v1/reports", {"q": "Joan Patel"}, headers={"X-Justification": REASON})
    assert [r["victim_name"] for r in found.json()] == ["Joan Patel"]
    assert disclosures(REASON).filter(object_type="search", object_ref="Joan Patel").exists()


def test_searching_the_page_asks_the_reason_before_listing_restricted_reports(
    restricted_call, supervisor, client
):
    client.force_login(supervisor)
    asked = client.get("/reports/?q=Joan+Patel").content.decode()
    assert restricted_call.report.local_reference not in asked
    page = give_reason(client, "/reports/?q=Joan+Patel").content.decode()
    assert restricted_call.report.local_reference in page
    assert disclosures(REASON).filter(object_type="search", action="consultation").exists()


def test_the_double_key_list_asks_the_reason_on_the_page_and_in_the_api(
    restricted_call, supervisor, client
):
    client.force_login(supervisor)
    ref = restricted_call.report.local_reference
    assert client.get("/api/v1/calls-for-service/double-key").status_code == 428
    assert ref not in client.get("/calls-for-service/double-key/").content.decode()
    assert not disclosures().filter(object_ref="double-key").exists()
    assert ref in give_reason(client, "/calls-for-service/double-key/").content.decode()
    assert disclosures(REASON).filter(object_ref="double-key").exists()
    api = client.get("/api/v1/calls-for-service/double-key", headers={"X-Justification": "API"})
    assert [c["local_reference"] for c in api.json()] == [ref]
    assert disclosures("API").filter(object_ref="double-key").exists()


def test_marking_a_restricted_call_sent_needs_a_reason(restricted_call, supervisor, client):
    client.force_login(supervisor)
    ref = restricted_call.report.local_reference
    url = f"/calls-for-service/{restricted_call.pk}/sent/"
    asked = client.post(url, {"nfib_reference": "NFRC261100000001"})
    assert asked.status_code == 302 and "/justify/" in asked.url
    restricted_call.refresh_from_db()
    assert restricted_call.nfib_sent_at is None
    give_reason(client, "/calls-for-service/double-key/")  # the reason given for the list
    client.post(url, {"nfib_reference": "NFRC261100000001"})
    restricted_call.refresh_from_db()
    assert restricted_call.nfib_sent_at is not None
    sent = AuditEvent.objects.get(object_ref=ref, summary__startswith="Double-keyed")
    assert sent.justification == REASON


def test_marking_a_restricted_call_sent_through_the_api_needs_a_reason(
    restricted_call, supervisor, client
):
    client.force_login(supervisor)
    url = f"/api/v1/calls-for-service/{restricted_call.pk}/sent"
    body = {"nfib_reference": "NFRC261100000001"}
    assert client.post(url, body, content_type="application/json").status_code == 428
    assert CallForService.objects.get().nfib_sent_at is None
    sent = client.post(
        url, body, content_type="application/json", headers={"X-Justification": "Double-keying"}
    )
    assert sent.status_code == 200
    assert CallForService.objects.get().nfib_sent_at is not None
    assert disclosures("Double-keying").filter(summary__startswith="Double-keyed").exists()


@pytest.fixture
def on_the_vulnerability_log(restricted_call, supervisor):
    """The restricted report's victim is also on an NFIB victim list, with a decision."""
    nfrc = "NFRC261100000099"
    restricted_call.report.nfrc_numbers.create(number=nfrc)
    victim_list = VictimList.objects.create(filename="list.csv")
    entry = VictimListEntry.objects.create(
        victim_list=victim_list,
        row=2,
        nfrc=nfrc,
        report_date=timezone.localdate(),
        victim_type="Individual",
        forename="Joan",
        surname="Patel",
        status="VS4",
    )
    VulnerabilityAction.objects.create(
        entry=entry,
        response="visit_fvo",
        assignee=supervisor,
        due_on=timezone.localdate(),
        decided_by=supervisor,
    )
    return victim_list


@pytest.mark.parametrize(
    "url",
    [
        "/reports/?q=Joan+Patel&export=csv",
        "/calls-for-service/double-key/?export=csv",
        "/triage/queue/?export=csv",
        "/deadlines/?export=csv",
        "/vulnerability/log/?export=csv",
        "/vulnerability/lists/{list}/?segment=VS4&export=csv",
    ],
)
def test_every_export_holding_restricted_records_needs_a_reason(
    on_the_vulnerability_log, supervisor, client, url
):
    url = url.format(list=on_the_vulnerability_log.pk)
    client.force_login(supervisor)
    asked = client.get(url)
    assert asked["Content-Type"].startswith("text/html")
    assert "1 of the 1 reports is restricted" in asked.content.decode()
    assert not disclosures().filter(action="disclosure").exists()
    export = give_reason(client, url)
    assert export["Content-Type"].startswith("text/csv")
    assert b"Patel" in export.content
    assert disclosures(REASON).filter(action="disclosure").exists()


@pytest.fixture
def open_call(assessor):
    """An accepted call for service whose report is not restricted."""
    return call_for_service(
        assessor,
        caller_forename="Amir",
        caller_surname="Khan",
        summary="Paid for a car never delivered",
    )


def test_a_refused_nfrc_shows_the_list_again_only_through_the_same_gate(
    restricted_call, open_call, supervisor, client
):
    client.force_login(supervisor)
    hidden = restricted_call.report.local_reference
    url = f"/calls-for-service/{open_call.pk}/sent/"
    asked = client.post(url, {"nfib_reference": "AF12345"}, follow=True)
    page = asked.content.decode()
    assert hidden not in page and "Patel" not in page
    assert "is not an NFRC number" in page and "restricted" in page
    assert not disclosures().filter(object_ref="double-key").exists()
    give_reason(client, "/calls-for-service/double-key/")
    again = client.post(url, {"nfib_reference": "AF12345"})
    assert again.status_code == 200
    assert hidden in again.content.decode() and "is not an NFRC number" in again.content.decode()
    assert disclosures(REASON).filter(object_ref="double-key").count() == 2  # list, then refusal
    open_call.refresh_from_db()
    assert open_call.nfib_sent_at is None


def test_a_reason_given_for_one_search_does_not_cover_another(restricted_call, supervisor, client):
    client.force_login(supervisor)
    ref = restricted_call.report.local_reference
    assert ref in give_reason(client, "/reports/?q=Joan+Patel").content.decode()
    # The same search, typed again, exported or paged: the same list, the same reason.
    assert ref in client.get("/reports/?page=2&q=Joan%20Patel").content.decode()
    export = client.get("/reports/?q=Joan+Patel&export=csv")
    assert export["Content-Type"].startswith("text/csv") and b"Patel" in export.content
    # Another search asks again, for the page and for the export.
    other = client.get("/reports/?q=Patel")
    assert other.status_code == 200 and ref not in other.content.decode()
    assert "1 of the 1 reports is restricted" in other.content.decode()
    assert client.get("/reports/?q=Patel&export=csv")["Content-Type"].startswith("text/html")
    assert ref in give_reason(client, "/reports/?q=Patel", "Second enquiry").content.decode()
    assert disclosures("Second enquiry").filter(object_ref="Patel").exists()
    assert not disclosures(REASON).filter(object_ref="Patel").exists()


def test_a_reason_given_for_one_filter_of_the_queue_does_not_cover_another(
    restricted_call, supervisor, client
):
    client.force_login(supervisor)
    ref = restricted_call.report.local_reference
    assert ref in give_reason(client, "/triage/queue/?source=call_for_service").content.decode()
    assert ref in client.get("/triage/queue/?source=call_for_service&export=").content.decode()
    asked = client.get("/triage/queue/").content.decode()
    assert ref not in asked and "restricted" in asked


def test_the_administrator_gives_a_reason_for_a_restricted_reports_audit_trail(
    restricted_call, administrator, client
):
    from fraudcase.accounts.models import Team

    Report.objects.filter(pk=restricted_call.report_id).update(
        restricted_to_team=Team.objects.get(name="Economic Crime Unit")
    )
    client.force_login(administrator)
    ref = restricted_call.report.local_reference
    for page in ("audit", "erase"):
        asked = client.get(f"/reports/{ref}/{page}/")
        assert asked.status_code == 302 and f"/reports/{ref}/justify/" in asked.url
    assert not AuditEvent.objects.filter(object_ref=ref, action="consultation").exists()
    reason = "Subject access request SAR-118"
    given = client.post(
        f"/reports/{ref}/justify/?next=/reports/{ref}/audit/", {"justification": reason}
    )
    assert given.status_code == 302 and given.url == f"/reports/{ref}/audit/"
    assert client.get(given.url).status_code == 200
    seen = AuditEvent.objects.filter(object_ref=ref, action="consultation")
    assert list(seen.values_list("justification", flat=True)) == [reason]
