"""The DAML clocks, table-driven from POCA 2002 s.335 and s.336A (DOMAIN.md "SARs and DAML"):
the notice period of 7 working days starting with the first working day after the disclosure
(weekends, England and Wales bank holidays, Christmas and the year end); the 31-day
moratorium starting with the day notice of refusal is received; extensions of up to 31 days
at a time, never past 186 days after the first moratorium ends."""

from datetime import date

import pytest

from fraudcase.finance import rules


@pytest.mark.parametrize(
    ("disclosed", "ends", "why"),
    [
        # Monday: Tue..Fri (4), Mon..Wed (3).
        (date(2026, 11, 2), date(2026, 11, 11), "a plain week"),
        # Friday: day 1 is the Monday after.
        (date(2026, 11, 6), date(2026, 11, 17), "disclosed on a Friday"),
        # Saturday and Sunday: day 1 is Monday, as for the Friday.
        (date(2026, 11, 7), date(2026, 11, 17), "disclosed on a Saturday"),
        (date(2026, 11, 8), date(2026, 11, 17), "disclosed on a Sunday"),
        # Christmas 2026: Fri 25 Dec, Boxing Day Sat 26 (substitute Mon 28 Dec), New Year Fri 1
        # Jan 2027. From Wed 23 Dec: 24, 29, 30, 31 Dec, 4, 5, 6 Jan.
        (date(2026, 12, 23), date(2027, 1, 6), "over Christmas and the year end"),
        (date(2026, 12, 24), date(2027, 1, 7), "on Christmas Eve"),
        (date(2026, 12, 25), date(2027, 1, 7), "on Christmas Day"),
        (date(2026, 12, 31), date(2027, 1, 12), "on New Year's Eve"),
        # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
        (date(2027, 3, 25), date(2027, 4, 7), "the day before Good Friday"),
        # The early May bank holiday 2027 is Mon 3 May.
        (date(2027, 4, 30), date(2027, 5, 12), "the Friday before a bank holiday"),
        (date(2027, 5, 4), date(2027, 5, 13), "the day after a bank holiday"),
    ],
)
def test_the_notice_period_is_seven_working_days_from_the_first_working_day_after(
    disclosed, ends, why
):
    assert rules.notice_period_ends(disclosed) == ends, why


@pytest.mark.parametrize(
    ("refused", "ends"),
    [
        (date(2026, 11, 2), date(2026, 12, 2)),  # day 1 is the day of refusal
        (date(2026, 12, 1), date(2026, 12, 31)),  # calendar days: Christmas counts
        (date(2026, 12, 15), date(2027, 1, 14)),  # across the year end
        (date(2028, 2, 1), date(2028, 3, 2)),  # a leap year's 29 February counts
    ],
)
def test_the_moratorium_is_31_days_starting_with_the_refusal(refused, ends):
    assert rules.moratorium_ends(refused) == ends


FIRST_END = date(2026, 12, 2)
CAP = date(2027, 6, 6)  # 186 days after 2 December 2026


@pytest.mark.parametrize(
    ("current_end", "extended_to", "granted_on", "problem"),
    [
        (FIRST_END, date(2027, 1, 2), date(2026, 12, 1), None),  # exactly 31 days more
        (FIRST_END, date(2027, 1, 3), date(2026, 12, 1), "extended_to"),  # 32 days
        (FIRST_END, FIRST_END, date(2026, 12, 1), "extended_to"),  # no later than now
        (FIRST_END, date(2026, 12, 20), date(2026, 12, 2), None),  # granted on the last day
        (FIRST_END, date(2026, 12, 20), date(2026, 12, 3), "granted_on"),  # after it ended
        (date(2027, 5, 10), CAP, date(2027, 5, 9), None),  # up to the cap exactly
        (date(2027, 5, 10), date(2027, 6, 7), date(2027, 5, 9), "extended_to"),  # one past it
    ],
)
def test_court_extensions_are_31_days_at_most_and_never_past_186_days(
    current_end, extended_to, granted_on, problem
):
    assert rules.extensions_end_at_most(FIRST_END) == CAP
    problems = rules.extension_problems(
        current_end=current_end,
        first_end=FIRST_END,
        extended_to=extended_to,
        granted_on=granted_on,
        today=date(2027, 6, 30),
    )
    assert list(problems) == ([problem] if problem else [])


@pytest.mark.parametrize(
    ("decision", "on", "problem"),
    [
        ("refuse", date(2026, 11, 11), None),  # the last day of the notice period
        ("refuse", date(2026, 11, 12), "on"),  # the day after: consent is deemed
        ("consent", date(2026, 11, 20), None),  # consent can be recorded late
        ("no_action", date(2026, 11, 2), None),  # on the day of disclosure
        ("consent", date(2026, 11, 1), "on"),  # before the disclosure
        ("consent", date(2026, 12, 1), "on"),  # in the future
        ("maybe", date(2026, 11, 3), "decision"),
    ],
)
def test_a_refusal_comes_within_the_notice_period(decision, on, problem):
    problems = rules.decision_problems(
        decision, disclosed_on=date(2026, 11, 2), on=on, today=date(2026, 11, 30), reason="r"
    )
    assert list(problems) == ([problem] if problem else [])


def test_a_decision_needs_its_reason():
    problems = rules.decision_problems(
        "consent",
        disclosed_on=date(2026, 11, 2),
        on=date(2026, 11, 3),
        today=date(2026, 11, 3),
        reason="  ",
    )
    assert list(problems) == ["reason"]


@pytest.mark.parametrize(
    ("state", "due"),
    [
        ("awaiting", date(2026, 11, 11)),
        ("refused", date(2026, 12, 2)),
        ("consented", None),
        ("no_action", None),
        ("ended", None),
        ("none", None),
    ],
)
def test_the_next_deadline_follows_the_state(state, due):
    assert rules.next_due(state, date(2026, 11, 11), date(2026, 12, 2)) == due


def test_a_new_bank_holiday_moves_a_running_notice_period(finint):
    """The Queen's funeral, Monday 19 September 2022, was made a bank holiday on 10 September:
    a consent request disclosed on Monday 12 September had its notice period end on Wednesday
    the 21st under the list before, and on Thursday the 22nd under the list after.
    `fraudcase recompute-deadlines` moves the stored end (and the SAR's next deadline) of
    requests still awaiting a decision; a decided one keeps its dates."""
    from io import StringIO

    from django.core.management import call_command

    from fraudcase.finance.models import Sar

    from .conftest import a_sar

    running = a_sar(finint, "2022-0000001", daml=True)
    decided = a_sar(finint, "2022-0000002", daml=True)
    Sar.objects.filter(pk__in=[running.pk, decided.pk]).update(
        disclosed_on=date(2022, 9, 12), notice_ends=date(2022, 9, 21), daml_due=date(2022, 9, 21)
    )
    Sar.objects.filter(pk=decided.pk).update(daml_state=rules.DamlState.CONSENTED, daml_due=None)
    said = StringIO()
    call_command("recompute_deadlines", stdout=said)
    assert "DAML consent requests moved: 1." in said.getvalue()
    running.refresh_from_db()
    decided.refresh_from_db()
    assert (running.notice_ends, running.daml_due) == (date(2022, 9, 22), date(2022, 9, 22))
    assert decided.notice_ends == date(2022, 9, 21)
