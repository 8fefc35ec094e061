"""DOMAIN.md "Linking": reports sharing a usable suspect identifier are one series (the
connected components); stop-listed identifiers never join; one over the cap is not used."""

import polars as pl
import pytest

from fraudcase.linking import rules

KEYS = {"kind": pl.Utf8, "value": pl.Utf8}
NONE = pl.DataFrame(schema=KEYS)


def identifiers(*rows):
    return pl.DataFrame(
        list(rows), schema={"report_id": pl.Int64, "kind": pl.Utf8, "value": pl.Utf8}, orient="row"
    )


def series(linked):
    """{anchor: sorted report ids}."""
    out: dict[int, list[int]] = {}
    for report_id, anchor in linked.members.iter_rows():
        out.setdefault(anchor, []).append(report_id)
    return {anchor: sorted(ids) for anchor, ids in out.items()}


PHONE = ("phone", "+447700900123")
EMAIL = ("email", "crook@example.com")
SITE = ("website", "cheap-tickets.co.uk")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Two reports, one phone: a series named by its lowest report.
        ([(1, *PHONE), (2, *PHONE)], {1: [1, 2]}),
        # A chain: 1-2 by phone, 2-3 by e-mail, 3-4 by website: one series.
        (
            [(1, *PHONE), (2, *PHONE), (2, *EMAIL), (3, *EMAIL), (3, *SITE), (4, *SITE)],
            {1: [1, 2, 3, 4]},
        ),
        # A long chain the other way round still ends with the lowest as anchor.
        (
            [
                (9, "phone", "a"),
                (8, "phone", "a"),
                (8, "phone", "b"),
                (7, "phone", "b"),
                (7, "phone", "c"),
                (1, "phone", "c"),
            ],
            {1: [1, 7, 8, 9]},
        ),
        # Two separate pairs: two series.
        ([(1, *PHONE), (2, *PHONE), (3, *EMAIL), (4, *EMAIL)], {1: [1, 2], 3: [3, 4]}),
        # An identifier on one report only joins nothing.
        ([(1, *PHONE), (2, *EMAIL)], {}),
        # The same identifier twice on one report is not a series.
        ([(1, *PHONE), (1, *PHONE)], {}),
        # The same value under another kind is another identifier.
        ([(1, "email", "x"), (2, "website", "x")], {}),
        # Nothing at all.
        ([], {}),
    ],
)
def test_connected_components(rows, expected):
    linked = rules.link(identifiers(*rows), stopped=NONE, allowed=NONE, cap=50)
    assert series(linked) == expected


def test_a_stop_listed_identifier_never_joins():
    rows = identifiers(
        (1, "website", "ebay.co.uk"), (2, "website", "ebay.co.uk"), (2, *PHONE), (3, *PHONE)
    )
    stopped = pl.DataFrame([("website", "ebay.co.uk")], schema=KEYS, orient="row")
    linked = rules.link(rows, stopped=stopped, allowed=NONE, cap=50)
    assert series(linked) == {2: [2, 3]}
    assert linked.over_connected.height == 0


@pytest.mark.parametrize(("reports", "joins"), [(3, True), (4, False)])
def test_an_identifier_on_more_reports_than_the_cap_is_not_used_but_reported(reports, joins):
    rows = identifiers(*[(n, *PHONE) for n in range(1, reports + 1)])
    linked = rules.link(rows, stopped=NONE, allowed=NONE, cap=3)
    assert bool(series(linked)) is joins
    over = linked.over_connected.rows()
    assert over == ([] if joins else [("phone", "+447700900123", reports)])


def test_an_administrator_may_allow_an_identifier_over_the_cap():
    rows = identifiers(*[(n, *PHONE) for n in range(1, 6)])
    allowed = pl.DataFrame([PHONE], schema=KEYS, orient="row")
    linked = rules.link(rows, stopped=NONE, allowed=allowed, cap=3)
    assert series(linked) == {1: [1, 2, 3, 4, 5]}
    assert linked.over_connected.height == 0


def test_the_cap_counts_every_report_held_when_counts_are_given():
    """An incremental run reads only some reports: the cap is judged on every report held."""
    rows = identifiers((10, *PHONE), (11, *PHONE))
    counts = pl.DataFrame([(*PHONE, 60)], schema={**KEYS, "reports": pl.Int64}, orient="row")
    linked = rules.link(rows, stopped=NONE, allowed=NONE, cap=50, counts=counts)
    assert series(linked) == {}
    assert linked.over_connected.rows() == [("phone", "+447700900123", 60)]


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([5.0], 5.0), ([1.0, 9.0], 5.0), ([3.0, 1.0, 2.0], 2.0), ([4, 1, 3, 2], 2.5)],
)
def test_median_loss(values, expected):
    assert rules.median(values) == expected


@pytest.mark.parametrize(
    ("reference", "expected"),
    [("S-000042", 42), ("s-42", 42), ("S-", None), ("42", None), ("S-4x", None), ("", None)],
)
def test_series_references(reference, expected):
    assert rules.series_id_of(reference) == expected
    if expected:
        assert rules.series_reference(expected) == "S-000042"
