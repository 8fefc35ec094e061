"""The People and things page of a report, its forms and its API: the same access as the
report (a user who may not see it gets 404, a nominal is reached only through its own report),
GOV.UK error summaries, and a bounded number of queries whatever the report holds."""

import pytest

from fraudcase.accounts.models import HandlingMarking
from fraudcase.investigation import nominals
from fraudcase.investigation.models import Nominal
from fraudcase.reports.models import Report
from tests.conftest import call_for_service
from tests.scale import assert_bounded

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(assessor):
    return call_for_service(assessor).report


def url(report, part=""):
    return f"/reports/{report.local_reference}/investigation/people/{part}"


def api(report, part=""):
    return f"/api/v1/reports/{report.local_reference}/nominals{part}"


def _record(user, report, n=0, role="suspect"):
    return nominals.record(
        user,
        report,
        nominals.Entry(
            kind="person",
            role=role,
            name=f"Person {n}",
            identifiers=[("phone", f"07700 9{n:05d}"), ("email", f"p{n}@example.com")],
        ),
        reason="From the caller",
    )


def test_an_officer_adds_a_suspect_on_the_page_and_sees_it_listed(client, assessor, report):
    client.force_login(assessor)
    assert client.get(url(report)).status_code == 200
    form = client.get(url(report, "new/") + "?role=suspect")
    assert form.status_code == 200 and "Record a person or thing" in form.content.decode()
    answer = client.post(
        url(report, "new/"),
        {
            "kind": "person",
            "role": "suspect",
            "name": "Dan Crook",
            "phone": "07700 900123\n+44 7700 900124",
            "reason": "Named by the caller",
        },
    )
    assert answer.status_code == 302
    page = client.get(url(report)).content.decode()
    assert "Dan Crook" in page and "+44 7700 900124" in page
    # ... and on the report page, as the report's suspect.
    assert "+447700900123" in client.get(f"/reports/{report.local_reference}/").content.decode()


def test_a_form_with_problems_shows_an_error_summary_naming_each(client, assessor, report):
    client.force_login(assessor)
    answer = client.post(
        url(report, "new/"), {"kind": "person", "name": "", "phone": "not a phone", "reason": ""}
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "There is a problem" in html
    assert "Enter the name" in html
    assert "Enter the reason for the change" in html
    assert "is not a valid telephone number" in html and "Line 1" in html
    assert "Select the part they play" in html
    assert not Nominal.objects.exists()


def test_change_and_remove_with_a_reason_on_the_pages(client, assessor, report):
    n = _record(assessor, report)
    client.force_login(assessor)
    edit = url(report, f"{n.pk}/")
    assert "p0@example.com" in client.get(edit).content.decode()
    answer = client.post(
        edit, {"kind": "person", "role": "witness", "name": "Person 0", "reason": "A witness"}
    )
    assert answer.status_code == 302
    assert Nominal.objects.get(pk=n.pk).role == "witness"
    assert client.post(url(report, f"{n.pk}/remove/"), {"reason": ""}).status_code == 200
    assert client.post(url(report, f"{n.pk}/remove/"), {"reason": "Duplicate"}).status_code == 302
    assert "Duplicate" in client.get(url(report)).content.decode()


def test_a_user_who_may_not_see_the_report_gets_404_on_its_nominals(
    client, assessor, report, ecu_investigator, vft
):
    n = _record(assessor, report)
    Report.objects.filter(pk=report.pk).update(restricted_to_team=vft)
    client.force_login(ecu_investigator)
    for part in ("", "new/", f"{n.pk}/", f"{n.pk}/remove/"):
        assert client.get(url(report, part)).status_code == 404, part
    assert client.get(api(report)).status_code == 404
    assert client.get(api(report, f"/{n.pk}")).status_code == 404
    posted = client.post(
        api(report),
        {"kind": "person", "role": "suspect", "name": "X", "reason": "r"},
        content_type="application/json",
    )
    assert posted.status_code == 404
    removed = client.post(
        api(report, f"/{n.pk}/remove"), {"reason": "r"}, content_type="application/json"
    )
    assert removed.status_code == 404
    assert Nominal.objects.get(pk=n.pk).removed_at is None


def test_a_marking_above_the_users_clearance_hides_the_nominals_too(
    client, assessor, report, vft_investigator
):
    n = _record(assessor, report)
    Report.objects.filter(pk=report.pk).update(handling_marking=HandlingMarking.OFFICIAL_SENSITIVE)
    client.force_login(vft_investigator)  # cleared to OFFICIAL only, and in the team
    assert client.get(url(report, f"{n.pk}/")).status_code == 404
    assert client.get(api(report, f"/{n.pk}")).status_code == 404


def test_a_nominal_is_reached_only_through_its_own_report(client, assessor, report):
    n = _record(assessor, report)
    other = call_for_service(assessor, caller_surname="Other").report
    client.force_login(assessor)
    assert client.get(url(other, f"{n.pk}/")).status_code == 404
    assert client.get(api(other, f"/{n.pk}")).status_code == 404


def test_a_role_that_does_not_record_them_reads_but_cannot_change(client, assessor, report, fvo):
    n = _record(assessor, report)
    client.force_login(fvo)
    assert client.get(url(report)).status_code == 200
    assert client.get(url(report, "new/")).status_code == 404
    assert client.get(url(report, f"{n.pk}/")).status_code == 404
    assert client.post(url(report, f"{n.pk}/remove/"), {"reason": "x"}).status_code == 404
    posted = client.post(
        api(report),
        {"kind": "object", "name": "Phone", "reason": "r"},
        content_type="application/json",
    )
    assert posted.status_code == 404


def test_the_api_records_changes_and_removes_with_a_reason(client, assessor, report):
    client.force_login(assessor)
    made = client.post(
        api(report),
        {
            "kind": "person",
            "role": "suspect",
            "name": "Dan Crook",
            "identifiers": [{"kind": "uk_bank_account", "value": "20-00-00 12345678"}],
            "reason": "Named by the caller",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["suspect_id"] and body["identifiers"][0]["kind"] == "uk_bank_account"
    bad = client.post(
        api(report),
        {"kind": "person", "role": "suspect", "name": "X", "reason": ""},
        content_type="application/json",
    )
    assert bad.status_code == 422
    changed = client.put(
        api(report, f"/{body['id']}"),
        {"kind": "person", "role": "witness", "name": "Dan Crook", "reason": "A witness"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["suspect_id"] is None
    gone = client.post(
        api(report, f"/{body['id']}/remove"), {"reason": "Dup"}, content_type="application/json"
    )
    assert gone.status_code == 200 and gone.json()["removed_reason"] == "Dup"
    assert [n["id"] for n in client.get(api(report)).json()] == [body["id"]]


@pytest.mark.parametrize("part", ["page", "api", "edit"])
def test_the_people_pages_cost_the_same_however_many_they_list(client, assessor, report, part):
    first = _record(assessor, report, 0)
    client.force_login(assessor)
    target = {"page": url(report), "api": api(report), "edit": url(report, f"{first.pk}/")}[part]

    def grow():
        for n in range(1, 9):
            made = _record(assessor, report, n, role="suspect" if n % 2 else "witness")
            if n % 3 == 0:
                nominals.remove(assessor, report, made.pk, reason="Dup")

    assert_bounded(client, target, grow)
