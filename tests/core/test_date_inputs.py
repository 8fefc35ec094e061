"""GOV.UK date inputs (day, month, year) checked for real dates, and for the past or the
future where the question needs it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.cases.forms import TaskForm
from fraudcase.intake.forms import CallForServiceForm
from fraudcase.victims.forms import ResultForm

pytestmark = pytest.mark.django_db


def parts(day):
    return {"due-day": day.day, "due-month": day.month, "due-year": day.year}


def task(**data):
    return TaskForm(data={"text": "Call the bank", "assignee": 1, **data}, assignees=[(1, "Ann")])


def test_a_task_due_yesterday_is_refused():
    yesterday = timezone.localdate() - timedelta(days=1)
    form = task(**parts(yesterday))
    assert form.errors == {"due": ["The date the task is due must be today or in the future"]}


def test_a_task_due_today_or_later_is_taken():
    today = timezone.localdate()
    assert task(**parts(today)).is_valid()
    later = task(**parts(today + timedelta(days=30)))
    assert later.is_valid() and later.cleaned_data["due"] == today + timedelta(days=30)


def test_31_february_is_refused():
    form = task(**{"due-day": "31", "due-month": "2", "due-year": "2030"})
    assert form.errors == {"due": ["The date the task is due must be a real date"]}


def test_a_date_missing_its_month_and_year_says_so():
    form = task(**{"due-day": "3"})
    assert form.errors == {"due": ["The date the task is due must include a month and year"]}


def test_a_two_digit_year_is_refused():
    form = task(**{"due-day": "3", "due-month": "4", "due-year": "30"})
    assert form.errors == {"due": ["Year must include 4 numbers"]}


def test_an_empty_due_date_asks_for_it():
    assert task().errors == {"due": ["Enter the date the task is due"]}


def test_a_caller_born_today_or_later_is_refused():
    today = timezone.localdate()
    form = CallForServiceForm(
        data={
            "caller_forename": "A",
            "caller_surname": "B",
            "summary": "x",
            "caller_dob-day": today.day,
            "caller_dob-month": today.month,
            "caller_dob-year": today.year,
        }
    )
    assert form.errors == {"caller_dob": ["The caller's date of birth must be in the past"]}


def test_a_contact_cannot_be_recorded_for_tomorrow():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = ResultForm(
        data={
            "done_on-day": tomorrow.day,
            "done_on-month": tomorrow.month,
            "done_on-year": tomorrow.year,
            "result": "Visited",
        }
    )
    assert form.errors == {"done_on": ["The date of contact must be today or in the past"]}


def test_the_date_input_has_day_month_and_year_boxes_in_a_fieldset():
    html = str(task()["due"])
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        assert f'id="id_due-{part}" name="due-{part}"' in html
        assert f"govuk-input--width-{width}" in html
    assert 'inputmode="numeric"' in html


def test_one_iso_date_from_a_client_that_sends_one_field_is_still_read():
    day = timezone.localdate() + timedelta(days=2)
    form = task(due=day.isoformat())
    assert form.is_valid() and form.cleaned_data["due"] == day
