"""DOMAIN.md "Linking" (OCG): identified, mapped, under investigation, disrupted, dismantled,
archived; evaluated at closure before it is archived (seed 000). Pure rules, from the text."""

import pytest

from fraudcase.ocg import rules
from fraudcase.ocg.rules import NominalRole, OcgStatus

S = OcgStatus


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (S.IDENTIFIED, S.MAPPED, True),
        (S.MAPPED, S.UNDER_INVESTIGATION, True),
        (S.UNDER_INVESTIGATION, S.DISRUPTED, True),
        (S.DISRUPTED, S.DISMANTLED, True),
        (S.DISMANTLED, S.ARCHIVED, True),
        # A disrupted group that regroups is investigated again.
        (S.DISRUPTED, S.UNDER_INVESTIGATION, True),
        # No skipping the mapping, no reopening what is dismantled or archived.
        (S.IDENTIFIED, S.UNDER_INVESTIGATION, False),
        (S.IDENTIFIED, S.DISMANTLED, False),
        (S.DISMANTLED, S.UNDER_INVESTIGATION, False),
        (S.ARCHIVED, S.IDENTIFIED, False),
        (S.MAPPED, S.MAPPED, False),
    ],
)
def test_only_the_lifecycle_s_steps_are_allowed(current, new, allowed):
    problem = rules.transition_problem(current, new, evaluated=True)
    assert (problem is None) is allowed


@pytest.mark.parametrize("current", [S.IDENTIFIED, S.MAPPED, S.DISRUPTED, S.DISMANTLED])
def test_archiving_needs_the_evaluation_first(current):
    assert "evaluation" in rules.transition_problem(current, S.ARCHIVED, evaluated=False)
    assert rules.transition_problem(current, S.ARCHIVED, evaluated=True) is None


def test_an_archived_group_keeps_its_evaluation_as_it_was():
    assert rules.may_evaluate(S.DISMANTLED)
    assert not rules.may_evaluate(S.ARCHIVED)
    assert rules.next_statuses(S.ARCHIVED) == []


def test_an_evaluation_says_both_what_worked_and_what_to_improve():
    assert set(rules.evaluation_problems("", " ")) == {"worked", "improve"}
    assert rules.evaluation_problems("Early takedowns", "Brief the JAG sooner") == {}


def test_a_professional_enabler_is_a_nominal_with_a_profession():
    assert rules.nominal_problems("Alex Ledger", NominalRole.ENABLER, "") == {
        "profession": "Enter the professional enabler's profession"
    }
    assert rules.nominal_problems("Alex Ledger", NominalRole.ENABLER, "Accountant") == {}
    assert rules.nominal_problems("Sam Runner", NominalRole.MEMBER, "") == {}
    assert set(rules.nominal_problems("", "boss", "")) == {"name", "role"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OCG-000042", 42),
        ("ocg-42", 42),
        (" OCG-7 ", 7),
        ("S-000042", None),
        ("OCG-", None),
        ("", None),
    ],
)
def test_references_name_a_group(text, expected):
    assert rules.ocg_id_of(text) == expected
    if expected:
        assert rules.ocg_reference(expected) == f"OCG-{expected:06d}"


def test_investigators_read_and_analysts_supervisors_and_managers_change():
    from fraudcase.accounts.enums import Role

    assert rules.may_read(Role.INVESTIGATOR) and not rules.may_edit(Role.INVESTIGATOR)
    assert rules.may_edit(Role.INVESTIGATOR, is_lead=True)
    for role in (Role.ANALYST, Role.VFT_SUPERVISOR, Role.ECU_MANAGER):
        assert rules.may_edit(role)
    for role in (Role.ASSESSOR, Role.FVO, Role.ADMINISTRATOR):
        assert not rules.may_read(role) and not rules.may_edit(role, is_lead=True)
