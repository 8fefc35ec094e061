"""Letters to the victim as PDF: acknowledgement (App. H), no investigation, outcome."""

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    import io

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_acknowledgement_carries_the_guidance_sheet(assessed, assessor, client):
    client.force_login(assessor)
    answer = client.get(f"/reports/{assessed.local_reference}/letters/acknowledgement/")
    assert answer["Content-Type"] == "application/pdf"
    text = text_of(answer)
    assert assessed.local_reference in text
    assert "Action Fraud" in text and "How your report is assessed" in text
    assert "Dear Albert Finch" in text
    assert not assessed.letters.exists()  # opening it is not sending it


def test_opening_a_letter_records_nothing_and_record_as_sent_records_it(assessed, assessor, client):
    client.force_login(assessor)
    url = f"/reports/{assessed.local_reference}/letters/acknowledgement/"
    page = client.get(f"/reports/{assessed.local_reference}/").content.decode()
    assert f'<form method="post" action="{url}"' in page
    client.get(url)
    client.get(url)
    assert not assessed.letters.exists()
    assert not assessed.log_entries.filter(text__startswith="Letter produced").exists()
    sent = client.post(url)
    assert sent.status_code == 302 and sent.url == f"/reports/{assessed.local_reference}/"
    assert assessed.letters.get().produced_by == assessor
    assert assessed.log_entries.filter(text__startswith="Letter produced").count() == 1


def test_a_letter_is_not_recorded_as_sent_without_the_csrf_token(assessed, assessor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(assessor)
    answer = client.post(f"/reports/{assessed.local_reference}/letters/acknowledgement/")
    assert answer.status_code == 403
    assert not assessed.letters.exists()


def test_the_no_investigation_letter_gives_the_reason_and_the_right_to_review(
    assessed, supervisor, client
):
    from fraudcase.triage import services as triage

    client.force_login(supervisor)
    ref = assessed.local_reference
    assert client.get(f"/reports/{ref}/letters/no_investigation/").status_code == 404
    triage.decide(
        supervisor,
        assessed,
        decision="no_further_action",
        reason="The caller cannot be traced and no money can be recovered",
    )
    text = text_of(client.get(f"/reports/{ref}/letters/no_investigation/"))
    assert "cannot be traced" in text
    assert "Right to Review" in text


def test_the_finalisation_letter_names_the_outcome(allocated, vft_investigator, client):
    from fraudcase.cases import services

    services.finalise(vft_investigator, allocated, outcome=1)
    client.force_login(vft_investigator)
    text = text_of(client.get(f"/reports/{allocated.local_reference}/letters/finalisation/"))
    assert "charged/summonsed" in text


def test_an_fvo_cannot_print_case_letters(assessed, fvo, client):
    client.force_login(fvo)
    answer = client.get(f"/reports/{assessed.local_reference}/letters/acknowledgement/")
    assert answer.status_code == 404


def test_a_letter_on_a_vft_case_names_the_team_and_the_officer_with_contact_details(
    allocated, vft_investigator, client
):
    from fraudcase.cases import services

    vft_investigator.last_name = "Bloggs"
    vft_investigator.collar_number = "4521"
    vft_investigator.phone = "0116 222 2222"
    vft_investigator.email = "jo.bloggs@leics.police.uk"
    vft_investigator.save()
    services.finalise(vft_investigator, allocated, outcome=1)
    client.force_login(vft_investigator)
    text = text_of(client.get(f"/reports/{allocated.local_reference}/letters/finalisation/"))
    assert "Vft_Investigator Bloggs (4521) of the Volume Fraud Team" in text
    assert "0116 222 2222" in text and "jo.bloggs@leics.police.uk" in text
    assert "ask for the Volume Fraud Team" in text


def test_a_letter_on_an_ecu_case_names_the_ecu_not_the_volume_fraud_team(
    awaiting_allocation, supervisor, ecu_investigator, ecu, client
):
    from fraudcase.cases import services

    ecu_investigator.collar_number = "1066"
    ecu_investigator.phone = "0116 248 5000"
    ecu_investigator.save()
    services.allocate(
        supervisor,
        awaiting_allocation,
        investigator_id=ecu_investigator.pk,
        team_id=ecu.pk,
        override_reason="The ECU has the linked series",
    )
    client.force_login(ecu_investigator)
    ref = awaiting_allocation.local_reference
    text = text_of(client.get(f"/reports/{ref}/letters/acknowledgement/"))
    assert "Ecu_Investigator (1066) of the Economic Crime Unit" in text
    assert "0116 248 5000" in text and "ask for the Economic Crime Unit" in text
    assert "Volume Fraud Team" not in text
