"""A repeat victim's other reports over the API, and an officer's confirmation or break of a
link: the same rules as the report page (issue 13 item 1, "Need to know")."""

import pytest

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.audit.models import AuditAction, AuditEvent
from fraudcase.linking.models import PersonDecision, PersonMember
from fraudcase.reports.models import Report
from tests.scale import assert_bounded

from .margaret import MARGARET

pytestmark = pytest.mark.django_db


def url(ref: str) -> str:
    return f"/api/v1/reports/{ref}/person"


def test_the_persons_other_reports_with_probability_and_fields(client, supervisor, margaret):
    client.force_login(supervisor)
    answer = client.get(url(margaret[0]))
    assert answer.status_code == 200
    assert answer["X-Total-Count"] == "3"
    links = {row["local_reference"]: row for row in answer.json()}
    assert set(links) == {margaret[1], margaret[2], margaret[4]}
    # Born in 1980: another person.
    assert margaret[5] not in links
    # The capitals and the postcode spacing: equal once normalised, an exact pre-cluster.
    assert links[margaret[2]]["linked_by"] == "exact"
    assert links[margaret[2]]["fields_agreed"] == ["forename", "surname", "date of birth"]
    assert links[margaret[2]]["match_probability"] == 1.0
    # The typo in the surname: scored.
    typo = links[margaret[1]]
    assert typo["linked_by"] in ("probability", "exact")
    assert typo["match_probability"] >= 0.9
    assert "date of birth" in typo["fields_agreed"] or "telephone" in typo["fields_agreed"]
    assert all(row["decision"] == "" for row in links.values())
    # Read as a consultation of the report, as the page is.
    assert AuditEvent.objects.filter(
        action=AuditAction.CONSULTATION, object_ref=margaret[0], actor=supervisor
    ).exists()


def test_a_report_the_caller_may_not_see_is_neither_listed_nor_counted(client, assessor, margaret):
    # The middle of her history is marked OFFICIAL-SENSITIVE; the assessor is cleared to
    # OFFICIAL only.
    Report.objects.filter(local_reference=margaret[2]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    client.force_login(assessor)
    seen = []
    for page in (1, 2, 3):
        answer = client.get(url(margaret[0]), {"page": page, "page_size": 1})
        assert answer["X-Total-Count"] == "2"
        seen += [row["local_reference"] for row in answer.json()]
    assert seen == sorted(seen, key=[margaret[4], margaret[1]].index)  # newest first
    assert set(seen) == {margaret[1], margaret[4]}
    # Nor is the hidden report's own list there to read, nor a decision on it possible.
    assert client.get(url(margaret[2])).status_code == 404
    refused = client.post(
        url(margaret[0]),
        {"other": margaret[2], "decision": "break"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert not PersonDecision.objects.exists()


def test_an_officer_breaks_and_confirms_links(client, supervisor, margaret):
    client.force_login(supervisor)
    broke = client.post(
        url(margaret[0]),
        {"other": margaret[2], "decision": "break", "reason": "Different person on the call"},
        content_type="application/json",
    )
    assert broke.status_code == 201, broke.content
    assert broke.json() == {
        "local_reference": margaret[0],
        "other": margaret[2],
        "decision": "break",
        "same_person": False,
    }
    confirmed = client.post(
        url(margaret[0]),
        {"other": margaret[5], "decision": "confirm"},
        content_type="application/json",
    )
    assert confirmed.json()["same_person"] is True
    links = {row["local_reference"]: row for row in client.get(url(margaret[0])).json()}
    assert margaret[2] not in links
    assert links[margaret[5]]["decision"] == "confirm"
    assert AuditEvent.objects.filter(
        action=AuditAction.ALTERATION, object_ref=margaret[0], summary__contains="different people"
    ).exists()


def test_a_role_that_may_not_decide_reads_but_is_refused(client, evaluator, margaret):
    client.force_login(evaluator)  # an evaluator reads the history but does not decide links
    assert client.get(url(margaret[0]))["X-Total-Count"] == "3"
    answer = client.post(
        url(margaret[0]),
        {"other": margaret[1], "decision": "break"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert not PersonDecision.objects.exists()


def test_the_list_costs_the_same_whatever_the_persons_size(client, supervisor, import_rows):
    import_rows((1, MARGARET), (2, {**MARGARET, "surname": "Thomson"}))
    client.force_login(supervisor)
    first = Report.objects.order_by("id").first().local_reference
    typos = ["Tompson", "Thompsen", "Thompsom", "Thampson", "Thompsonn", "Thimpson", "Thonpson"]

    def grow():
        import_rows(*[(n, {**MARGARET, "surname": t}) for n, t in enumerate(typos, start=3)])

    assert_bounded(client, url(first), grow)
    person = PersonMember.objects.get(victim__report__local_reference=first).person
    assert person.size == 9
    assert client.get(url(first))["X-Total-Count"] == "8"
