"""The FVO works a month's list quickly (issue 11): every victim of a segment reachable a page
at a time, found by NFRC, name or postcode district, filtered by where each stands, decided
and assigned in bulk with the App. C rules checked per victim, never two open tasks at once;
specials and volunteers with an account take tasks; the log export carries partner referrals
and next of kin."""

import io
from datetime import date

import openpyxl
import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from fraudcase.accounts.enums import HandlingMarking, Role
from fraudcase.audit.models import AuditEvent
from fraudcase.victims import services
from fraudcase.victims.models import (
    NextOfKin,
    PartnerReferral,
    VictimList,
    VictimListEntry,
    VulnerabilityAction,
)
from tests.conftest import _person

pytestmark = pytest.mark.django_db


def a_list(n: int, status: str = "VS4", **overrides) -> VictimList:
    """A list with n victims in one segment, NFRCs in order, postcodes LE2 and LE20 alternately."""
    victim_list = VictimList.objects.create(filename=f"list-{n}.csv", rows=n, added=n)
    VictimListEntry.objects.bulk_create(
        VictimListEntry(
            victim_list=victim_list,
            row=i + 2,
            nfrc=f"NFRC2610{i:08d}",
            report_date=date(2026, 10, 1),
            victim_type="Individual",
            forename="Test",
            surname=f"Victim{i:04d}",
            dob=date(1940, 1, 1),
            postcode="LE2 1AB" if i % 2 else "LE20 1AB",
            status=status,
            **overrides,
        )
        for i in range(n)
    )
    return victim_list


CELL = '<td class="govuk-table__cell">{}</td>'


def segment(client, victim_list, query=""):
    return client.get(f"/vulnerability/lists/{victim_list.pk}/?segment=VS4{query}")


def test_a_segment_of_851_victims_shows_every_victim_across_its_pages(fvo, client):
    victim_list = a_list(851)
    client.force_login(fvo)
    seen = set()
    for number in range(1, 19):
        page = segment(client, victim_list, f"&page={number}").content.decode()
        seen |= {
            nfrc
            for nfrc in VictimListEntry.objects.values_list("nfrc", flat=True)
            if f">{nfrc}<" in page
        }
    assert "Showing 851 to 851 of 851" in page
    assert len(seen) == 851
    first = segment(client, victim_list).content.decode()
    assert "Showing 1 to 50 of 851" in first and 'aria-label="Page 18"' in first


def test_search_finds_a_victim_on_page_2_of_a_segment(fvo, client):
    victim_list = a_list(120)
    client.force_login(fvo)
    assert "Victim0077" not in segment(client, victim_list).content.decode()
    by_name = segment(client, victim_list, "&q=victim0077").content.decode()
    assert "Victim0077" in by_name and "Showing 1 to 1 of 1" in by_name
    by_nfrc = segment(client, victim_list, "&q=NFRC261000000077").content.decode()
    assert "Victim0077" in by_nfrc and "Showing 1 to 1 of 1" in by_nfrc


def test_a_postcode_district_finds_its_postcodes_and_not_the_next_district(fvo, client):
    victim_list = a_list(10)
    client.force_login(fvo)
    le2 = segment(client, victim_list, "&q=le2").content.decode()
    assert "Showing 1 to 5 of 5" in le2 and CELL.format("LE20 1AB") not in le2
    le20 = segment(client, victim_list, "&q=LE20").content.decode()
    assert "Showing 1 to 5 of 5" in le20 and CELL.format("LE2 1AB") not in le20
    assert "Showing 1 to 5 of 5" in segment(client, victim_list, "&q=LE21AB").content.decode()


def test_the_fvo_filters_to_victims_not_yet_actioned(fvo, pcso, client):
    victim_list = a_list(6)
    entries = list(VictimListEntry.objects.order_by("nfrc"))
    services.decide_many(fvo, [entries[0].pk], response="visit_pcso", assignee_id=pcso.pk)
    services.decide_many(fvo, [entries[1].pk], response="visit_pcso")
    client.force_login(fvo)
    page = segment(client, victim_list).content.decode()
    assert "Not yet actioned (4)" in page and "Task sent (1)" in page and "Decided (1)" in page
    todo = segment(client, victim_list, "&state=not_actioned").content.decode()
    assert "Showing 1 to 4 of 4" in todo and entries[0].nfrc not in todo
    # The filter is kept from segment to segment: VS4, then VS3, not yet actioned.
    assert 'href="?segment=VS3&amp;state=not_actioned"' in todo
    sent = segment(client, victim_list, "&state=task_sent").content.decode()
    assert entries[0].nfrc in sent and "Showing 1 to 1 of 1" in sent
    # A result in with a follow-up open is "contacted"; every result in is "closed".
    task = VulnerabilityAction.objects.get(entry=entries[0])
    services.record_result(
        pcso, task, done_on=date(2026, 10, 9), result="Seen", financial_abuse=False
    )
    states = services.state_counts(services.with_state(VictimListEntry.objects.all()))
    assert states["task_sent"] == 0 and states["closed"] == 1  # a VS4 visit has no follow-up


def test_bulk_decision_sends_each_chosen_victim_to_the_officers_queue(fvo, pcso, client):
    victim_list = a_list(5)
    chosen = list(VictimListEntry.objects.order_by("nfrc").values_list("pk", flat=True)[:3])
    client.force_login(fvo)
    done = client.post(
        f"/vulnerability/lists/{victim_list.pk}/bulk/",
        {
            "entries": chosen,
            "response": "visit_pcso",
            "assignee_id": pcso.pk,
            "action": "decide",
            "back": "?segment=VS4&state=not_actioned",
        },
        follow=True,
    )
    page = done.content.decode()
    assert "3 victims decided and sent to the officer" in page
    assert "Showing 1 to 2 of 2" in page  # still not actioned: the two not chosen
    tasks = VulnerabilityAction.objects.filter(entry_id__in=chosen)
    assert {(t.assignee, t.response, t.decided_by) for t in tasks} == {(pcso, "visit_pcso", fvo)}
    assert (
        AuditEvent.objects.filter(summary__startswith="Response decided for a selection").count()
        == 3
    )


def test_bulk_assignment_refuses_a_victim_that_fails_a_rule_and_assigns_the_others(
    fvo, pcso, client
):
    victim_list = a_list(4)
    entries = list(VictimListEntry.objects.order_by("nfrc"))
    chosen = [e.pk for e in entries]
    # Decided, nobody assigned yet; then the national ECVCU list arrives with the first victim.
    services.decide_many(fvo, chosen[:3], response="visit_pcso")
    VictimListEntry.objects.filter(pk=chosen[0]).update(ecvcu_referred=True)
    client.force_login(fvo)
    done = client.post(
        f"/vulnerability/lists/{victim_list.pk}/bulk/",
        {"entries": chosen, "assignee_id": pcso.pk, "action": "assign", "back": "?segment=VS4"},
        follow=True,
    )
    page = done.content.decode()
    assert "2 victims assigned. 2 refused" in page
    assert f"{entries[0].nfrc} Test Victim0000</a>: This victim is with the national" in page
    assert f"{entries[3].nfrc} Test Victim0003</a>: Nothing decided yet" in page
    assigned = VulnerabilityAction.objects.filter(assignee=pcso)
    assert set(assigned.values_list("entry_id", flat=True)) == set(chosen[1:3])


def test_bulk_decision_refuses_a_vs4_letter_without_a_reason_per_victim(fvo):
    a_list(2)
    chosen = list(VictimListEntry.objects.values_list("pk", flat=True))
    outcome = services.decide_many(fvo, chosen, response="letter", assignee_id=fvo.pk)
    assert not outcome.done and len(outcome.refused) == 2
    assert "Give the reason a VS4 victim is not being visited" in outcome.refused[0][1]
    assert not VulnerabilityAction.objects.exists()


def test_a_duplicate_open_task_is_refused(fvo, pcso, client):
    a_list(1)
    entry = VictimListEntry.objects.get()
    services.decide_response(fvo, entry, response="visit_pcso", assignee_id=pcso.pk)
    client.force_login(fvo)
    again = client.post(
        f"/vulnerability/victims/{entry.pk}/decide/",
        {"decision-response": "visit_fvo", "decision-assignee": fvo.pk},
    )
    assert again.status_code == 422
    assert "This victim already has an open task (personal visit by the safeguarding pcso" in (
        again.content.decode()
    )
    outcome = services.decide_many(fvo, [entry.pk], response="visit_fvo", assignee_id=fvo.pk)
    assert not outcome.done and "already has an open task" in outcome.refused[0][1]
    # And the database refuses it whatever the way in.
    with pytest.raises(IntegrityError), transaction.atomic():
        VulnerabilityAction.objects.create(
            entry=entry, response="letter", assignee=fvo, due_on=date(2026, 11, 1), decided_by=fvo
        )
    assert VulnerabilityAction.objects.filter(state="open").count() == 1


def test_the_officer_list_includes_a_volunteer_with_an_account(fvo, protect, client):
    volunteer = _person("vera", Role.VOLUNTEER, HandlingMarking.OFFICIAL, protect)
    special = _person("sam", Role.SPECIAL, HandlingMarking.OFFICIAL, protect)
    assert {volunteer, special} <= set(services.officers(fvo))
    victim_list = a_list(1)
    entry = VictimListEntry.objects.get()
    client.force_login(fvo)
    page = segment(client, victim_list).content.decode()
    assert "Vera (Vulnerability volunteer)" in page and "Sam (Special constable)" in page
    # "Assign to" starts at the signed-in FVO.
    assert f'<option value="{fvo.pk}" selected>' in page
    services.decide_response(fvo, entry, response="visit_volunteer", assignee_id=volunteer.pk)
    # The volunteer sees the task and that victim, not the workbench or other victims.
    client.force_login(volunteer)
    assert "Victim0000" in client.get("/vulnerability/tasks/").content.decode()
    assert client.get(f"/vulnerability/victims/{entry.pk}/").status_code == 200
    assert client.get("/vulnerability/").status_code == 404


def test_the_vulnerability_log_export_has_partner_referrals_and_next_of_kin(fvo, client):
    a_list(2)
    first, second = VictimListEntry.objects.order_by("nfrc")
    services.decide_response(fvo, first, response="visit_fvo", assignee_id=fvo.pk)
    services.refer_to_partner(fvo, first, partner="age_uk", consent=True, notes="=HYPERLINK(1)")
    services.add_next_of_kin(fvo, second, name="Dora Victim", relationship="Daughter", phone="0116")
    client.force_login(fvo)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/vulnerability/log/?export=xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["record"] for r in records] == [
        "Decision and task",
        "Partner referral",
        "Next of kin",
    ]
    assert records[1]["partner"] == "Age UK" and records[1]["notes"] == "'=HYPERLINK(1)"
    assert records[2]["next_of_kin"] == "Dora Victim" and records[2]["relationship"] == "Daughter"
    csv = client.get("/vulnerability/log/?export=csv").content.decode()
    assert "Dora Victim" in csv and "Age UK" in csv
    assert PartnerReferral.objects.count() == 1 and NextOfKin.objects.count() == 1
    page = client.get("/vulnerability/log/").content.decode()
    assert "Showing 1 to 1 of 1" in page


@pytest.mark.parametrize("size", [10, 851])
def test_the_segment_page_reads_a_bounded_number_of_rows(fvo, client, size):
    victim_list = a_list(size)
    client.force_login(fvo)
    segment(client, victim_list)  # sessions and the like warmed
    with CaptureQueriesContext(connection) as queries:
        page = segment(client, victim_list, "&state=not_actioned&sort=loss&order=desc")
    assert page.status_code == 200
    # The same for 10 victims as for 851: the page's rows, counts by segment and by state, the
    # disclosure check, the officers, the session and the user.
    assert len(queries) <= 18, [q["sql"][:120] for q in queries]
