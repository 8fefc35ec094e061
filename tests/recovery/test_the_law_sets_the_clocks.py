"""The periods and thresholds of the Proceeds of Crime Act 2002 and seed 001 §7.4, boundaries
included, straight from the Act: working days where the Act says so (s.295(1B))."""

from datetime import date
from decimal import Decimal

import pytest

from fraudcase.recovery import rules
from fraudcase.recovery.rules import EntryKind, Status

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("seized_on", "ends", "why"),
    [
        (date(2026, 11, 30), date(2026, 12, 2), "Monday: 48 hours end on Wednesday"),
        (date(2026, 11, 27), date(2026, 12, 1), "Friday: the weekend does not count"),
        (date(2026, 11, 28), date(2026, 12, 1), "Saturday: counting starts on Monday"),
        (date(2026, 12, 23), date(2026, 12, 29), "Christmas Day and Boxing Day (28th) skipped"),
        (date(2026, 12, 24), date(2026, 12, 30), "Christmas Eve: 29th and 30th"),
        (
            date(2026, 4, 2),
            date(2026, 4, 8),
            "Maundy Thursday: Good Friday to Easter Monday skipped",
        ),
    ],
)
def test_the_first_48_hours_of_detention_skip_weekends_and_bank_holidays(seized_on, ends, why):
    assert rules.initial_detention_ends(seized_on) == ends, why


@pytest.mark.parametrize(
    ("kind", "amount", "reason", "refused"),
    [
        (EntryKind.CASH, Decimal("999.99"), "", True),
        (EntryKind.CASH, Decimal("999.99"), "Seized under Misuse of Drugs Act 1971 s.27", False),
        (EntryKind.CASH, Decimal("1000.00"), "", False),
        (EntryKind.CRYPTO, Decimal("999.99"), "", True),
        (EntryKind.CRYPTO, Decimal("1000"), "", False),
        (EntryKind.AFO, Decimal("999.99"), "any reason", True),
        (EntryKind.AFO, Decimal("1000"), "", False),
    ],
)
def test_the_1000_pound_minimum(kind, amount, reason, refused):
    status = Status.DETAINED if kind != EntryKind.AFO else Status.APPLIED
    problems = rules.entry_problems(
        kind,
        {
            "status": status,
            "seized_on": TODAY,
            "applied_on": TODAY,
            "amount_gbp": amount,
            "below_minimum_reason": reason,
        },
        today=TODAY,
    )
    field = "amount_gbp" if kind == EntryKind.AFO else "below_minimum_reason"
    assert (field in problems) is refused, problems


@pytest.mark.parametrize(
    ("available", "reason", "pursued", "refused"),
    [
        (Decimal("299.99"), "", False, True),
        (Decimal("299.99"), "", True, True),
        (Decimal("299.99"), "A negative role model in the community", True, False),
        (Decimal("299.99"), "Nothing to confiscate", False, False),
        (Decimal("300.00"), "", True, False),
        (None, "", True, False),
    ],
)
def test_under_300_pounds_available_the_decision_is_recorded_with_its_reason(
    available, reason, pursued, refused
):
    problems = rules.entry_problems(
        EntryKind.CONFISCATION,
        {
            "status": Status.APPLIED,
            "available_gbp": available,
            "pursuit_reason": reason,
            "pursued": pursued,
        },
        today=TODAY,
    )
    assert ("pursuit_reason" in problems) is refused, problems
    if refused:
        assert "£300" in problems["pursuit_reason"]


@pytest.mark.parametrize(
    ("granted_on", "pay_by", "refused"),
    [
        (date(2026, 6, 1), date(2026, 9, 1), False),  # 3 months
        (date(2026, 6, 1), date(2026, 12, 1), False),  # extended to 6 months (s.11(4))
        (date(2026, 6, 1), date(2026, 12, 2), True),  # past 6 months (s.11(5))
        (date(2026, 6, 1), date(2026, 5, 31), True),  # before the order
    ],
)
def test_time_to_pay_is_3_months_extendable_to_6(granted_on, pay_by, refused):
    problems = rules.entry_problems(
        EntryKind.CONFISCATION,
        {
            "status": Status.GRANTED,
            "applied_on": granted_on,
            "granted_on": granted_on,
            "order_gbp": Decimal("5000"),
            "pay_by": pay_by,
        },
        today=TODAY,
    )
    assert ("pay_by" in problems) is refused, problems


@pytest.mark.parametrize(
    ("current_end", "first_order_on", "granted_on", "extended_to", "field"),
    [
        # Up to 6 months from the order (s.295(2)).
        (date(2026, 1, 7), date(2026, 1, 5), date(2026, 1, 5), date(2026, 7, 5), None),
        (date(2026, 1, 7), date(2026, 1, 5), date(2026, 1, 5), date(2026, 7, 6), "extended_to"),
        # Never past 2 years from the first order (s.295(2)(b)).
        (date(2027, 12, 1), date(2026, 1, 5), date(2027, 11, 1), date(2028, 1, 5), None),
        (date(2027, 12, 1), date(2026, 1, 5), date(2027, 11, 1), date(2028, 1, 6), "extended_to"),
        # Detention that has ended cannot be extended.
        (date(2026, 1, 7), date(2026, 1, 5), date(2026, 1, 8), date(2026, 3, 1), "granted_on"),
    ],
)
def test_further_detention_6_months_a_time_2_years_in_all(
    current_end, first_order_on, granted_on, extended_to, field
):
    problems = rules.extension_problems(
        current_end=current_end,
        first_order_on=first_order_on,
        granted_on=granted_on,
        extended_to=extended_to,
        today=date(2028, 6, 1),
    )
    assert set(problems) == ({field} if field else set()), problems


def test_an_account_freezing_order_runs_2_years_at_most():
    values = {
        "status": Status.GRANTED,
        "applied_on": date(2026, 1, 2),
        "granted_on": date(2026, 1, 5),
        "amount_gbp": Decimal("5000"),
    }
    ok = rules.entry_problems(
        EntryKind.AFO, {**values, "expires_on": date(2028, 1, 5)}, today=TODAY
    )
    late = rules.entry_problems(
        EntryKind.AFO, {**values, "expires_on": date(2028, 1, 6)}, today=TODAY
    )
    assert "expires_on" not in ok and "s.303Z3" in late["expires_on"]


def test_an_account_monitoring_order_runs_90_days_at_most():
    values = {"status": Status.GRANTED, "applied_on": TODAY, "granted_on": TODAY}
    ok = rules.entry_problems(
        EntryKind.MONITORING, {**values, "expires_on": date(2027, 2, 28)}, today=TODAY
    )
    late = rules.entry_problems(
        EntryKind.MONITORING, {**values, "expires_on": date(2027, 3, 1)}, today=TODAY
    )
    assert "expires_on" not in ok and "s.370" in late["expires_on"]


def test_the_next_deadline_follows_the_entry():
    seized = {"status": Status.DETAINED, "seized_on": date(2026, 11, 27)}
    assert rules.next_due(EntryKind.CASH, seized).on == date(2026, 12, 1)
    extended = {**seized, "detained_until": date(2027, 5, 27)}
    assert rules.next_due(EntryKind.CASH, extended).on == date(2027, 5, 27)
    assert rules.next_due(EntryKind.CASH, {**extended, "status": Status.FORFEITED}) is None
    order = {"status": Status.GRANTED, "pay_by": date(2027, 3, 1)}
    assert rules.next_due(EntryKind.CONFISCATION, order).on == date(2027, 3, 1)
    scpo = {"status": Status.GRANTED, "expires_on": date(2027, 3, 1)}
    assert rules.next_due(EntryKind.SCPO, scpo).on == date(2027, 2, 1)  # 28 days' notice
    breached = {**scpo, "status": Status.BREACHED, "breached_on": date(2026, 11, 2)}
    assert rules.next_due(EntryKind.SCPO, breached).on == date(2026, 11, 2)


def test_a_change_in_the_law_is_a_setting():
    law = rules.law_from({"cash_minimum_gbp": "500", "initial_detention_working_days": 3})
    assert law.cash_minimum_gbp == Decimal("500")
    assert rules.initial_detention_ends(date(2026, 11, 30), law) == date(2026, 12, 3)
    assert not rules.entry_problems(
        EntryKind.CASH,
        {"status": Status.DETAINED, "seized_on": TODAY, "amount_gbp": Decimal("600")},
        today=TODAY,
        law=law,
    )
    with pytest.raises(ValueError, match="no such period"):
        rules.law_from({"cash_minimun_gbp": 1})


@pytest.mark.parametrize(
    ("kind", "held", "allowed"),
    [
        (EntryKind.CASH, set(), False),
        (EntryKind.CASH, {"cash_seizure"}, True),
        (EntryKind.CASH, {"fi"}, False),
        (EntryKind.CONFISCATION, {"fi"}, False),
        (EntryKind.CONFISCATION, {"confiscation"}, True),
        (EntryKind.RESTRAINT, {"fi"}, True),
        (EntryKind.PRODUCTION, {"fio"}, False),
        (EntryKind.SCPO, set(), True),
        ("assessment", {"fi"}, True),
        ("assessment", {"pip2"}, False),
    ],
)
def test_which_power_needs_which_accreditation(kind, held, allowed):
    assert (rules.officer_problem(kind, held) == "") is allowed


@pytest.mark.parametrize(
    ("awarded", "expires", "withdrawn", "on", "current"),
    [
        (date(2024, 1, 1), date(2026, 12, 1), None, date(2026, 12, 1), True),  # last day
        (date(2024, 1, 1), date(2026, 11, 30), None, date(2026, 12, 1), False),  # expired
        (date(2024, 1, 1), None, None, date(2026, 12, 1), True),
        (date(2026, 12, 2), None, None, date(2026, 12, 1), False),  # not yet
        (date(2024, 1, 1), None, date(2026, 12, 1), date(2026, 12, 1), False),  # withdrawn
    ],
)
def test_an_accreditation_is_current_until_its_expiry(awarded, expires, withdrawn, on, current):
    assert rules.is_current(awarded, expires, withdrawn, on) is current
