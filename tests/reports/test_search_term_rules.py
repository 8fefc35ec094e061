"""How a search box is read, and how names are keyed for search (pure rules, issue 16)."""

import pytest

from fraudcase.core.prefix import _next_after
from fraudcase.reports import rules


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Osei", {"osei"}),
        ("O'Brien", {"obrien"}),
        ("o’brien", {"obrien"}),  # noqa: RUF001 - the typographic apostrophe
        ("OBRIEN", {"obrien"}),
        ("Zoë", {"zoe"}),
        ("Łukasiewicz", {"lukasiewicz"}),
        ("Smith-Jones", {"smithjones", "smith", "jones"}),
        ("Margaret Osei", {"margaret", "osei", "margaretosei", "oseimargaret"}),
        (
            "Joan Mary Patel",
            {"joan", "mary", "patel"}
            | {"joanmary", "maryjoan", "joanpatel", "pateljoan", "marypatel", "patelmary"},
        ),
        ("", set()),
        ("  -  ' ", set()),
    ],
)
def test_a_name_is_keyed_by_each_word_folded_and_by_each_two_words_together(name, keys):
    assert rules.name_keys(name) == keys


def test_only_the_first_four_words_of_a_long_name_are_paired():
    keys = rules.name_keys("Leicester Road Community Garden Trust")
    assert "leicestertrust" not in keys
    assert {"trust", "leicestergarden", "gardenleicester"} <= keys


def test_a_very_long_word_is_cut_to_the_key_length_when_keyed_and_when_searched():
    word = "x" * 60
    assert rules.name_keys(word) == {"x" * rules.NAME_KEY_LENGTH}
    assert rules.name_search_words(word) == ("x" * rules.NAME_KEY_LENGTH,)


def test_each_report_gets_each_key_once():
    rows = [(1, "Joan"), (1, "Raj Patel"), (2, "Patel"), (1, ""), (1, "Patel")]
    assert sorted(rules.report_name_keys(rows)) == [
        (1, "joan"),
        (1, "patel"),
        (1, "patelraj"),
        (1, "raj"),
        (1, "rajpatel"),
        (2, "patel"),
    ]


@pytest.mark.parametrize(
    ("term", "words"),
    [
        ("Joan Patel", ("joan", "patel")),
        ("Patel Joan", ("patel", "joan")),
        ("O'Brien", ("obrien",)),
        ("Mary-Ann", ("maryann",)),
        ("  zoë  zoë", ("zoe",)),
    ],
)
def test_the_words_of_a_name_search_are_folded_as_keys_are(term, words):
    assert rules.name_search_words(term) == words


@pytest.mark.parametrize(
    ("words", "starts"),
    [
        (("patel",), ("patel",)),
        (("joan", "pat"), ("joanpat",)),  # the start of the key "joanpatel"
        (("wharf", "street", "bakery"), ("wharfstreet", "bakery")),
        (("j", "patel"), ("patel", "j")),  # an initial: each word alone, the longest first
    ],
)
def test_a_name_search_reads_the_first_two_words_as_one_key(words, starts):
    assert rules.name_search_keys(words) == starts


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("LE1", "LE1 "),  # the district LE1, not LE10 to LE19
        ("le1", "LE1 "),
        ("LE15", "LE15 "),  # typed without a space, a district is read first
        ("LE1 5", "LE1 5"),  # the sector
        ("le1  5", "LE1 5"),
        ("LE155", "LE15 5"),
        ("W1A", "W1A "),
        ("EC1A 1", "EC1A 1"),
        ("LE2 7QT", None),  # a full postcode is searched exactly, not as a prefix
        ("Patel", None),
        ("12345", None),
    ],
)
def test_a_postcode_district_or_sector_is_the_start_of_every_postcode_in_it(typed, prefix):
    assert rules.postcode_prefix(typed) == prefix


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("LE1", rules.SearchTerm(postcode_prefix="LE1 ")),
        ("le2 7qt", rules.SearchTerm(postcode="LE2 7QT")),
        ("Joan Patel", rules.SearchTerm(names=("joan", "patel"))),
        ("NFRC261010000001", rules.SearchTerm(nfrc="NFRC261010000001")),
        ("07700 900123", rules.SearchTerm(identifiers=("+447700900123",))),
    ],
)
def test_a_search_box_is_read_the_way_an_officer_means_it(term, expected):
    assert rules.classify_search_term(term) == expected


@pytest.mark.parametrize(
    ("prefix", "after"),
    [("abc", "abd"), ("ab9", "ab:"), ("LE1 ", "LE1!"), ("a\U0010ffff", "b"), ("\U0010ffff", None)],
)
def test_a_prefix_range_ends_at_the_next_string_that_does_not_start_with_it(prefix, after):
    assert _next_after(prefix) == after
