"""The first update's due date (§5.6) and a decision's letter due date are stored when the event
that sets them happens, cleared when the victim is told, and restamped after the bank holidays
change (issue 16): Deadlines read them as indexed ranges."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from fraudcase.cases import services
from fraudcase.reports.models import Report
from fraudcase.triage import services as triage
from fraudcase.triage.models import SupervisorDecision
from tests.conftest import ALBERT, OCTOBER_6, call_for_service
from tests.triage.test_assess_a_report import assess_on_the_pages, form

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TUESDAY_13_OCTOBER = date(2026, 10, 13)  # 5 working days after Tuesday 6 October


def due(report):
    return Report.objects.values_list("first_update_due", flat=True).get(pk=report.pk)


def test_an_imported_report_owes_its_first_update_5_working_days_after_it_was_received(assessed):
    others = Report.objects.exclude(pk=assessed.pk)
    assert set(others.values_list("first_update_due", flat=True)) == {TUESDAY_13_OCTOBER}


def test_a_call_for_service_recorded_owes_its_first_update_5_working_days_later(assessor):
    report = call_for_service(assessor).report
    expected = triage.rules.vcop_update_due(timezone.localdate(), enhanced=False)
    assert due(report) == expected


def test_a_victim_update_given_clears_the_first_update_due_date(assessed, assessor):
    services.record_victim_update(
        assessor, assessed, method="telephone", summary="Explained what happens next"
    )
    assert due(assessed) is None


@pytest.mark.parametrize("kind", ["acknowledgement", "no_investigation", "finalisation"])
def test_a_letter_that_updates_the_victim_clears_the_first_update_due_date(
    assessed, supervisor, kind
):
    services.record_letter(supervisor, assessed, kind)
    assert due(assessed) is None


def test_an_assessment_giving_the_enhanced_service_moves_it_to_1_working_day(
    assessor, example_package, client
):
    from fraudcase.intake.importing import import_nfib_package

    import_nfib_package(example_package, user=assessor, received_at=OCTOBER_6, received_reason="x")
    albert = Report.objects.get(nfrc_numbers__number=ALBERT)
    assert due(albert) == TUESDAY_13_OCTOBER
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form(enhanced_service="on"))
    assert albert.assessment.enhanced_service
    assert due(albert) == date(2026, 10, 7)


def test_an_update_already_given_is_not_owed_again_when_the_enhanced_service_is_given(
    assessor, example_package, client
):
    from fraudcase.intake.importing import import_nfib_package

    import_nfib_package(example_package, user=assessor, received_at=OCTOBER_6, received_reason="x")
    albert = Report.objects.get(nfrc_numbers__number=ALBERT)
    services.record_victim_update(assessor, albert, method="telephone", summary="Told him")
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form(enhanced_service="on"))
    assert due(albert) is None


def test_a_decision_not_to_investigate_owes_its_letter_until_the_letter_is_sent(
    assessed, supervisor
):
    made = triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines")
    assert made.explanation_due == triage.rules.decision_explanation_due(timezone.localdate())
    services.record_letter(supervisor, assessed, "no_investigation")
    made.refresh_from_db()
    assert made.explanation_due is None


def test_a_decision_to_allocate_owes_no_letter(assessed, supervisor):
    triage.decide(supervisor, assessed, decision="allocate")
    assert SupervisorDecision.objects.get(report=assessed).explanation_due is None


def test_recomputing_after_a_new_bank_holiday_moves_the_due_date(assessed, supervisor):
    """The Queen's funeral, Monday 19 September 2022, was made a bank holiday on 10 September:
    a report received on Monday 12 September was due on the 19th under the list before, and
    is due on Tuesday the 20th under the list after. The dates stored under the old list move
    when the administrator runs `fraudcase recompute-deadlines`; those already given stay
    given."""
    received = datetime(2022, 9, 12, 10, tzinfo=LONDON)
    given = Report.objects.exclude(pk=assessed.pk).first()
    Report.objects.filter(pk=assessed.pk).update(
        received_at=received, first_update_due=date(2022, 9, 19)
    )
    Report.objects.filter(pk=given.pk).update(received_at=received, first_update_due=None)
    made = triage.decide(supervisor, assessed, decision="no_further_action", reason="No lines")
    SupervisorDecision.objects.filter(pk=made.pk).update(
        decided_at=received, explanation_due=date(2022, 9, 19)
    )
    said = StringIO()
    call_command("recompute_deadlines", stdout=said)
    assert said.getvalue().splitlines()[0] == (
        "First updates moved: 1. Decisions to explain moved: 1. "
        "First contacts of the cyber and Protect teams moved: 0."
    )
    assert due(assessed) == date(2022, 9, 20)
    assert due(given) is None
    made.refresh_from_db()
    assert made.explanation_due == date(2022, 9, 20)


def test_recomputing_keeps_the_enhanced_service_at_1_working_day(assessor, example_package, client):
    from fraudcase.intake.importing import import_nfib_package
    from fraudcase.triage import deadlines

    import_nfib_package(example_package, user=assessor, received_at=OCTOBER_6, received_reason="x")
    albert = Report.objects.get(nfrc_numbers__number=ALBERT)
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form(enhanced_service="on"))
    assert deadlines.recompute().first_updates == 0  # nothing had moved
    assert due(albert) == date(2026, 10, 7)
    others = Report.objects.exclude(pk=albert.pk).values_list("first_update_due", flat=True)
    assert set(others) == {TUESDAY_13_OCTOBER}
