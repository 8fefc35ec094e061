"""App. B screening matrix: a versioned default scoring; App. D wins over the score."""

import pytest

from fraudcase.triage import rules
from fraudcase.triage.models import ScoringVersion
from fraudcase.triage.scoring import DEFAULT_SCORING

LOW = {
    "victim": "public",
    "offender": "other",
    "evidence": "unknown_not_available",
    "geography": "single_lpa",
    "victims": "under_10",
    "connected_reports": "1_to_10",
    "value": "low",
    "modus_operandi": "internet",
}


def test_the_default_scoring_is_complete():
    assert rules.scoring_problems(DEFAULT_SCORING) == []
    assert rules.scoring_problems({"headings": {}}) != []


def test_a_single_low_value_online_fraud_is_tier_4():
    result = rules.screen(DEFAULT_SCORING, LOW, [])
    assert (result.tier, result.team) == (4, "VFT or neighbourhood")
    assert result.score == 12


def test_appendix_d_wins_over_the_score():
    bribery = {**LOW, "modus_operandi": "bribery_corruption"}
    result = rules.screen(DEFAULT_SCORING, bribery, [])
    assert result.tier == 1 and result.score_tier == 4
    assert any("Appendix D gives tier 1, which wins" in r for r in result.reasons)


def test_multipliers_scale_the_score_and_a_pep_is_tier_1():
    result = rules.screen(DEFAULT_SCORING, LOW, ["politically_exposed_person", "complex"])
    assert result.score == 36  # 12 points x 2.0 x 1.5
    assert result.tier == 1


def test_unknown_answers_are_refused_with_every_problem():
    with pytest.raises(ValueError) as refused:
        rules.screen(DEFAULT_SCORING, {**LOW, "value": "priceless", "colour": "red"}, ["x"])
    message = str(refused.value)
    assert "'priceless' is not an option of 'value'" in message
    assert "Unknown heading 'colour'" in message and "Unknown multiplier 'x'" in message


@pytest.mark.django_db
def test_the_screen_endpoint_returns_score_tier_team_version_and_reasons(assessor, client):
    client.force_login(assessor)
    response = client.post(
        "/api/v1/triage/screen",
        {"answers": {**LOW, "victims": "10_plus"}},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert (body["tier"], body["team"]) == (2, "VFT with ECU support")
    assert body["scoring_version"] == "leics-default-1"
    assert "10 victims (10 or more)" in body["reasons"]


@pytest.mark.django_db
def test_extra_appendix_d_facts_and_bad_input(assessor, client):
    client.force_login(assessor)
    ocg = client.post(
        "/api/v1/triage/screen",
        {"answers": LOW, "facts": {"organised_crime_group": True}},
        content_type="application/json",
    )
    assert ocg.json()["tier"] == 1
    bad = client.post(
        "/api/v1/triage/screen", {"answers": {"victim": "public"}}, content_type="application/json"
    )
    assert bad.status_code == 422 and "is missing" in bad.json()["problems"]["answers"]


@pytest.mark.django_db
def test_an_administrator_changes_the_scoring_by_adding_a_version(assessor, client):
    ScoringVersion.objects.update(is_active=False)
    cheaper = {**DEFAULT_SCORING, "tier_thresholds": {"1": 5, "2": 4, "3": 3}}
    ScoringVersion.objects.create(version="force-2027", scoring=cheaper, is_active=True)
    client.force_login(assessor)
    body = client.post(
        "/api/v1/triage/screen", {"answers": LOW}, content_type="application/json"
    ).json()
    assert body["scoring_version"] == "force-2027"
    assert body["score_tier"] == 1 and body["tier"] == 4
