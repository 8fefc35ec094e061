"""WMP seed ¶63 iii: a victim the national ECVCU already covers is not contacted twice.

A local visit, call or letter for such a victim is refused unless the FVO records that the
national unit agreed to, or handed over, local contact; the work lists leave them out.
"""

import pytest

from fraudcase.audit.models import AuditEvent
from fraudcase.victims import rules
from fraudcase.victims.models import VictimList, VictimListEntry, VulnerabilityAction
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

WINIFRED = "NFRC261020000001"  # VS4
CALLUM = "NFRC261020000002"  # under 18
JOEL = "NFRC261020000005"  # money mule approach


@pytest.fixture
def with_ecvcu(fvo, client, tmp_path):
    """The example list, then the national unit's referrals for Winifred, Callum and Joel."""
    client.force_login(fvo)
    with (EXAMPLES / "victim-list-example.csv").open("rb") as handle:
        client.post("/vulnerability/", {"file": handle})
    ecvcu = tmp_path / "ecvcu.csv"
    ecvcu.write_text(f"nfrc\n{WINIFRED}\n{CALLUM}\n{JOEL}\n")
    with ecvcu.open("rb") as handle:
        client.post("/vulnerability/ecvcu/", {"file": handle})
    return {e.nfrc: e for e in VictimListEntry.objects.all()}


@pytest.mark.parametrize("response", [r.value for r in rules.Response])
def test_every_local_contact_needs_the_national_units_agreement(response):
    problems = rules.decision_problems("VS4", response, "", with_national_ecvcu=True)
    assert problems["ecvcu_handover"] == rules.ECVCU_REFUSAL
    agreed = rules.decision_problems(
        "VS4", response, "reason", with_national_ecvcu=True, ecvcu_handover="Agreed by J Doe"
    )
    assert "ecvcu_handover" not in agreed


def test_deciding_a_visit_for_a_victim_with_the_national_ecvcu_is_refused(with_ecvcu, pcso, client):
    winifred = with_ecvcu[WINIFRED]
    page = client.get(f"/vulnerability/victims/{winifred.pk}/").content.decode()
    assert "With the national Economic Crime Victim Care Unit" in page
    assert "agreement to local contact" in page
    refused = client.post(
        f"/vulnerability/victims/{winifred.pk}/decide/",
        {"decision-response": "visit_pcso", "decision-assignee": pcso.pk},
    )
    assert refused.status_code == 422
    assert "is not contacted" in refused.content.decode()
    assert not VulnerabilityAction.objects.exists()


def test_recording_the_national_units_agreement_lets_the_visit_go_ahead(
    with_ecvcu, fvo, pcso, client
):
    winifred = with_ecvcu[WINIFRED]
    done = client.post(
        f"/vulnerability/victims/{winifred.pk}/decide/",
        {
            "decision-response": "visit_pcso",
            "decision-assignee": pcso.pk,
            "decision-ecvcu_handover": "National ECVCU (A Khan) handed over on 5 Oct: local visit",
        },
    )
    assert done.status_code == 302
    action = VulnerabilityAction.objects.get()
    assert action.ecvcu_handover.startswith("National ECVCU (A Khan)")
    event = AuditEvent.objects.filter(object_ref=WINIFRED, action="alteration").get()
    assert "local contact agreed: National ECVCU (A Khan)" in event.summary
    page = client.get(f"/vulnerability/victims/{winifred.pk}/").content.decode()
    assert "handed over on 5 Oct" in page
    log = client.get("/vulnerability/log/?export=csv").content.decode()
    assert "national_ecvcu_agreement" in log.splitlines()[0] and "A Khan" in log


def test_a_victim_the_national_unit_takes_on_after_the_page_was_shown_is_refused(
    fvo, pcso, client, tmp_path
):
    from fraudcase.core.errors import InvalidInput
    from fraudcase.victims import services

    client.force_login(fvo)
    with (EXAMPLES / "victim-list-example.csv").open("rb") as handle:
        client.post("/vulnerability/", {"file": handle})
    shown = VictimListEntry.objects.get(nfrc=WINIFRED)  # read before the ECVCU list came in
    ecvcu = tmp_path / "ecvcu.csv"
    ecvcu.write_text(f"nfrc\n{WINIFRED}\n")
    services.import_ecvcu_referrals(ecvcu, user=fvo)
    with pytest.raises(InvalidInput) as refused:
        services.decide_response(
            fvo, shown, response="letter", assignee_id=pcso.pk, no_visit_reason="Moved away"
        )
    assert "ecvcu_handover" in refused.value.problems


def test_a_victim_not_with_the_national_unit_is_not_asked_for_its_agreement(fvo, pcso, client):
    client.force_login(fvo)
    with (EXAMPLES / "victim-list-example.csv").open("rb") as handle:
        client.post("/vulnerability/", {"file": handle})
    winifred = VictimListEntry.objects.get(nfrc=WINIFRED)
    page = client.get(f"/vulnerability/victims/{winifred.pk}/").content.decode()
    assert "agreement to local contact" not in page
    done = client.post(
        f"/vulnerability/victims/{winifred.pk}/decide/",
        {"decision-response": "visit_pcso", "decision-assignee": pcso.pk},
    )
    assert done.status_code == 302


def test_the_under_18_and_money_mule_lists_leave_out_victims_with_the_national_ecvcu(
    with_ecvcu, client
):
    victim_list = VictimList.objects.get()
    url = f"/vulnerability/lists/{victim_list.pk}/"
    under_18 = client.get(url, {"segment": "under-18"}).content.decode()
    assert "Callum Price" not in under_18 and "Under 18 (0)" in under_18
    assert "Joel Kerr" not in client.get(url, {"segment": "mule"}).content.decode()
    covered = client.get(url, {"segment": "ecvcu"}).content.decode()
    for name in ("Winifred Shaw", "Callum Price", "Joel Kerr"):
        assert name in covered
    assert "With national ECVCU: do not contact" in covered


def test_the_weekly_under_18_list_shows_a_victim_with_the_national_ecvcu_as_such(
    with_ecvcu, client
):
    page = client.get("/vulnerability/weekly/?week=2026-10-01").content.decode()
    under_18 = page[page.index("Under-18 victims") :]
    assert "Callum Price" in under_18 and "With national ECVCU: do not contact" in under_18
    export = client.get("/vulnerability/weekly/?week=2026-10-01&list=under-18&export=csv")
    header, callum = export.content.decode().splitlines()[:2]
    assert header.endswith("with_national_ecvcu") and callum.endswith("true")


def test_the_api_refuses_local_contact_without_the_national_units_agreement(
    with_ecvcu, pcso, client
):
    winifred = with_ecvcu[WINIFRED]
    url = f"/api/v1/victim-entries/{winifred.pk}/decision"
    refused = client.post(
        url, {"response": "telephone", "assignee_id": pcso.pk}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["problems"]["ecvcu_handover"] == rules.ECVCU_REFUSAL
    agreed = client.post(
        url,
        {
            "response": "visit_pcso",
            "assignee_id": pcso.pk,
            "ecvcu_handover": "Handed over by the national unit, 5 Oct",
        },
        content_type="application/json",
    )
    assert agreed.status_code == 201
    assert agreed.json()["ecvcu_handover"] == "Handed over by the national unit, 5 Oct"
    entries = client.get(
        f"/api/v1/victim-lists/{winifred.victim_list_id}/entries", {"segment": "under-18"}
    ).json()
    assert entries == []
    weekly = client.get("/api/v1/weekly-lists", {"week": "2026-10-01"}).json()
    assert [(e["nfrc"], e["ecvcu_referred"]) for e in weekly["under_18"]] == [(CALLUM, True)]
