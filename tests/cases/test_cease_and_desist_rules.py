"""§5.7: a cease and desist notice (outcome 10) only when every condition holds; outcomes."""

from dataclasses import replace

import pytest

from fraudcase.cases import rules
from fraudcase.cases.rules import CeaseAndDesistFacts

GOOD = CeaseAndDesistFacts(
    no_criminal_record=True,
    no_earlier_notice=True,
    isolated_minor_low_value=True,
    bank_account_insufficient_evidence=False,
    low_reoffending_risk=True,
    most_proportionate=True,
)


def test_cease_and_desist_allowed_when_every_condition_holds():
    assert rules.cease_and_desist_problems(GOOD) == []


@pytest.mark.parametrize(
    "change",
    [
        {"no_criminal_record": False},
        {"no_earlier_notice": False},
        {"isolated_minor_low_value": False},
        {"low_reoffending_risk": False},
        {"most_proportionate": False},
        {"suspect_under_18": True},
    ],
)
def test_cease_and_desist_refused_when_any_condition_fails(change):
    assert len(rules.cease_and_desist_problems(replace(GOOD, **change))) == 1


def test_a_bank_account_with_insufficient_evidence_also_qualifies():
    facts = replace(GOOD, isolated_minor_low_value=False, bank_account_insufficient_evidence=True)
    assert rules.cease_and_desist_problems(facts) == []
    young = replace(GOOD, suspect_under_18=True, appropriate_adult_present_and_consenting=True)
    assert rules.cease_and_desist_problems(young) == []


def test_untraceable_suspects_and_positive_outcomes():
    assert rules.untraceable_suspect_action(True) == "PNC interest marker"
    assert rules.untraceable_suspect_action(False) == "Intelligence log"
    # The seed counts outcomes 1-10 as positive (FRAUDCASE_POSITIVE_OUTCOMES, "1-10" by default).
    positive = rules.parse_outcome_set("1-10")
    assert [o for o in rules.HOME_OFFICE_OUTCOMES if o in positive] == list(range(1, 11))
    assert len(rules.HOME_OFFICE_OUTCOMES) == 22


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("telephone_takedown", None),
        ("cifas_marker", None),
        ("cease_and_desist", rules.NOTICE_IS_AN_OUTCOME),
        ("nonsense", "Choose the disruption used"),
    ],
)
def test_a_notice_is_never_a_disruption_recorded_by_hand(kind, problem):
    assert rules.disruption_kind_problem(kind) == problem
    assert ("cease_and_desist" in dict(rules.recordable_disruptions())) is False
