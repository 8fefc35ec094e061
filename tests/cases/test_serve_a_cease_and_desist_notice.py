"""§5.7 (1): a cease and desist notice is refused when fraudcase already holds one for the same
suspect (a shared normalised identifier or the same normalised name), whatever the tick-box."""

from datetime import date

import pytest

from fraudcase.accounts.models import Team, TeamKind
from fraudcase.cases import rules, services
from fraudcase.cases.models import Finalisation
from fraudcase.cases.rules import CeaseAndDesistFacts, SuspectKey
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report, Suspect
from fraudcase.triage import services as triage
from tests.conftest import victim_row
from tests.triage.test_assess_a_report import assess_on_the_pages, form

pytestmark = pytest.mark.django_db

MARGARET, DEV = "NFRC261010000001", "NFRC261010000002"  # suspect Lee Barton, 07700 900123
NOTICE = CeaseAndDesistFacts(
    no_criminal_record=True,
    no_earlier_notice=True,
    isolated_minor_low_value=True,
    bank_account_insufficient_evidence=False,
    low_reoffending_risk=True,
    most_proportionate=True,
)


def no_further_action(report, assessor, supervisor, client):
    """Assessed on the page, then no further action decided by the supervisor."""
    client.force_login(assessor)
    assess_on_the_pages(client, report, form())
    report.refresh_from_db()
    triage.decide(supervisor, report, decision="no_further_action", reason="Minor online sale")
    report.refresh_from_db()
    return report


def serve(supervisor, report):
    return services.finalise(
        supervisor, report, outcome=10, rationale="Minor online sale", cease_and_desist=NOTICE
    )


@pytest.fixture
def barton(assessor, supervisor, example_package, client):
    """Lee Barton served a notice on Margaret's report; Dev's report names him again."""
    import_nfib_package(example_package, user=assessor)
    margaret = Report.objects.get(nfrc_numbers__number=MARGARET)
    dev = Report.objects.get(nfrc_numbers__number=DEV)
    for report in (margaret, dev):
        no_further_action(report, assessor, supervisor, client)
    serve(supervisor, margaret)
    dev.refresh_from_db()
    return margaret, dev


def test_a_second_notice_for_a_suspect_sharing_a_phone_number_is_refused(barton, supervisor):
    margaret, dev = barton
    with pytest.raises(services.InvalidInput) as refused:
        serve(supervisor, dev)  # the tick-box says "no earlier notice": the record says otherwise
    assert (
        f"The suspect has already had a cease and desist notice (report "
        f"{margaret.local_reference})" in refused.value.problems["cease_and_desist"]
    )
    dev.refresh_from_db()
    assert dev.status == "no_further_action" and Finalisation.objects.count() == 1


def test_a_second_notice_for_the_same_name_written_differently_is_refused(
    barton, assessor, supervisor, client, write_package
):
    margaret, _ = barton
    path = write_package([victim_row(50, package_ref="NFIB-PKG-2", suspect_name="LEE  barton")])
    import_nfib_package(path, user=assessor)
    third = Report.objects.get(nfrc_numbers__number="NFRC261000000050")
    assert Suspect.objects.get(report=third).name_key == "leebarton"
    no_further_action(third, assessor, supervisor, client)
    client.force_login(supervisor)
    page = client.post(
        f"/reports/{third.local_reference}/finalise/",
        {
            "outcome": "10",
            "rationale": "Minor",
            "cease_and_desist": "on",
            "no_criminal_record": "on",
            "no_earlier_notice": "on",
            "isolated_minor_low_value": "on",
            "low_reoffending_risk": "on",
            "most_proportionate": "on",
        },
    ).content.decode()
    assert f"(report {margaret.local_reference})" in page
    third.refresh_from_db()
    assert third.status == "no_further_action"


def test_a_notice_on_a_report_the_user_may_not_see_is_not_named(barton, supervisor, client):
    margaret, dev = barton
    secret = Team.objects.create(name="Covert", kind=TeamKind.ECU)
    Report.objects.filter(pk=margaret.pk).update(restricted_to_team=secret)
    client.force_login(supervisor)
    answer = client.post(
        f"/api/v1/reports/{dev.local_reference}/finalisation",
        {
            "outcome": 10,
            "rationale": "Minor",
            "cease_and_desist": {
                "no_criminal_record": True,
                "no_earlier_notice": True,
                "isolated_minor_low_value": True,
                "bank_account_insufficient_evidence": False,
                "low_reoffending_risk": True,
                "most_proportionate": True,
            },
        },
        content_type="application/json",
    )
    assert answer.status_code == 422
    problem = answer.json()["problems"]["cease_and_desist"]
    assert "(a notice held on another report)" in problem
    assert margaret.local_reference not in problem


def test_a_notice_for_another_suspect_is_served(
    barton, assessor, supervisor, client, write_package
):
    path = write_package(
        [
            victim_row(
                51,
                package_ref="NFIB-PKG-3",
                suspect_name="Kim Ashdown",
                suspect_phone="07700 900999",
            )
        ]
    )
    import_nfib_package(path, user=assessor)
    other = Report.objects.get(nfrc_numbers__number="NFRC261000000051")
    no_further_action(other, assessor, supervisor, client)
    assert serve(supervisor, other).outcome == 10


def test_the_earlier_notices_are_found_in_a_bounded_number_of_queries(
    barton, supervisor, django_assert_max_num_queries
):
    _, dev = barton
    with django_assert_max_num_queries(9):
        mine, held = services.held_notices(supervisor, dev)
    assert len(held) == 1 and held[0].visible
    assert rules.earlier_notice_problems(mine, held)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            SuspectKey("leebarton", None, frozenset()),
            SuspectKey("leebarton", None, frozenset()),
            True,
        ),
        (
            SuspectKey("leebarton", date(1990, 1, 1), frozenset()),
            SuspectKey("leebarton", None, frozenset()),
            True,
        ),
        # Two people with the same name and different dates of birth are different people.
        (
            SuspectKey("leebarton", date(1990, 1, 1), frozenset()),
            SuspectKey("leebarton", date(1991, 1, 1), frozenset()),
            False,
        ),
        (
            SuspectKey("", None, frozenset({"+447700900123"})),
            SuspectKey("kimashdown", None, frozenset({"+447700900123"})),
            True,
        ),
        (SuspectKey("", None, frozenset()), SuspectKey("", None, frozenset()), False),
        (
            SuspectKey("leebarton", None, frozenset({"a"})),
            SuspectKey("kimashdown", None, frozenset({"b"})),
            False,
        ),
    ],
)
def test_the_same_suspect_is_a_shared_identifier_or_name_and_date_of_birth(a, b, same):
    assert rules.same_suspect(a, b) is same
