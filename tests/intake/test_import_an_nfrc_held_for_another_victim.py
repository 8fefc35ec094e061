"""§5.1: an NFRC number belongs to one victim. A package giving a number already held for a
different victim is rejected whole; the same victim, however the name is written, is already
recorded. The report holding it is named only to an importer who may see it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.accounts.services import issue_token
from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import NFRCNumber, Report, Victim
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db

HELD = "NFRC261000000001"  # victim_row(1)'s number


@pytest.fixture
def held(assessor, write_package):
    """Mary-Ann O'Brien, born 1950-01-01, recorded with NFRC ...0001."""
    import_nfib_package(
        write_package([victim_row(1, forename="Mary-Ann", surname="O'Brien")]), user=assessor
    )
    return Report.objects.get()


def rejected_problems(path, user):
    before = (Report.objects.count(), NFRCNumber.objects.count(), Victim.objects.count())
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=user)
    assert (Report.objects.count(), NFRCNumber.objects.count(), Victim.objects.count()) == before
    return rejected.value.problems


@pytest.mark.parametrize(
    ("other", "why"),
    [
        ({"forename": "Mary-Ann", "surname": "Osei"}, "another name"),
        (
            {"forename": "Mary-Ann", "surname": "O'Brien", "dob": "1951-02-02"},
            "another date of birth",
        ),
        (
            {
                "victim_type": "Business",
                "forename": "",
                "surname": "",
                "business_name": "O'Brien Ltd",
            },
            "another victim type",
        ),
    ],
)
def test_a_package_giving_a_held_nfrc_to_another_victim_is_rejected_whole(
    held, assessor, write_package, other, why
):
    path = write_package(
        [
            victim_row(7, package_ref="NFIB-PKG-2"),
            victim_row(8, package_ref="NFIB-PKG-2", nfrc=HELD, **other),
        ]
    )
    [problem] = rejected_problems(path, assessor)
    assert (problem.row, problem.column) == (3, "nfrc")
    assert HELD in problem.problem and why in problem.problem
    assert held.local_reference in problem.problem


def test_another_business_name_is_another_victim(assessor, write_package):
    business = {"victim_type": "Business", "forename": "", "surname": "", "dob": ""}
    import_nfib_package(
        write_package([victim_row(1, business_name="Castle Garage", **business)]), user=assessor
    )
    path = write_package([victim_row(1, business_name="Abbey Motors", **business)])
    [problem] = rejected_problems(path, assessor)
    assert "another business name" in problem.problem


def test_the_same_victim_written_differently_is_already_recorded(held, assessor, write_package):
    again = import_nfib_package(
        write_package(
            [victim_row(1, package_ref="NFIB-PKG-9", forename="MARY ANN", surname="OBRIEN")]
        ),
        user=assessor,
    )
    assert (again.created, again.already_recorded) == (0, 1)
    assert Report.objects.count() == 1


def test_a_date_of_birth_missing_on_one_side_is_not_a_difference(held, assessor, write_package):
    again = import_nfib_package(
        write_package([victim_row(1, forename="Mary-Ann", surname="O'Brien", dob="")]),
        user=assessor,
    )
    assert again.already_recorded == 1


def test_a_report_the_importer_may_not_see_is_not_named(
    held, assessor, ecu, ecu_investigator, write_package
):
    Report.objects.filter(pk=held.pk).update(restricted_to_team=ecu)
    path = write_package([victim_row(8, nfrc=HELD)])
    [hidden] = rejected_problems(path, assessor)
    assert HELD in hidden.problem and "a report you cannot see" in hidden.problem
    assert held.local_reference not in hidden.problem and "another name" not in hidden.problem
    [shown] = rejected_problems(path, ecu_investigator)  # a member of the team sees it
    assert held.local_reference in shown.problem


def test_the_api_and_the_command_line_refuse_it_naming_the_nfrc(
    held, assessor, client, write_package
):
    path = write_package([victim_row(8, nfrc=HELD)])
    auth = {"Authorization": f"Bearer {issue_token(assessor, 'test')}"}
    with path.open("rb") as handle:
        response = client.post("/api/v1/imports/nfib-package", {"file": handle}, headers=auth)
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["row"] == 2 and HELD in problem["problem"]
    with pytest.raises(CommandError, match=HELD):
        call_command("import_nfib_package", str(path), "--user", "assessor")
    assert Report.objects.count() == 1
