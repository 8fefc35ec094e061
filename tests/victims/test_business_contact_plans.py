"""WMP seed ¶63 ii: each of the week's top five businesses gets a contact plan.

Who, how, by when, notes and status, recorded and updated from the weekly lists page, shown
there and exported with the list; audited, as the plan is about a named victim.
"""

import io

import polars as pl
import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.victims.models import BusinessContactPlan, VictimListEntry
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
RIBBON = "NFRC261020000003"  # Ribbon Print Ltd, the week of 28 September 2026
WEEK = "/vulnerability/weekly/?week=2026-10-01"


@pytest.fixture
def ribbon(fvo, client):
    client.force_login(fvo)
    with (EXAMPLES / "victim-list-example.csv").open("rb") as handle:
        client.post("/vulnerability/", {"file": handle})
    return VictimListEntry.objects.get(nfrc=RIBBON)


def plan_form(**overrides):
    form = {
        "who": "Business Crime Coordinator, PC 1234 Smith",
        "how": "visit",
        "by_when": "2026-10-16",
        "by_when-confirm": "yes",  # already past: the FVO ticks that the date is right
        "status": "planned",
        "notes": "Invoice redirection advice: call back on a known number",
    }
    form.update(overrides)
    return form


def test_the_fvo_records_a_contact_plan_for_a_top_five_business(ribbon, client):
    page = client.get(WEEK).content.decode()
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    assert url in page and "No plan yet" in page
    saved = client.post(url, plan_form())
    assert saved.status_code == 302 and saved.url.endswith("?week=2026-09-28")
    page = client.get(saved.url).content.decode()
    assert "Business Crime Coordinator, PC 1234 Smith" in page and "16 Oct 2026" in page
    assert "Planned" in page and "Update contact plan" in page
    event = AuditEvent.objects.get(object_ref=RIBBON, action="collection")
    assert event.summary.startswith("Business contact plan recorded: Visit by Business Crime")


def test_the_fvo_updates_the_plan_as_contact_is_made(ribbon, client):
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    client.post(url, plan_form())
    form = client.get(url).content.decode()
    assert "PC 1234 Smith" in form  # the form opens with the plan as it stands
    client.post(url, plan_form(status="advice_given", notes="Advice given to the director"))
    plan = BusinessContactPlan.objects.get()
    assert (plan.status, plan.notes) == ("advice_given", "Advice given to the director")
    assert "Protect advice given" in client.get(WEEK).content.decode()
    assert AuditEvent.objects.filter(object_ref=RIBBON, action="alteration").exists()


def test_a_plan_needs_who_how_and_by_when(ribbon, client):
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    refused = client.post(url, plan_form(who=" ", how="carrier pigeon", by_when=""))
    assert refused.status_code == 422
    assert not BusinessContactPlan.objects.exists()


def test_the_top_businesses_export_carries_the_plans(ribbon, client):
    client.post(f"/vulnerability/businesses/{ribbon.pk}/contact-plan/", plan_form())
    csv = client.get(WEEK + "&list=top-businesses&export=csv")
    frame = pl.read_csv(io.BytesIO(csv.content), infer_schema=False)
    assert frame.select("victim", "plan_who", "plan_how", "plan_by_when", "plan_status").row(0) == (
        "Ribbon Print Ltd",
        "Business Crime Coordinator, PC 1234 Smith",
        "Visit",
        "2026-10-16",
        "Planned",
    )
    assert AuditEvent.objects.filter(action="disclosure", object_type="weekly_list").exists()


def test_only_businesses_get_a_contact_plan(ribbon, client):
    winifred = VictimListEntry.objects.get(nfrc="NFRC261020000001")
    url = f"/vulnerability/businesses/{winifred.pk}/contact-plan/"
    assert client.get(url).status_code == 404
    assert client.post(url, plan_form()).status_code == 404


def test_other_roles_cannot_see_or_make_a_plan(ribbon, assessor, client):
    client.force_login(assessor)
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    assert client.post(url, plan_form()).status_code == 404
    assert not BusinessContactPlan.objects.exists()


def test_the_api_records_a_plan_and_the_weekly_lists_show_it(ribbon, client):
    url = f"/api/v1/victim-entries/{ribbon.pk}/contact-plan"
    body = {"who": "BCC", "how": "telephone", "by_when": "2026-10-09"}
    saved = client.put(url, body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["status"] == "planned"
    # How and where the plan stands are the enums' values: anything else is refused by name.
    refused = client.put(url, {"who": "BCC", "how": "fax"}, content_type="application/json")
    assert refused.status_code == 422 and set(refused.json()["problems"]) == {"how"}
    wrong = {**body, "status": "pending"}
    assert set(client.put(url, wrong, content_type="application/json").json()["problems"]) == {
        "status"
    }
    refused = client.put(url, {"who": "", "how": "visit"}, content_type="application/json")
    assert refused.status_code == 422
    assert set(refused.json()["problems"]) == {"who", "by_when"}
    weekly = client.get("/api/v1/weekly-lists", {"week": "2026-10-01"}).json()
    plan = weekly["top_businesses"][0]["contact_plan"]
    assert (plan["who"], plan["how"], plan["by_when"]) == ("BCC", "telephone", "2026-10-09")


def test_a_past_contact_by_date_is_taken_only_once_the_fvo_confirms_it(ribbon, client):
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    unconfirmed = plan_form()
    del unconfirmed["by_when-confirm"]
    asked = client.post(url, unconfirmed)
    page = asked.content.decode()
    assert asked.status_code == 422 and not BusinessContactPlan.objects.exists()
    message = "The date to contact the business by is in the past: check it, or tick the box"
    assert message in page and 'id="id_by_when-confirm"' in page
    assert 'href="#id_by_when-day"' in page
    assert client.post(url, plan_form()).status_code == 302


def test_the_date_already_saved_is_kept_without_asking_again(ribbon, client):
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    client.post(url, plan_form())
    update = plan_form(status="contacted")
    del update["by_when-confirm"]
    assert client.post(url, update).status_code == 302
    assert BusinessContactPlan.objects.get().status == "contacted"


def test_an_empty_plan_links_its_errors_to_the_first_radio_and_the_day_box(ribbon, client):
    url = f"/vulnerability/businesses/{ribbon.pk}/contact-plan/"
    page = client.post(url, {"status": "planned"}).content.decode()
    assert '<a href="#id_who">Enter who will contact the business</a>' in page
    assert '<a href="#id_how_0">Select how the business will be contacted</a>' in page
    assert '<a href="#id_by_when-day">Enter the date to contact the business by</a>' in page
    assert "<title>Error: Contact plan" in page
