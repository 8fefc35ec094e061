"""An exhibit's chain of continuity: no gaps, no overlaps, from seizure to disposal (issue 15,
item 4), table-driven with the boundaries."""

from datetime import UTC, datetime, timedelta

import pytest

from fraudcase.investigation import rules
from fraudcase.investigation.rules import Span

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("spans", "disposed", "broken"),
    [
        ([Span("PC A", T0, None)], None, []),
        ([Span("PC A", T0, T0 + H), Span("Store", T0 + H, None)], None, []),
        ([Span("PC A", T0, T0 + H), Span("Store", T0 + H, T0 + 2 * H)], T0 + 2 * H, []),
        # A gap of one second between holders.
        (
            [Span("PC A", T0, T0 + H), Span("Store", T0 + H + timedelta(seconds=1), None)],
            None,
            ["gap"],
        ),
        # An overlap of one second.
        (
            [Span("PC A", T0, T0 + H), Span("Store", T0 + H - timedelta(seconds=1), None)],
            None,
            ["overlap"],
        ),
        # Two open at once.
        ([Span("PC A", T0, None), Span("Store", T0 + H, None)], None, ["still holds"]),
        # Not taken at seizure.
        ([Span("PC A", T0 + H, None)], None, ["when it was seized"]),
        # Ends before it starts.
        ([Span("PC A", T0, T0), Span("Store", T0, None)], None, ["ends before it starts"]),
        # Nobody holds it, not disposed.
        ([Span("PC A", T0, T0 + H)], None, ["No one holds it"]),
        # Disposed, but the last holder's time does not end then.
        ([Span("PC A", T0, None)], T0 + H, ["returned or destroyed"]),
        ([], None, ["No one is recorded"]),
    ],
)
def test_the_chain_is_unbroken_or_says_where_it_breaks(spans, disposed, broken):
    found = rules.chain_problems(T0, spans, disposed)
    assert len(found) == len(broken)
    for problem, words in zip(found, broken, strict=True):
        assert words in problem


NOW = T0 + 10 * H


@pytest.mark.parametrize(
    ("at", "disposed", "field"),
    [
        (T0 + H, False, None),
        (T0, False, "at"),  # at the same moment the holder took it: an overlap of nothing
        (T0 - H, False, "at"),
        (NOW, False, None),
        (NOW + timedelta(seconds=1), False, "at"),  # in the future
        (T0 + H, True, "at"),
    ],
)
def test_when_an_exhibit_may_move(at, disposed, field):
    problems = rules.handover_problems(Span("PC A", T0, None), at, NOW, disposed)
    assert list(problems) == ([field] if field else [])


@pytest.mark.parametrize(
    ("first", "last", "username", "initials"),
    [
        ("Jo", "Smith", "js1", "JS"),
        ("", "", "pcb", "PC"),
        ("ann", "", "x", "AN"),
        ("Vft_Investigator", "", "vft", "VI"),
        ("Mary Ann", "Lloyd-Jones", "m", "MALJ"),
        ("Ann Marie Jo", "Lloyd-Jones", "m", "AMJL"),
    ],
)
def test_an_officers_initials(first, last, username, initials):
    assert rules.officer_initials(first, last, username) == initials


@pytest.mark.parametrize(
    ("text", "ok"), [("JS", True), ("ABCD", True), ("J", False), ("ABCDE", False), ("J5", False)]
)
def test_initials_are_two_to_four_letters(text, ok):
    assert (rules.initials_problem(text) == "") is ok


def test_a_reference_is_the_initials_and_a_number():
    assert rules.exhibit_reference("js", 3) == "JS/3"
