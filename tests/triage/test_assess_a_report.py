"""§5.2 assessment in sections (a task list): the matrix pre-filled from the data, scored, tiered,
recorded."""

import pytest

from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.triage import rules, services
from fraudcase.triage.forms import SECTIONS
from fraudcase.triage.models import Assessment

pytestmark = pytest.mark.django_db

ANSWERS = {
    "matrix_victim": "public",
    "matrix_offender": "other",
    "matrix_evidence": "known_available",
    "matrix_geography": "single_lpa",
    "matrix_victims": "under_10",
    "matrix_connected_reports": "1_to_10",
    "matrix_value": "low",
    "matrix_modus_operandi": "internet",
}


def form(**overrides):
    data = {
        **ANSWERS,
        "ndm_rationale": "Proportionate: local suspect, evidence available",
        "hocr_compliant": "yes",
        "full_account": "Caller claimed to be police; courier collected £4,500 in cash",
        "four_ps": ["Pursue", "Protect"],
        "proportionality_0": "yes",
        "proportionality_1": "yes",
        "proportionality_2": "yes",
        "recommendation": "allocate",
        "entitlement_0": "2026-10-06",
        "thrive_threat": "Low",
        "factors_for": ["3"],
    }
    data.update(overrides)
    return data


def assess_on_the_pages(client, report, data):
    """Answer every section of the task list with `data`, then send it from check your answers.

    Returns the first section page that refused its answers, else the check page's response.
    """
    base = f"/reports/{report.local_reference}/assess"
    for section in SECTIONS:
        answer = client.post(f"{base}/{section}/", {**data, "action": "continue"})
        if answer.status_code != 302:
            return answer
    return client.post(f"{base}/check/")


@pytest.fixture
def imported(assessor, example_package):
    import_nfib_package(example_package, user=assessor)


def report(nfrc):
    return Report.objects.get(nfrc_numbers__number=nfrc)


def test_the_matrix_is_prefilled_from_the_data_and_says_why(imported, assessor):
    albert = services.matrix_prefill(assessor, report("NFRC261010000004"))
    assert albert["victim"] == ("vulnerable", "Victim aged 89")
    assert albert["value"] == ("medium", "Loss of £4,500.00")
    margaret = services.matrix_prefill(assessor, report("NFRC261010000001"))
    assert margaret["connected_reports"] == (
        "1_to_10",
        "1 other report(s) linked by a suspect identifier",
    )
    assert margaret["victims"] == ("under_10", "2 victim(s) in the package")


def test_position_of_trust_is_read_from_the_account():
    prefill = rules.matrix_prefill(
        victims_in_package=1,
        linked_reports=0,
        loss_gbp=None,
        victim_age=80,
        victim_individual=True,
        narrative="Her carer used the bank card",
    )
    assert prefill["offender"] == ("position_of_trust", "The account mentions 'carer'")


def test_an_assessment_is_scored_tiered_and_sent_for_decision(imported, assessor, client):
    client.force_login(assessor)
    albert = report("NFRC261010000004")
    page = client.get(f"/reports/{albert.local_reference}/assess/matrix/").content.decode()
    assert "Pre-filled: Victim aged 89" in page
    response = assess_on_the_pages(client, albert, form())
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.tier, assessment.scoring_version) == (4, "leics-default-1")
    assert assessment.factors_towards_investigation == [rules.FACTORS_TOWARDS_INVESTIGATION[3]]
    assert assessment.entitlements == {rules.VCOP_ENTITLEMENTS[0]: "2026-10-06"}
    albert.refresh_from_db()
    assert albert.status == "assessed"
    assert albert.local_reference not in client.get("/triage/queue/").content.decode()


def test_no_further_action_needs_a_rationale(imported, assessor, client):
    client.force_login(assessor)
    albert = report("NFRC261010000004")
    page = assess_on_the_pages(client, albert, form(recommendation="no_further_action"))
    assert "Give the rationale for no further action" in page.content.decode()
    assert not Assessment.objects.exists()


def test_only_assessors_supervisors_and_evaluators_assess(imported, fvo, client):
    client.force_login(fvo)
    albert = report("NFRC261010000004")
    assert client.get(f"/reports/{albert.local_reference}/assess/").status_code == 404


API_ASSESSMENT = {
    "hocr_compliant": True,
    "solvability": "Courier seen on a doorbell camera",
    "four_ps": ["Pursue"],
    "entitlements": {"0": "2026-10-06"},
    "enhanced_service": True,
    "thrive": {"threat": "Low"},
    "ndm_rationale": "Proportionate: local suspect, evidence available",
    "factors_towards_investigation": [3],
    "proportionality": [True, True, True],
    "matrix": {k.removeprefix("matrix_"): v for k, v in ANSWERS.items()},
    "recommendation": "allocate",
}


def test_the_assessment_through_the_api_is_checked_like_the_page(imported, assessor, fvo, client):
    albert = report("NFRC261010000004")
    url = f"/api/v1/reports/{albert.local_reference}/assessment"
    client.force_login(fvo)
    assert client.post(url, API_ASSESSMENT, content_type="application/json").status_code == 404
    client.force_login(assessor)
    bad = client.post(
        url, {**API_ASSESSMENT, "matrix": {"victim": "nonsense"}}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "matrix_victim" in bad.json()["problems"] and "matrix_value" in bad.json()["problems"]
    answer = client.post(url, API_ASSESSMENT, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["status"], answer.json()["tier"]) == ("assessed", 4)
    saved = Assessment.objects.get(report=albert)
    assert saved.enhanced_service is True
    assert (saved.solvability, saved.four_ps) == ("Courier seen on a doorbell camera", ["Pursue"])
    again = client.post(url, API_ASSESSMENT, content_type="application/json")
    assert again.status_code == 409


def test_an_organised_crime_group_fraud_assessed_on_the_page_is_tier_1(imported, assessor, client):
    client.force_login(assessor)
    albert = report("NFRC261010000004")
    page = client.get(f"/reports/{albert.local_reference}/assess/facts/").content.decode()
    assert "Appendix D: which of these apply?" in page
    assert 'value="organised_crime_group"' in page and "govuk-checkboxes__hint" in page
    response = assess_on_the_pages(
        client, albert, form(tier_facts=["organised_crime_group", "multiple_suspects"])
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    # The matrix scores it tier 4; Appendix D wins and the facts are kept for the supervisor.
    assert (assessment.tier, assessment.team) == (1, "ECU (serious and complex)")
    assert assessment.tier_facts == ["organised_crime_group", "multiple_suspects"]
    assert "Organised crime group" in assessment.reasons
    assert any("Appendix D gives tier 1, which wins" in r for r in assessment.reasons)
    client.force_login(assessor)
    shown = client.get(f"/reports/{albert.local_reference}/").content.decode()
    assert "Appendix D: Organised crime group, Multiple suspects." in shown
    assert "Why tier 1" in shown


def test_a_repeat_victim_ticked_on_the_page_is_tier_3(imported, assessor, client):
    client.force_login(assessor)
    albert = report("NFRC261010000004")
    assess_on_the_pages(client, albert, form(repeat_victim="on"))
    assert Assessment.objects.get().tier == 3


def test_an_unknown_appendix_d_fact_is_refused_on_the_page(imported, assessor, client):
    client.force_login(assessor)
    albert = report("NFRC261010000004")
    page = assess_on_the_pages(client, albert, form(tier_facts=["victims"]))
    assert page.status_code == 200 and not Assessment.objects.exists()


def test_the_api_assessment_takes_the_same_appendix_d_facts(imported, assessor, client):
    albert = report("NFRC261010000004")
    url = f"/api/v1/reports/{albert.local_reference}/assessment"
    client.force_login(assessor)
    unknown = client.post(
        url, {**API_ASSESSMENT, "facts": {"hunch": True}}, content_type="application/json"
    )
    assert unknown.status_code == 422 and not Assessment.objects.exists()
    answer = client.post(
        url,
        {**API_ASSESSMENT, "facts": {"sar_derived": True, "corporate_fraud": False}},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["tier"], answer.json()["team"]) == (1, "ECU (serious and complex)")
    assert Assessment.objects.get().tier_facts == ["sar_derived"]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(schema["AppendixDFacts"]["properties"]) == {f.name for f in rules.ASKED_FACTS}
