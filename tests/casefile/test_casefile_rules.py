"""The file for the CPS's rules (casefile.rules): schedule numbering and withdrawal (CPIA
Code of Practice), material due a review, and the Home Office outcome a charging decision
suggests (DOMAIN.md "Outcomes (§5.7)")."""

from datetime import UTC, datetime, timedelta

import pytest

from fraudcase.casefile import rules
from fraudcase.casefile.rules import ItemState


def test_numbers_run_on_after_every_number_ever_given():
    assert rules.next_item_number([]) == 1
    assert rules.next_item_number([1, 2, 3]) == 4
    # Item 3 withdrawn: it keeps its number, the next item is still 4.
    assert rules.next_item_number([1, 2, 3]) == 4


def test_a_withdrawn_item_keeps_its_number_and_numbering_stays_consecutive():
    items = [ItemState(1, False), ItemState(2, True), ItemState(3, False)]
    assert rules.numbering_problems(items) == []
    assert rules.numbering_problems([ItemState(1, False), ItemState(3, False)]) == [
        "Item 2 is missing"
    ]
    assert rules.numbering_problems([ItemState(1, False), ItemState(1, False)]) == [
        "A number is given twice"
    ]


def test_an_item_is_withdrawn_once_and_with_a_reason():
    assert rules.withdraw_problem(False, "Duplicate of item 2") is None
    assert rules.withdraw_problem(False, "  ") is not None
    assert rules.withdraw_problem(True, "again") == "That item is already withdrawn"


def test_an_item_is_described_with_its_decision_or_sensitivity():
    assert rules.item_problems("mg6c", "CCTV", "Store", "CND", "") == {}
    assert set(rules.item_problems("mg6c", "", "", "X", "")) == {
        "description",
        "location",
        "decision",
    }
    assert rules.item_problems("mg6d", "Informant log", "Safe", "", "") == {
        "sensitivity": "Enter why the material is sensitive"
    }


def test_material_added_since_the_last_review_is_shown():
    t = datetime(2026, 11, 1, 10, tzinfo=UTC)
    material = [("S1", t), ("Exhibit VI/1", t + timedelta(hours=2))]
    assert rules.material_to_review(None, material) == ["S1", "Exhibit VI/1"]
    assert rules.material_to_review(t + timedelta(hours=1), material) == ["Exhibit VI/1"]
    assert rules.material_to_review(t + timedelta(hours=3), material) == []


@pytest.mark.parametrize(
    ("decision", "by", "outcome"),
    [
        ("charge", "cps", 1),
        ("summons", "police", 1),
        ("youth_caution", "police", 2),
        ("youth_conditional_caution", "cps", 2),
        ("adult_caution", "police", 3),
        ("conditional_caution", "cps", 3),
        ("tic", "cps", 4),
        ("community_resolution", "police", 8),
        ("nfa_public_interest", "cps", 9),
        ("nfa_public_interest", "police", 10),
        ("nfa_evidential", "cps", None),
        ("further_enquiries", "cps", None),
        ("", "cps", None),
    ],
)
def test_a_charging_decision_suggests_its_home_office_outcome(decision, by, outcome):
    assert rules.outcome_for(decision, by) == outcome


def test_the_strongest_sanction_is_suggested():
    assert rules.suggested_outcome([("adult_caution", "police"), ("charge", "cps")]) == 1
    assert rules.suggested_outcome([("nfa_evidential", "cps")]) is None
    assert rules.suggested_outcome([]) is None


def test_versions_run_on():
    assert rules.next_version([]) == 1
    assert rules.next_version([1, 2]) == 3
