"""The case rules straight from the policy: App. D teams, workload, outcomes, time in state."""

from datetime import UTC, date, datetime, timedelta

import pytest

from fraudcase.cases import rules
from fraudcase.cases.rules import CeaseAndDesistFacts
from fraudcase.reports.rules import LIFECYCLE, Transition, transition_problem


def person(name="A", kinds=("vft",), experience="pip1", capacity=10, tiers=()):
    return rules.Candidate(1, name, frozenset(kinds), experience, capacity, tuple(tiers))


@pytest.mark.parametrize(
    ("tier", "kinds", "experience", "suitable"),
    [
        (1, ("ecu",), "pip2", True),
        (1, ("vft",), "pip2", False),  # App. D: tier 1 is the ECU's
        (1, ("ecu",), "pip1", False),
        (2, ("vft",), "pip2", True),  # VFT with ECU support
        (2, ("vft",), "pip1", False),
        (3, ("vft",), "pip1", True),
        (3, ("neighbourhood",), "pip1", False),
        (4, ("neighbourhood",), "trainee", True),
        (4, ("ecu",), "pip2", False),
    ],
)
def test_who_suits_which_tier(tier, kinds, experience, suitable):
    assert rules.suitability(person(kinds=kinds, experience=experience), tier).suitable is suitable


def test_the_lightest_weighted_load_comes_first_and_full_caseloads_last():
    busy = person("Busy", tiers=(3, 3, 3))
    light = person("Light", tiers=(4, 4, 4, 4))  # more cases, lighter load (4 vs 6)
    full = person("Full", capacity=2, tiers=(4, 4))
    order = [c.name for c, _ in rules.ranked([busy, full, light], 3)]
    assert order == ["Light", "Busy", "Full"]
    assert rules.weighted_load([1, 2, 3, 4]) == 10


def test_allocating_against_the_board_needs_a_reason():
    trainee = person(experience="trainee")
    assert "override_reason" in rules.allocation_problems(trainee, 3, "")
    assert rules.allocation_problems(trainee, 3, "Only officer free; mentored by DS Khan") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1-10", set(range(1, 11))), ("1-10,22", set(range(1, 11)) | {22}), ("3", {3})],
)
def test_the_positive_outcome_set_is_configurable(text, expected):
    assert rules.parse_outcome_set(text) == expected


@pytest.mark.parametrize("text", ["", "0-3", "5-30", "x"])
def test_a_bad_positive_outcome_setting_is_refused(text):
    with pytest.raises(ValueError):
        rules.parse_outcome_set(text)


GOOD = CeaseAndDesistFacts(
    no_criminal_record=True,
    no_earlier_notice=True,
    isolated_minor_low_value=True,
    bank_account_insufficient_evidence=False,
    low_reoffending_risk=True,
    most_proportionate=True,
)


def test_finalisation_needs_an_outcome_and_for_no_action_a_rationale():
    assert "outcome" in rules.finalisation_problems(None, "", None)
    assert "outcome" in rules.finalisation_problems(23, "", None)
    assert rules.finalisation_problems(1, "", None) == {}  # charged
    assert "rationale" in rules.finalisation_problems(18, "", None)
    assert rules.finalisation_problems(18, "No suspect identified", None) == {}


@pytest.mark.parametrize(
    "failing",
    ["no_criminal_record", "no_earlier_notice", "low_reoffending_risk", "most_proportionate"],
)
def test_cease_and_desist_is_refused_when_any_condition_fails(failing):
    facts = CeaseAndDesistFacts(**{**GOOD.__dict__, failing: False})
    problems = rules.finalisation_problems(10, "Low value online sale", facts)
    assert "cease_and_desist" in problems
    assert rules.finalisation_problems(10, "Low value online sale", GOOD) == {}


def test_cease_and_desist_for_a_child_needs_an_appropriate_adult():
    child = CeaseAndDesistFacts(**{**GOOD.__dict__, "suspect_under_18": True})
    assert "appropriate adult" in rules.finalisation_problems(10, "x", child)["cease_and_desist"]
    with_adult = CeaseAndDesistFacts(
        **{**child.__dict__, "appropriate_adult_present_and_consenting": True}
    )
    assert rules.finalisation_problems(10, "x", with_adult) == {}


def test_a_cease_and_desist_notice_is_outcome_10():
    assert "outcome" in rules.finalisation_problems(1, "x", GOOD)


def test_time_in_each_state_and_the_milestones():
    t0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
    moves = [
        rules.Move("assess", "recorded", "assessed", t0 + timedelta(days=2)),
        rules.Move("decide", "assessed", "awaiting_allocation", t0 + timedelta(days=3)),
        rules.Move(
            "allocate", "awaiting_allocation", "under_investigation", t0 + timedelta(days=5)
        ),
        rules.Move("finalise", "under_investigation", "closed", t0 + timedelta(days=20)),
    ]
    spent = rules.time_in_states(t0, moves, t0 + timedelta(days=99))
    assert spent["recorded"] == timedelta(days=2)
    assert spent["under_investigation"] == timedelta(days=15)
    assert "closed" not in spent
    assert rules.milestones(t0, moves) == {
        "assess": timedelta(days=2),
        "allocate": timedelta(days=5),
        "finalise": timedelta(days=20),
    }


def test_reviews_come_round_sooner_for_serious_tiers():
    assert rules.next_review_due(date(2026, 11, 2), 1) == date(2026, 11, 16)
    assert rules.next_review_due(date(2026, 11, 2), 4) == date(2026, 11, 30)


ALL_ROLES = [
    "assessor",
    "vft_supervisor",
    "evaluator",
    "investigator",
    "fvo",
    "safeguarding",
    "financial_intelligence",
    "analyst",
    "administrator",
]


@pytest.mark.parametrize("transition", list(Transition))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_transition_is_allowed_only_for_its_roles(transition, role):
    starts, roles = LIFECYCLE[transition]
    start = sorted(starts)[0]
    allowed = transition_problem(transition, role, start) is None
    assert allowed is (role in roles)


def test_a_move_from_the_wrong_status_is_refused():
    assert transition_problem(Transition.ALLOCATE, "vft_supervisor", "recorded") is not None
    assert transition_problem(Transition.FINALISE, "investigator", "closed") is not None
