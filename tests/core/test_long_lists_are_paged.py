"""Every list is shown a page at a time, says where the page is in the whole, and cuts
nothing off: every row is on some page, and a list of any size costs one bounded count."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from fraudcase.core import paging
from fraudcase.core.templatetags.fraudcase import money
from fraudcase.victims.models import RepeatPhrase  # any plain table will do

pytestmark = pytest.mark.django_db

SORTS = {"summary": paging.Sort("Summary", ("phrase",))}


def _events(n):
    RepeatPhrase.objects.bulk_create(RepeatPhrase(phrase=f"event {i:04d}") for i in range(n))
    return RepeatPhrase.objects.filter(phrase__startswith="event ")


def _page(query, rows, **kwargs):
    return paging.paginate(RequestFactory().get("/list/", query), rows, **kwargs)


def test_every_row_of_851_is_on_some_page_and_the_page_says_where_it_is():
    rows = _events(851)
    seen = []
    for number in range(1, 19):
        page = _page({"page": number}, rows, sorts=SORTS, default="summary")
        seen += [e.phrase for e in page.rows]
    assert seen == [f"event {i:04d}" for i in range(851)]
    page = _page({"page": 2}, rows, sorts=SORTS, default="summary")
    assert page.summary == "Showing 51 to 100 of 851"
    assert page.pages == 18 and page.has_next and page.has_previous
    assert [link.number for link in page.links] == [1, 2, 3, 4, 0, 18]
    last = _page({"page": 99}, rows, sorts=SORTS, default="summary")  # past the end: the last
    assert last.number == 18 and last.summary == "Showing 851 to 851 of 851"


def test_a_sortable_column_sorts_both_ways_and_keeps_the_filters():
    rows = _events(3)
    page = _page({"q": "x", "sort": "summary", "order": "desc"}, rows, sorts=SORTS)
    assert [e.phrase for e in page.rows] == ["event 0002", "event 0001", "event 0000"]
    header = page.header("summary")
    assert header["aria_sort"] == "descending"
    assert header["href"] == "?q=x&sort=summary&order=asc"
    # A column not offered for sorting is ignored, never passed to the database.
    assert _page({"sort": "password"}, rows, sorts=SORTS).sort == ""


def test_a_huge_list_is_counted_only_up_to_the_cap_and_its_next_page_still_works():
    rows = _events(30)
    page = _page({"page": 2}, rows, sorts=SORTS, default="summary", size=10, cap=15)
    assert page.more and page.summary == "Showing 11 to 20 of more than 15"
    assert page.has_next and page.pages is None
    third = _page({"page": 3}, rows, sorts=SORTS, default="summary", size=10, cap=15)
    assert [e.phrase for e in third.rows][-1] == "event 0029"
    with CaptureQueriesContext(connection) as queries:
        _page({}, rows, sorts=SORTS, default="summary", size=10, cap=15)
    assert len(queries) == 2  # the bounded count and the page
    assert "LIMIT 16" in queries[0]["sql"].upper()


def test_a_list_in_memory_is_paged_the_same_way():
    page = _page(
        {"page": 2, "sort": "n", "order": "desc"},
        [{"n": i} for i in range(120)],
        sorts={"n": paging.Sort("N", (), key=lambda r: r["n"])},
    )
    assert page.rows[0] == {"n": 69} and page.summary == "Showing 51 to 100 of 120"


def test_money_is_shown_as_people_write_it():
    assert money("32887.19") == "£32,887.19"
    assert money(None) == "" and money(-5) == "-£5.00"


def test_a_page_number_no_list_could_have_shows_the_first_page():
    rows = _events(3)
    page = _page({"page": "99999999999999999999"}, rows, sorts=SORTS, default="summary")
    assert page.number == 1 and len(page.rows) == 3


def test_a_reason_given_for_a_list_still_covers_it_sorted_or_on_another_page():
    from fraudcase.reports.views import list_key

    assert list_key("/calls/?q=Patel&sort=caller&order=desc&reviews_page=2") == "/calls/?q=Patel"


def test_several_figures_are_counted_in_one_statement_bounded_or_exact():
    rows = _events(30)
    none = RepeatPhrase.objects.none()
    with CaptureQueriesContext(connection) as queries:
        bounded = paging.counts_up_to([rows, rows.filter(phrase__lt="event 0005"), none], cap=20)
        exact = paging.counts([rows, rows.filter(phrase__lt="event 0005"), none])
    assert [(b.total, b.more) for b in bounded] == [(20, True), (5, False), (0, False)]
    assert exact == [30, 5, 0]
    assert len(queries) == 2
