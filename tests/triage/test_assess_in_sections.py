"""The assessment as a task list: sections saved as the assessor's own drafts, the report's
facts beside the questions, check your answers, then the same record as the API makes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fraudcase.audit.models import AuditAction, AuditEvent
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.triage import services
from fraudcase.triage.forms import SECTIONS, AssessmentForm
from fraudcase.triage.models import Assessment, AssessmentDraft
from tests.conftest import ALBERT, _person
from tests.triage.test_assess_a_report import assess_on_the_pages, form

pytestmark = pytest.mark.django_db


@pytest.fixture
def albert(assessor, example_package):
    import_nfib_package(example_package, user=assessor)
    return Report.objects.get(nfrc_numbers__number=ALBERT)


def url(report, part=""):
    return f"/reports/{report.local_reference}/assess/{part + '/' if part else ''}"


def statuses(page: str) -> dict[str, str]:
    """Each section's status as the task list shows it (title -> status)."""
    found = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)</a>\s*</div>\s*<div class="govuk-task-list__status"'
        r"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*(?:</strong>)?\s*</div>",
        page,
    )
    return {title.replace("&#x27;", "'"): status for title, status in found}


def test_a_section_saved_as_a_draft_is_there_after_signing_in_again(albert, assessor, client):
    client.force_login(assessor)
    saved = client.post(
        url(albert, "reasoning"),
        {"ndm_rationale": "Local suspect; proportionate", "action": "later"},
    )
    assert saved.status_code == 302 and saved["Location"] == url(albert)
    client.logout()
    client.force_login(assessor)
    page = client.get(url(albert, "reasoning")).content.decode()
    assert "Local suspect; proportionate" in page
    assert statuses(client.get(url(albert)).content.decode())[SECTIONS["reasoning"]] == (
        "In progress"
    )


def test_a_draft_is_the_assessors_own(albert, assessor, supervisor, client):
    client.force_login(assessor)
    client.post(url(albert, "reasoning"), {"ndm_rationale": "Mine alone", "action": "later"})
    client.force_login(supervisor)
    assert "Mine alone" not in client.get(url(albert, "reasoning")).content.decode()
    assert set(statuses(client.get(url(albert)).content.decode()).values()) == {"Not yet started"}


def test_the_task_list_shows_each_sections_status(albert, assessor, client):
    client.force_login(assessor)
    page = client.get(url(albert)).content.decode()
    assert set(statuses(page).values()) == {"Not yet started"} and len(statuses(page)) == 6
    assert "Cannot start yet" in page
    client.post(url(albert, "report"), {**form(), "action": "continue"})
    client.post(url(albert, "victim"), {"thrive_threat": "Low", "action": "later"})
    # Saved and continued, but wrong: kept as a draft in progress, the error shown.
    wrong = client.post(url(albert, "recommendation"), {"action": "continue"})
    assert wrong.status_code == 200
    shown = statuses(client.get(url(albert)).content.decode())
    assert shown == {
        SECTIONS["report"]: "Completed",
        SECTIONS["victim"]: "In progress",
        SECTIONS["matrix"]: "Not yet started",
        SECTIONS["facts"]: "Not yet started",
        SECTIONS["reasoning"]: "Not yet started",
        SECTIONS["recommendation"]: "In progress",
    }


def test_the_report_page_offers_to_continue_a_draft(albert, assessor, client):
    client.force_login(assessor)
    assert (
        "Assess this report" in client.get(f"/reports/{albert.local_reference}/").content.decode()
    )
    client.post(url(albert, "report"), {"action": "later"})
    page = client.get(f"/reports/{albert.local_reference}/").content.decode()
    assert "Continue the assessment" in page


def test_the_report_s_facts_are_beside_the_questions(albert, assessor, client):
    client.force_login(assessor)
    page = client.get(url(albert, "matrix")).content.decode()
    assert "What the report says" in page and "£4,500.00" in page
    assert "aged 89" in page and "Victim aged 89" in page  # the matrix pre-fill, and why
    assert albert.narrative[:30] in page.replace("&#x27;", "'")


def test_check_your_answers_lists_the_answers_and_sending_records_the_assessment_as_before(
    albert, assessor, client
):
    client.force_login(assessor)
    data = form(tier_facts=["organised_crime_group"], four_ps=["Pursue"])
    for section in SECTIONS:
        assert client.post(url(albert, section), {**data, "action": "continue"}).status_code == 302
    check = client.get(url(albert, "check")).content.decode()
    assert "Check your answers before sending the assessment" in check
    assert "Organised crime group" in check and "Pursue" in check
    assert "Member of the public (6 points)" in check
    assert f'href="{url(albert, "recommendation")}#id_recommendation_0"' in check
    assert "Proportionate: local suspect, evidence available" in check
    sent = client.post(url(albert, "check"))
    assert sent.status_code == 302 and sent["Location"] == f"/reports/{albert.local_reference}/"
    made = Assessment.objects.get(report=albert)
    albert.refresh_from_db()
    assert (albert.status, made.tier, made.assessor) == ("assessed", 1, assessor)
    assert not AssessmentDraft.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.ALTERATION, object_ref=albert.local_reference, summary__contains="ssess"
    ).exists()
    assert albert.log_entries.filter(text__startswith="Assessed: tier 1").exists()
    # The same answers recorded the way the single page did (the form, then the service).
    other = Report.objects.exclude(pk=albert.pk).filter(status="recorded").first()
    _version, scoring = services.active_scoring()
    before = AssessmentForm(data, scoring=scoring, prefill={})
    assert before.is_valid(), before.errors
    direct = services.record_assessment(assessor, other, before.cleaned_data)
    skip = {"id", "report", "assessed_at"}
    fields = [f.attname for f in Assessment._meta.concrete_fields if f.name not in skip]
    assert {f: getattr(made, f) for f in fields} == {f: getattr(direct, f) for f in fields}


def test_sending_with_a_section_incomplete_is_refused_with_a_link_to_it(albert, assessor, client):
    client.force_login(assessor)
    for section in ("report", "victim", "facts", "reasoning", "recommendation"):
        client.post(url(albert, section), {**form(), "action": "continue"})
    refused = client.post(url(albert, "check"))
    page = refused.content.decode()
    assert refused.status_code == 200 and not Assessment.objects.exists()
    assert "<title>Error: Check your answers" in page
    assert f'<a href="{url(albert, "matrix")}">Complete the section' in page
    albert.refresh_from_db()
    assert albert.status == "recorded"


def test_an_error_message_names_the_field_and_links_to_its_first_input(albert, assessor, client):
    client.force_login(assessor)
    page = client.post(url(albert, "reasoning"), {"action": "continue"}).content.decode()
    assert "<title>Error: " in page
    assert "This field is required" not in page
    assert '<a href="#id_ndm_rationale">Enter the National Decision Model rationale' in page
    assert '<a href="#id_proportionality_0_0">Select yes or no: is the offence solvable' in page
    assert 'id="id_proportionality_0_0"' in page
    matrix = client.post(
        url(albert, "matrix"), {"matrix_victim": "nonsense", "action": "continue"}
    ).content.decode()
    assert '<a href="#id_matrix_victim_0">Select one of the answers listed for the victim' in matrix
    assert '<a href="#id_matrix_offender_0">Select the offender assessment</a>' in matrix


def test_the_supervisor_sees_the_assessment_read_only_on_the_report_page(
    albert, assessor, supervisor, client
):
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form(tier_facts=["organised_crime_group"]))
    client.force_login(supervisor)
    page = client.get(f"/reports/{albert.local_reference}/").content.decode()
    assert "The assessment's answers" in page
    for shown in (
        "Tier 1: ECU (serious and complex)",
        "Why tier 1",
        "Member of the public (6 points)",
        "Organised crime group",
        "The victim is entitled to the enhanced service",
        "Allocate for investigation or disruption",
        "Proportionate: local suspect, evidence available",
    ):
        assert shown in page, shown
    # Read-only: no way to change it from the report page.
    assert "/assess/" not in page


def test_someone_who_may_not_assess_cannot_open_a_section(albert, fvo, client):
    client.force_login(fvo)
    assert client.get(url(albert, "matrix")).status_code == 404
    assert client.post(url(albert, "check")).status_code == 404


def test_an_assessed_report_cannot_be_assessed_again_from_the_pages(albert, assessor, client):
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form())
    again = client.post(url(albert, "report"), {**form(), "action": "continue"})
    assert again.status_code == 302 and again["Location"] == f"/reports/{albert.local_reference}/"
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("part", ["", "victim", "matrix", "check"])
def test_the_assessment_pages_make_a_bounded_number_of_queries(albert, assessor, vft, client, part):
    """As many queries with one other report of the victim's and one draft as with many."""
    client.force_login(assessor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(albert, part)).status_code == 200
        return len(captured)

    few = queries()
    for n in range(12):
        other = _person(f"assessor{n}", assessor.role, assessor.clearance, vft)
        services.save_assessment_draft(
            other, albert, section="report", answers={"hocr_notes": "x"}, completed=False
        )
    services.save_assessment_draft(
        assessor, albert, section="report", answers=form(), completed=True
    )
    assert queries() <= few + 1


def test_save_and_continue_goes_to_the_next_section_still_to_do_then_to_checking():
    from fraudcase.triage.rules import SectionStatus, next_section

    order = ["report", "victim", "matrix"]
    done = SectionStatus.COMPLETED
    assert next_section(order, {"report": done}, "report") == "victim"
    # Coming round to a section left earlier.
    assert next_section(order, {"victim": done, "matrix": done}, "matrix") == "report"
    assert next_section(order, dict.fromkeys(order, done), "victim") is None
