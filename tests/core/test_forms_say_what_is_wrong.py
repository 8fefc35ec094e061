"""GOV.UK error messages: each says what is wrong with that field, the error summary links to
the field (the first radio or checkbox, the day box of a date), and the page title starts
"Error: " while a form has errors."""

import re

import pytest

from fraudcase.intake.models import CallForService

pytestmark = pytest.mark.django_db
EMPTY = {"caller_forename": ""}  # an empty POST would be no answer at all


def summary_links(page: str) -> dict[str, str]:
    """{link text: target id} of the page's error summary."""
    summary = page.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    return {text: target for target, text in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)}


def test_an_empty_call_for_service_says_what_to_enter_in_each_field(assessor, client):
    client.force_login(assessor)
    page = client.post("/calls-for-service/new/", EMPTY).content.decode()
    links = summary_links(page)
    assert links == {
        "Enter the caller&#x27;s first name": "id_caller_forename",
        "Enter the caller&#x27;s last name": "id_caller_surname",
        "Enter what happened": "id_summary",
    }
    assert "This field is required" not in page
    assert not CallForService.objects.exists()


def test_an_empty_referral_names_each_field_and_links_the_date_to_its_day(assessor, client):
    client.force_login(assessor)
    page = client.post("/referrals/new/", {"victim_type": "individual"}).content.decode()
    links = summary_links(page)
    assert links["Select who referred it"] == "id_referrer_type"
    assert links["Enter the referrer&#x27;s name or organisation"] == "id_referrer_name"
    assert links["Enter the date the referral was received"] == "id_received_on-day"
    assert 'id="id_received_on-day"' in page  # the link lands on the day box
    assert "This field is required" not in page


def test_a_choice_from_outside_the_checkboxes_links_to_the_first_checkbox(assessor, client):
    client.force_login(assessor)
    page = client.post(
        "/calls-for-service/new/",
        {"caller_forename": "A", "caller_surname": "B", "summary": "x", "criteria": "made_up"},
    ).content.decode()
    links = summary_links(page)
    assert links == {
        "Select which call-for-service criteria are met from the list": "id_criteria_0"
    }
    assert 'id="id_criteria_0"' in page


def test_the_page_title_starts_error_while_a_form_has_errors(assessor, client):
    client.force_login(assessor)
    blank = client.get("/calls-for-service/new/").content.decode()
    assert "<title>Record a call for service" in blank
    refused = client.post("/calls-for-service/new/", EMPTY).content.decode()
    assert "<title>Error: Record a call for service" in refused


def test_a_field_in_error_is_marked_and_its_message_read_with_it(assessor, client):
    client.force_login(assessor)
    page = client.post("/calls-for-service/new/", EMPTY).content.decode()
    field = re.search(r"<input[^>]*id=\"id_caller_forename\"[^>]*>", page).group(0)
    assert "govuk-input--error" in field
    assert 'aria-describedby="id_caller_forename-error"' in field
    assert 'id="id_caller_forename-error"' in page


def test_an_api_token_without_a_name_or_with_too_many_days_says_so(assessor, client, settings):
    client.force_login(assessor)
    most = settings.FRAUDCASE_API_TOKEN_DAYS
    page = client.post("/accounts/tokens/", {"name": "", "days": most + 1}).content.decode()
    links = summary_links(page)
    assert links == {
        "Enter what the token is for": "id_name",
        f"The number of days until it expires must be {most} or less": "id_days",
    }
    assert "<title>Error: Your API tokens" in page


def test_a_restricted_record_asks_why_in_words_that_name_the_question(assessor, client):
    from fraudcase.reports.forms import JustificationForm

    form = JustificationForm(data={"justification": ""})
    assert form.errors == {"justification": ["Enter why you need to see this record"]}
