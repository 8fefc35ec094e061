"""A user who may not see a case cannot reach its statements, schedules, charging record or
bundle by id, on the pages or the API (404, not 403); a document or item is reached only
through its own case; a role that does not work cases cannot change the file."""

import pytest
from django.utils import timezone

from fraudcase.casefile import services
from fraudcase.reports.models import Report

from .conftest import cf_url, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(file, suspect):
    document = statement(file)
    services.add_item(
        file, "mg6c", services.ItemInput(description="CCTV", location="Store", decision="CND")
    )
    services.add_item(
        file, "mg6d", services.ItemInput(description="Log", location="Safe", sensitivity="Source")
    )
    request = services.request_charging(
        file, suspect=suspect.pk, decision_maker="cps", requested_on=timezone.localdate()
    )
    hearing = services.add_hearing(
        file, suspect=suspect.pk, held_on=timezone.localdate(), court="Court", kind="first"
    )
    return document, request, hearing


def _parts(document, request, hearing):
    return [
        "documents/",
        "documents/?export=csv",
        f"documents/{document.pk}/",
        f"documents/{document.pk}/versions/1/file/",
        "disclosure/mg6c/",
        "disclosure/mg6c/?export=xlsx",
        "disclosure/mg6c/print/",
        "disclosure/mg6c/items/1/",
        "disclosure/mg6d/",
        "disclosure/mg6d/items/1/",
        "disclosure/mg6e/",
        "charging/",
        f"charging/{request.pk}/",
        f"hearings/{hearing.pk}/",
        "bundle/",
    ]


def test_a_user_who_may_not_see_the_case_gets_404_everywhere(
    filled, client, case, ecu_investigator
):
    Report.objects.filter(pk=case.pk).update(restricted_to_team=case.case.team)
    client.force_login(ecu_investigator)
    for part in _parts(*filled):
        assert client.get(cf_url(case, part)).status_code == 404, part
    ref = case.local_reference
    for api in ("documents", "disclosure/mg6c", "disclosure/mg6d", "charging"):
        assert client.get(f"/api/v1/reports/{ref}/{api}").status_code == 404, api
    answer = client.post(
        f"/api/v1/reports/{ref}/disclosure/mg6c/items",
        {"description": "x", "location": "y", "decision": "CND"},
        content_type="application/json",
    )
    assert answer.status_code == 404


def test_a_document_is_reached_only_through_its_own_case(filled, client, case, supervisor):
    document, request, hearing = filled
    other = Report.objects.exclude(pk=case.pk).first()
    client.force_login(supervisor)
    for part in (
        f"documents/{document.pk}/",
        f"documents/{document.pk}/versions/1/file/",
        f"charging/{request.pk}/",
        f"hearings/{hearing.pk}/",
    ):
        assert client.get(cf_url(other, part)).status_code == 404, part


def test_a_role_that_does_not_work_cases_reads_but_cannot_change(filled, client, case, assessor):
    client.force_login(assessor)
    assert client.get(cf_url(case, "disclosure/mg6c/")).status_code == 200
    for part, form in (
        ("disclosure/mg6c/", {"step": "review"}),
        ("disclosure/mg6c/items/1/", {"step": "withdraw", "withdraw-reason": "x"}),
        ("disclosure/mg6e/", {"step": "certify", "certified": "on"}),
        ("charging/", {"step": "interview"}),
        ("documents/new/", {}),
    ):
        assert client.post(cf_url(case, part), form).status_code == 404, part
