"""Triage rules straight from the policy: App. D tiers, Victims' Code clocks, cease and desist."""

from datetime import date

import pytest

from fraudcase.triage import rules
from fraudcase.triage.rules import Tier, TierFacts


@pytest.mark.parametrize(
    ("facts", "tier"),
    [
        (TierFacts(bribery_or_corruption=True), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(election_offence=True), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(politically_exposed_person=True), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(victims=100), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(victims=99), Tier.VFT_WITH_ECU_SUPPORT),
        (TierFacts(sar_derived=True), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(organised_crime_group=True, victims=1), Tier.SERIOUS_AND_COMPLEX),
        (TierFacts(victims=10), Tier.VFT_WITH_ECU_SUPPORT),
        (TierFacts(offender_in_position_of_trust=True), Tier.VFT_WITH_ECU_SUPPORT),
        (TierFacts(corporate_fraud=True), Tier.VFT_WITH_ECU_SUPPORT),
        (TierFacts(victims=9, high_value=True), Tier.VFT),
        (TierFacts(victims=2, multiple_suspects=True), Tier.VFT),
        (TierFacts(repeat_or_vulnerable_victim=True), Tier.VFT),
        (TierFacts(victims=9), Tier.VFT_OR_NEIGHBOURHOOD),
        (TierFacts(), Tier.VFT_OR_NEIGHBOURHOOD),
    ],
)
def test_appendix_d_tiers(facts, tier):
    decision = rules.screening_tier(facts)
    assert decision.tier == tier
    assert decision.team == rules.TEAM_FOR_TIER[tier]
    assert decision.reasons


def test_the_most_serious_tier_wins_and_says_why():
    decision = rules.screening_tier(TierFacts(victims=150, offender_in_position_of_trust=True))
    assert decision.tier == Tier.SERIOUS_AND_COMPLEX
    assert decision.reasons == ("150 victims (100 or more)",)


def test_retasking_moves_to_any_other_tier_for_a_listed_reason():
    assert rules.retask(Tier.VFT, to=2, reason="complexity", explanation="Many banks") == 2
    assert rules.retask(Tier.VFT, to=4, reason="resources", explanation="Staffing") == 4
    assert rules.retask(Tier.SERIOUS_AND_COMPLEX, to=4, reason="resources", explanation="x") == 4
    assert rules.retask(Tier.VFT_OR_NEIGHBOURHOOD, to=1, reason="complexity", explanation="x") == 1
    with pytest.raises(ValueError, match="already tier 3"):
        rules.retask(Tier.VFT, to=3, reason="complexity", explanation="x")
    with pytest.raises(ValueError, match="Choose tier"):
        rules.retask(Tier.VFT, to=0, reason="complexity", explanation="x")
    with pytest.raises(ValueError):
        rules.retask(Tier.VFT, to=2, reason="hunch", explanation="x")
    with pytest.raises(ValueError):
        rules.retask(Tier.VFT, to=2, reason="resources", explanation=" ")
    assert rules.retask_problems(3, None, "", "") == {}


def test_the_asked_facts_come_from_the_one_definition_of_appendix_d():
    names = [f.name for f in rules.ASKED_FACTS]
    assert names == [
        "fraud_against_local_government",
        "charity_organiser",
        "professional_enabler",
        "organised_crime_group",
        "significant_regional_or_international",
        "sar_derived",
        "significant_reputational_risk",
        "ponzi_boiler_room_or_advance_fee_at_scale",
        "corporate_fraud",
        "multiple_suspects",
    ]
    assert all(f.hint for f in rules.ASKED_FACTS)
    assert rules.TIER_1_FACTS["organised_crime_group"] == "Organised crime group"
    assert rules.TIER_2_FACTS["corporate_fraud"] == "Corporate fraud"
    assert rules.asked_facts(["sar_derived"]) == TierFacts(sar_derived=True)
    with pytest.raises(ValueError, match="victims"):
        rules.asked_facts(["victims"])


@pytest.mark.parametrize(
    ("received", "enhanced", "due"),
    [
        (date(2026, 12, 24), False, date(2027, 1, 5)),  # Christmas, Boxing Day (Mon), New Year
        (date(2026, 12, 24), True, date(2026, 12, 29)),
        (date(2026, 11, 20), True, date(2026, 11, 23)),  # Friday -> Monday
        (date(2026, 11, 19), False, date(2026, 11, 26)),
        (date(2027, 3, 25), True, date(2027, 3, 30)),  # Good Friday 26th, Easter Monday 29th
        (date(2027, 8, 27), True, date(2027, 8, 31)),  # August bank holiday Monday 30th
    ],
)
def test_victims_code_update_deadlines_in_working_days(received, enhanced, due):
    assert rules.vcop_update_due(received, enhanced=enhanced) == due


def test_evidence_window_and_nfib_return():
    assert rules.evidence_due(date(2026, 11, 1)) == date(2026, 11, 29)
    # November 2026 ends on a Monday (30th): seven working days -> Wednesday 9 December.
    assert rules.nfib_return_due(2026, 11) == date(2026, 12, 9)
    # December 2026 ends on a Thursday; 1 Jan is a holiday -> Tuesday 12 January 2027.
    assert rules.nfib_return_due(2026, 12) == date(2027, 1, 12)


@pytest.mark.parametrize("today", [date(2026, 12, 29), date(2027, 1, 5), date(2026, 11, 23)])
def test_received_windows_agree_with_the_deadlines(today):
    for offset in range(0, 25):
        received = today - __import__("datetime").timedelta(days=offset)
        state = rules.deadline_state(rules.vcop_update_due(received, enhanced=False), today)
        first, last = rules.received_window(state, today, rules.STANDARD_UPDATE_DAYS)
        assert (first is None or first <= received) and (last is None or received <= last), (
            received,
            state,
        )


def test_the_assessment_lists_are_the_policys_own():
    assert len(rules.FACTORS_TOWARDS_INVESTIGATION) == 16
    assert len(rules.FACTORS_TOWARDS_CAUTION) == 12
    assert len(rules.PROPORTIONALITY_QUESTIONS) == 3
    assert rules.THRIVE == (
        "Threat",
        "Harm",
        "Risk",
        "Investigation",
        "Vulnerability",
        "Engagement",
    )
