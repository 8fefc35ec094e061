"""§5.1.1: a call for service double-keyed to NFIB carries the NFRC NFIB gave, and is found by
it like any other report. A malformed NFRC, or one another report holds, is refused."""

import pytest

from fraudcase.accounts.services import issue_token
from fraudcase.intake import services
from fraudcase.intake.importing import import_nfib_package
from fraudcase.intake.models import CallForService
from fraudcase.reports import services as report_services
from fraudcase.reports.models import NFRCNumber, Report
from tests.conftest import call_for_service, victim_row

pytestmark = pytest.mark.django_db

NFRC = "NFRC261100000001"


@pytest.fixture
def call(assessor):
    return call_for_service(assessor)


def test_marking_a_call_sent_attaches_its_nfrc_so_a_search_finds_it(assessor, client, call):
    client.force_login(assessor)
    response = client.post(
        f"/calls-for-service/{call.pk}/sent/", {"nfib_reference": "nfrc 2611 00000001"}
    )
    assert response.status_code == 302
    assert list(call.report.nfrc_numbers.values_list("number", flat=True)) == [NFRC]
    assert [r.pk for r in report_services.search_reports(assessor, NFRC)] == [call.report.pk]
    page = client.get("/reports/", {"q": NFRC}).content.decode()
    assert call.report.local_reference in page


@pytest.mark.parametrize(
    ("typed", "problem"), [("", "Enter the NFRC number"), ("AF12345", "is not an NFRC number")]
)
def test_a_missing_or_malformed_nfrc_is_refused_on_the_page(assessor, client, call, typed, problem):
    client.force_login(assessor)
    response = client.post(f"/calls-for-service/{call.pk}/sent/", {"nfib_reference": typed})
    assert response.status_code == 200 and problem in response.content.decode()
    call.refresh_from_db()
    assert call.nfib_sent_at is None and not NFRCNumber.objects.exists()


def test_an_nfrc_another_report_holds_is_refused_naming_it(assessor, client, call, write_package):
    import_nfib_package(write_package([victim_row(1, nfrc=NFRC)]), user=assessor)
    holder = Report.objects.get(nfrc_numbers__number=NFRC)
    client.force_login(assessor)
    response = client.post(f"/calls-for-service/{call.pk}/sent/", {"nfib_reference": NFRC})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{NFRC} is already held by report {holder.local_reference}" in page
    call.refresh_from_db()
    assert call.nfib_sent_at is None
    assert NFRCNumber.objects.get(number=NFRC).report == holder


def test_a_holder_the_user_may_not_see_is_not_named(assessor, ecu, call, write_package):
    import_nfib_package(write_package([victim_row(1, nfrc=NFRC)]), user=assessor)
    holder = Report.objects.get(nfrc_numbers__number=NFRC)
    Report.objects.filter(pk=holder.pk).update(restricted_to_team=ecu)
    with pytest.raises(services.Conflict) as refused:
        services.mark_sent_to_nfib(assessor, call.pk, NFRC)
    assert holder.local_reference not in str(refused.value)
    assert "one you cannot see" in str(refused.value)


def test_the_api_attaches_the_nfrc_and_refuses_bad_or_held_numbers(
    assessor, client, call, write_package
):
    auth = {"Authorization": f"Bearer {issue_token(assessor, 'test')}"}
    url = f"/api/v1/calls-for-service/{call.pk}/sent"
    bad = client.post(
        url, {"nfib_reference": "12345"}, content_type="application/json", headers=auth
    )
    assert bad.status_code == 422 and "nfib_reference" in bad.json()["problems"]
    import_nfib_package(write_package([victim_row(1, nfrc="NFRC261100000009")]), user=assessor)
    held = client.post(
        url, {"nfib_reference": "NFRC261100000009"}, content_type="application/json", headers=auth
    )
    assert held.status_code == 409 and "already held by report" in held.json()["detail"]
    done = client.post(url, {"nfib_reference": NFRC}, content_type="application/json", headers=auth)
    assert done.status_code == 200
    found = client.get("/api/v1/reports", {"q": NFRC}, headers=auth).json()
    assert [r["local_reference"] for r in found] == [call.report.local_reference]
    assert CallForService.objects.get().nfib_reference == NFRC


def test_a_package_disseminating_the_call_back_finds_it_already_recorded(
    assessor, call, write_package
):
    services.mark_sent_to_nfib(assessor, call.pk, NFRC)
    again = import_nfib_package(
        write_package([victim_row(1, nfrc=NFRC, forename="JOAN", surname="Patel", dob="")]),
        user=assessor,
    )
    assert (again.created, again.already_recorded) == (0, 1)
