"""A Banking Protocol call is recorded with the branch, the attendance, the victim (personal
data: every read and change audited, erasable) and the result, linked to the crime report
where one was recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.core.errors import InvalidInput
from fraudcase.streams import services
from fraudcase.streams.models import BankingProtocolIncident
from tests.streams.conftest import an_incident

pytestmark = pytest.mark.django_db


def test_an_incident_is_recorded_on_the_page(client, fvo):
    client.force_login(fvo)
    assert client.get("/streams/banking-protocol/new/").status_code == 200
    called = timezone.localtime() - timedelta(hours=3)
    answer = client.post(
        "/streams/banking-protocol/new/",
        {
            "bank_name": "Castle Bank",
            "branch_name": "Loughborough",
            "branch_postcode": "le11 3ea",
            "called_at": called.strftime("%Y-%m-%dT%H:%M"),
            "attended": "on",
            "attended_at": (called + timedelta(minutes=25)).strftime("%Y-%m-%dT%H:%M"),
            "victim_name": "George Patel",
            "safeguarded": "on",
            "safeguarding": "Bank held the payment",
            "results": ["intelligence"],
            "handling_marking": "OFFICIAL",
        },
    )
    incident = BankingProtocolIncident.objects.get()
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert incident.branch_postcode == "LE11 3EA" and incident.intelligence
    assert not (incident.arrest or incident.crime_recorded or incident.no_offence)
    page = client.get(f"/streams/banking-protocol/{incident.pk}/").content.decode()
    assert "George Patel" in page and "Intelligence submitted" in page
    reads = AuditEvent.objects.filter(object_ref=incident.reference, action="consultation")
    assert reads.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"results": []}, "results"),
        ({"results": ["no_offence", "arrest"]}, "results"),
        ({"attended_at": None}, "attended_at"),
        ({"safeguarding": ""}, "safeguarding"),
        ({"crime_reference": "FC/999999/26", "results": ["crime_recorded"]}, "crime_reference"),
        ({"crime_reference": "FC/999999/26"}, "crime_reference"),
        ({"victim_postcode": "not a postcode"}, "victim_postcode"),
    ],
)
def test_an_incident_that_breaks_a_rule_is_refused_naming_the_field(fvo, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        an_incident(fvo, **overrides)
    assert field in refused.value.problems


def test_a_crime_recorded_links_to_its_report_when_the_user_may_see_it(
    client, fvo, ecu_investigator, assessed
):
    incident = an_incident(
        ecu_investigator, results=["crime_recorded"], crime_reference=assessed.local_reference
    )
    assert incident.report == assessed
    client.force_login(ecu_investigator)
    page = client.get(f"/streams/banking-protocol/{incident.pk}/").content.decode()
    assert f'href="/reports/{assessed.local_reference}/"' in page
    # Restricted to a team the fvo is not in: the link is not shown to them.
    type(assessed).objects.filter(pk=assessed.pk).update(
        restricted_to_team=ecu_investigator.teams.first()
    )
    client.force_login(fvo)
    page = client.get(f"/streams/banking-protocol/{incident.pk}/").content.decode()
    assert assessed.local_reference not in page


def test_a_change_is_audited(client, fvo):
    incident = an_incident(fvo)
    client.force_login(fvo)
    form = client.get(f"/streams/banking-protocol/{incident.pk}/edit/")
    assert form.status_code == 200 and "Edith Marsh" in form.content.decode()
    data = services.IncidentInput(
        **{
            **{
                f: getattr(incident, f)
                for f in (
                    "bank_name",
                    "branch_name",
                    "branch_postcode",
                    "called_at",
                    "attended",
                    "attended_at",
                    "attending_officer",
                    "victim_name",
                    "victim_dob",
                    "victim_postcode",
                    "safeguarded",
                    "safeguarding",
                    "notes",
                )
            },
            "results": ["arrest"],
            "crime_reference": "",
        }
    )
    changed = services.update_incident(fvo, incident.pk, data)
    assert changed.arrest and not changed.no_offence
    assert AuditEvent.objects.filter(object_ref=incident.reference, action="alteration").exists()


def test_an_administrator_erases_the_victims_details_and_the_counts_stay(
    client, fvo, administrator
):
    incident = an_incident(fvo, results=["arrest"])
    client.force_login(administrator)
    url = f"/streams/banking-protocol/{incident.pk}/erase/"
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is needed
    assert client.post(url, {"reason": "Subject's erasure request"}).status_code == 302
    erased = BankingProtocolIncident.objects.get(pk=incident.pk)
    assert erased.victim_name == "[erased]" and erased.victim_dob is None
    assert erased.victim_postcode == "" and erased.arrest and erased.victim_erased_at
    assert AuditEvent.objects.filter(object_ref=incident.reference, action="erasure").exists()
    client.force_login(fvo)
    assert client.get(url).status_code == 404  # only administrators erase


def test_the_api_records_and_lists_incidents_without_the_victim(client, fvo):
    client.force_login(fvo)
    called_at = timezone.localtime() - timedelta(hours=1)
    called = called_at.isoformat()
    answer = client.post(
        "/api/v1/banking-protocol-incidents",
        {
            "bank_name": "Northgate Bank",
            "branch_name": "Oadby",
            "called_at": called,
            "victim_name": "Joyce Adeyemi",
            "results": ["arrest", "crime_recorded"],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert made["offence"] and "victim_name" not in made
    month = called_at.strftime("%Y-%m")  # the call's London month (an hour ago may be last month)
    listed = client.get(f"/api/v1/banking-protocol-incidents?month={month}&result=arrest").json()
    assert [i["id"] for i in listed] == [made["id"]]
    assert client.get("/api/v1/banking-protocol-incidents?result=no_offence").json() == []
    wrong = client.post(
        "/api/v1/banking-protocol-incidents",
        {"bank_name": "x", "branch_name": "y", "called_at": called, "results": []},
        content_type="application/json",
    )
    assert wrong.status_code == 422 and "results" in wrong.json()["problems"]


def test_the_list_filters_by_month_and_result_and_exports_no_victim_data(client, fvo):
    an_incident(fvo)
    an_incident(fvo, branch_name="Hinckley", results=["arrest"])
    client.force_login(fvo)
    page = client.get("/streams/banking-protocol/?result=arrest").content.decode()
    assert "Hinckley" in page and "Gallowtree" not in page
    export = client.get("/streams/banking-protocol/?export=csv").content.decode()
    assert "Hinckley" in export and "Edith" not in export
