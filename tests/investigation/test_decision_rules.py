"""The decision log's rules, table-driven (issue 15 item 3; seed 001 §5.4-§5.5)."""

from datetime import UTC, datetime

import pytest

from fraudcase.investigation import rules

KEY = b"k" * 32
AT = datetime(2026, 11, 30, 10, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("role", "officer", "expected"),
    [
        ("investigator", True, rules.Capacity.OFFICER_IN_CASE),
        ("investigator", False, None),
        ("vft_supervisor", False, rules.Capacity.SUPERVISOR),
        ("vft_supervisor", True, rules.Capacity.OFFICER_IN_CASE),
        ("evaluator", False, None),
        ("assessor", False, None),
        ("administrator", False, None),
    ],
)
def test_who_signs_a_decision_and_as_what(role, officer, expected):
    assert rules.decision_capacity(role, officer) == expected


@pytest.mark.parametrize(
    ("decision", "reasons", "options", "missing"),
    [
        ("Arrest", "Evidence", "Interview", set()),
        ("", "Evidence", "Interview", {"decision"}),
        ("Arrest", "  ", "Interview", {"reasons"}),
        ("Arrest", "Evidence", "\n", {"options"}),
        ("", "", "", {"decision", "reasons", "options"}),
    ],
)
def test_what_why_and_the_options_are_each_needed(decision, reasons, options, missing):
    assert set(rules.decision_problems(decision, reasons, options)) == missing


@pytest.mark.parametrize(
    ("target", "numbers", "superseded", "ok"),
    [
        (None, [], [], True),
        (1, [1, 2], [], True),
        (3, [1, 2], [], False),  # not on this case
        (1, [1, 2], [1], False),  # already superseded
        (2, [1, 2], [1], True),
    ],
)
def test_which_decisions_may_be_superseded(target, numbers, superseded, ok):
    assert (rules.supersede_problem(target, numbers, superseded) == "") is ok


def _entry(number, decision="Arrest"):
    return rules.Signed("FC/1/26", number, decision, "r", "o", "pc1", "supervisor", AT, None)


def _chain(entries):
    log, previous = [], ""
    for e in entries:
        previous = rules.decision_signature(KEY, e, previous)
        log.append((e, previous, KEY))
    return log


def test_an_intact_chain_has_no_broken_signature():
    assert rules.broken_signatures(_chain([_entry(1), _entry(2), _entry(3)])) == []


def test_a_changed_entry_breaks_its_own_signature_only():
    log = _chain([_entry(1), _entry(2), _entry(3)])
    _, sig, key = log[1]
    log[1] = (_entry(2, "No arrest"), sig, key)
    assert rules.broken_signatures(log) == [2]


def test_a_missing_entry_or_an_unknown_key_breaks_the_chain():
    log = _chain([_entry(1), _entry(2), _entry(3)])
    assert rules.broken_signatures([log[0], log[2]]) == [3]
    e, sig, _ = log[0]
    assert rules.broken_signatures([(e, sig, None), *log[1:]]) == [1]


def test_a_signature_depends_on_the_one_before():
    assert rules.decision_signature(KEY, _entry(2), "a") != rules.decision_signature(
        KEY, _entry(2), "b"
    )
