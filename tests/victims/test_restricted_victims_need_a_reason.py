"""A victim on an NFIB list whose NFRC is on a restricted report (OFFICIAL-SENSITIVE, or
restricted to a team) is shown only with a recorded reason (DPA 2018 s.62), on every
vulnerability path as on the other lists: the weekly lists (page and API), a victim list's
segment (page) and the victim's own page and API entry. Through the one gate,
reports.services.disclose: the lists ask the reason once for the list, the victim's page asks
it for that victim then returns to the page, the API answers 428 without X-Justification; the
reason given is kept in the audit log."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest

from fraudcase.accounts.models import HandlingMarking
from fraudcase.audit.models import AuditEvent
from fraudcase.reports.models import Report
from fraudcase.victims.models import VictimList, VictimListEntry
from tests.conftest import call_for_service

pytestmark = pytest.mark.django_db

REASON = "Op Falcon: courier series review"
NFRC = "NFRC261100000099"
MONDAY = date(2026, 10, 5)
WEEKLY = f"/vulnerability/weekly/?week={MONDAY.isoformat()}"


def _on_a_victim_list(assessor, marking: str, **entry) -> VictimListEntry:
    """Joan Patel's call for service became a report carrying NFRC; she is also on an NFIB
    victim list, in VS4, that week, with the largest loss."""
    call = call_for_service(assessor)
    Report.objects.filter(pk=call.report_id).update(handling_marking=marking)
    call.report.nfrc_numbers.create(number=NFRC)
    victim_list = VictimList.objects.create(filename="list.csv")
    joan = {"victim_type": "Individual", "forename": "Joan", "surname": "Patel", "status": "VS4"}
    return VictimListEntry.objects.create(
        victim_list=victim_list,
        row=2,
        nfrc=NFRC,
        report_date=MONDAY + timedelta(days=1),
        loss_gbp=Decimal("9500"),
        postcode="LE1 1AA",
        **(joan | entry),
    )


@pytest.fixture
def restricted_victim(assessor):
    return _on_a_victim_list(assessor, HandlingMarking.OFFICIAL_SENSITIVE)


def shown(object_type, reason=None):
    """What the audit log holds of these records being shown (consulted or disclosed)."""
    found = AuditEvent.objects.filter(
        action__in=["disclosure", "consultation"], object_type=object_type
    )
    return found.filter(justification=reason) if reason is not None else found


def give_reason_for_list(client, url, reason=REASON):
    """Open a list page, be asked the reason for its restricted records, give it; the page
    after that."""
    asked = client.get(url)
    page = asked.content.decode()
    assert asked.status_code == 200 and "1 of the 1 reports is restricted" in page
    assert "Patel" not in page
    assert f"/reports/justify-list/?next={quote(url)}".replace("&", "&amp;") in page
    back = client.post(f"/reports/justify-list/?next={quote(url)}", {"justification": reason})
    assert back.status_code == 302 and back.url == url
    return client.get(url)


@pytest.mark.parametrize("person", ["supervisor", "fvo"])
def test_the_weekly_lists_page_asks_the_reason_before_naming_a_restricted_victim(
    restricted_victim, client, request, person
):
    # The FVO is not cleared for the report itself, yet works the NFIB list: asked all the same.
    client.force_login(request.getfixturevalue(person))
    asked = client.get(WEEKLY)
    assert "Patel" not in asked.content.decode()
    assert not shown("weekly_list").exists()
    page = give_reason_for_list(client, WEEKLY)
    assert page.status_code == 200 and "Patel" in page.content.decode()
    assert shown("weekly_list", REASON).filter(action="consultation").count() == 1


def test_the_weekly_lists_api_answers_428_without_a_reason(restricted_victim, supervisor, client):
    client.force_login(supervisor)
    refused = client.get("/api/v1/weekly-lists", {"week": MONDAY.isoformat()})
    assert refused.status_code == 428
    assert refused.json()["restricted"] == 1 and refused.json()["total"] == 1
    assert "Patel" not in refused.content.decode()
    assert not shown("weekly_list").exists()
    answered = client.get(
        "/api/v1/weekly-lists",
        {"week": MONDAY.isoformat()},
        headers={"X-Justification": "API review"},
    )
    assert answered.status_code == 200
    assert [v["surname"] for v in answered.json()["top_individuals"]] == ["Patel"]
    assert shown("weekly_list", "API review").filter(action="disclosure").count() == 1


def test_a_victim_list_segment_asks_the_reason_before_listing_a_restricted_victim(
    restricted_victim, supervisor, client
):
    client.force_login(supervisor)
    url = f"/vulnerability/lists/{restricted_victim.victim_list_id}/?segment=VS4"
    page = give_reason_for_list(client, url)
    assert "Patel" in page.content.decode()
    event = shown("victim_list", REASON).get()
    assert event.action == "consultation" and event.summary.startswith("Viewed segment VS4")
    assert event.object_ref == str(restricted_victim.victim_list_id)


@pytest.mark.parametrize("person", ["supervisor", "fvo"])
def test_the_victims_page_asks_the_reason_then_returns_to_the_page(
    restricted_victim, client, request, person
):
    """The victim's page passes the one gate: the reason is asked as for any list holding a
    restricted record, kept for that page for the session, and audited."""
    client.force_login(request.getfixturevalue(person))
    url = f"/vulnerability/victims/{restricted_victim.pk}/"
    assert not shown("victim_list_entry").exists()
    page = give_reason_for_list(client, url)
    assert page.status_code == 200 and "Joan Patel" in page.content.decode()
    event = shown("victim_list_entry", REASON).get()
    assert event.object_ref == NFRC and event.action == "consultation"
    # The reason is kept for this victim's page for the session: it opens again without it.
    assert "Joan Patel" in client.get(url).content.decode()


def test_the_reason_form_needs_a_reason_and_only_returns_within_the_site(
    restricted_victim, supervisor, client
):
    client.force_login(supervisor)
    url = f"/vulnerability/victims/{restricted_victim.pk}/"
    justify = f"/reports/justify-list/?next={quote(url)}"
    assert client.post(justify, {"justification": " "}).status_code == 200
    assert "Patel" not in client.get(url).content.decode()
    away = client.post(
        "/reports/justify-list/?next=https://evil.example/", {"justification": REASON}
    )
    assert away.url == "/"
    assert client.get(f"/vulnerability/victims/{restricted_victim.pk + 1}/").status_code == 404


def test_the_victim_api_answers_428_without_a_reason(restricted_victim, supervisor, client):
    client.force_login(supervisor)
    url = f"/api/v1/victim-entries/{restricted_victim.pk}"
    refused = client.get(url)
    assert refused.status_code == 428
    assert "X-Justification" in refused.json()["detail"]
    assert "Patel" not in refused.content.decode()
    assert not shown("victim_list_entry").exists()
    answered = client.get(url, headers={"X-Justification": "API review"})
    assert answered.status_code == 200 and answered.json()["surname"] == "Patel"
    event = shown("victim_list_entry", "API review").get()
    assert event.action == "disclosure" and event.object_ref == NFRC


def test_a_victim_whose_report_is_not_restricted_is_shown_without_a_reason(
    assessor, supervisor, client
):
    entry = _on_a_victim_list(assessor, HandlingMarking.OFFICIAL)
    client.force_login(supervisor)
    assert "Joan Patel" in client.get(f"/vulnerability/victims/{entry.pk}/").content.decode()
    assert client.get(f"/api/v1/victim-entries/{entry.pk}").status_code == 200
    assert "Patel" in client.get(WEEKLY).content.decode()
    assert client.get("/api/v1/weekly-lists", {"week": MONDAY.isoformat()}).status_code == 200
    segment = f"/vulnerability/lists/{entry.victim_list_id}/?segment=VS4"
    assert "Patel" in client.get(segment).content.decode()
    kinds = ["victim_list_entry", "weekly_list", "victim_list"]
    assert not AuditEvent.objects.filter(object_type__in=kinds).exclude(justification="").exists()
    assert shown("victim_list_entry").count() == 2 and shown("weekly_list").count() == 2


def test_a_refused_decision_shows_the_victim_again_only_with_the_reason(
    restricted_victim, supervisor, client
):
    client.force_login(supervisor)
    url = f"/vulnerability/victims/{restricted_victim.pk}/"
    refused = client.post(f"{url}decide/", {"decision-response": ""})
    assert "Patel" not in refused.content.decode()
    assert "1 of the 1 reports is restricted" in refused.content.decode()
    give_reason_for_list(client, url)
    again = client.post(f"{url}decide/", {"decision-response": ""})
    assert again.status_code == 422 and "Joan Patel" in again.content.decode()
    assert shown("victim_list_entry", REASON).exists()


def test_a_restricted_business_contact_plan_asks_the_reason_first(assessor, supervisor, client):
    business = _on_a_victim_list(
        assessor,
        HandlingMarking.OFFICIAL_SENSITIVE,
        status="BUSINESS",
        victim_type="Business",
        forename="",
        surname="",
        business_name="Patel Couriers Ltd",
    )
    client.force_login(supervisor)
    url = f"/vulnerability/businesses/{business.pk}/contact-plan/"
    assert "Patel Couriers Ltd" in give_reason_for_list(client, url).content.decode()
    assert shown("victim_list_entry", REASON).get().object_ref == NFRC
    # The API asks the same reason, in its header.
    api = f"/api/v1/victim-entries/{business.pk}/contact-plan"
    body = {"who": "BCC", "how": "visit", "by_when": "2026-10-09"}
    assert client.put(api, body, content_type="application/json").status_code == 428
    saved = client.put(
        api, body, content_type="application/json", headers={"X-Justification": REASON}
    )
    assert saved.status_code == 200
