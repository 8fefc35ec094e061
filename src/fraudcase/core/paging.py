"""One way to show a long list a page at a time: GOV.UK pagination, "Showing X to Y of Z",
and sorting by the columns that look sortable (ADR: lists are paged with bounded counts).

A page reads its rows with LIMIT/OFFSET and counts at most `COUNT_CAP` + 1 rows (a
`SELECT COUNT(*) FROM (... LIMIT n)`), so a list of a million rows costs the same to show as
one of a thousand: the page then says "more than 10,000" and its "Next" link still works.
Nothing is silently cut off: every row is on some page.

Views call `paginate(request, rows, sorts=..., default=...)`; templates include
`includes/pagination.html` with `page`, and `includes/sort_header.html` for each sortable
column heading.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

PAGE_SIZE = 50
COUNT_CAP = 10_000
# A search counts its matches up to this: past a thousand, the officer narrows the term rather
# than reads on, and counting ten thousand matches cost most of a common surname's search
# (80 of 117 ms at a million reports; ADR-0088).
SEARCH_COUNT_CAP = 1_000
# The most rows one API answer holds (`page_size`).
API_PAGE_MOST = 500
# How many page numbers either side of the current one the pagination shows.
AROUND = 2


@dataclass(frozen=True)
class Sort:
    """A sortable column: its label and the ordering it stands for, ascending (a leading "-"
    on a field reverses it); the descending sort reverses every field."""

    label: str
    fields: tuple[str, ...]
    key: Any = None  # for a list of dicts/objects held in memory: a function of the row
    # No index serves this ordering (a column of another table, a computed value): the list is
    # sorted by it only while it holds at most COUNT_CAP rows, else by its default sort, and
    # the page says so (issue 16: no page sorts a million rows to show fifty).
    unindexed: bool = False


@dataclass(frozen=True)
class PageLink:
    """One item of the GOV.UK pagination list: a page number, or an ellipsis (number 0)."""

    number: int
    href: str = ""
    current: bool = False

    @property
    def ellipsis(self) -> bool:
        """True for the "…" between page numbers."""
        return self.number == 0


@dataclass
class Page:
    """One page of a list, and what the templates need to say where it is in the whole."""

    rows: list[Any]
    number: int
    size: int
    total: int  # exact when not `more`; otherwise COUNT_CAP
    more: bool  # the list holds more than `total` rows
    query: str  # the request's query without `page`, for links that keep the filters
    sort: str = ""
    order: str = "asc"
    sorts: Mapping[str, Sort] = field(default_factory=dict)
    # Put before `page`, `sort` and `order` in links: two lists on one page page separately.
    prefix: str = ""
    # The label of an unindexed sort asked for and not applied: the list was too long.
    sort_refused: str = ""

    @property
    def start(self) -> int:
        """The position of the first row shown (1-based); 0 for an empty list."""
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def end(self) -> int:
        """The position of the last row shown."""
        return self.start + len(self.rows) - 1 if self.rows else 0

    @property
    def pages(self) -> int | None:
        """How many pages there are, when the count is exact."""
        if self.more:
            return None
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.end < self.total or (self.more and len(self.rows) == self.size)

    @property
    def has_previous(self) -> bool:
        """Whether a previous page exists."""
        return self.number > 1

    @property
    def paged(self) -> bool:
        """Whether the list needs the pagination links at all."""
        return self.has_next or self.has_previous

    @property
    def summary(self) -> str:
        """The line above a list: Showing 51 to 100 of 851 (or of more than 10,000)."""
        if not self.rows:
            return "Showing 0 results"
        of = f"more than {self.total:,}" if self.more else f"{self.total:,}"
        shown = f"Showing {self.start:,} to {self.end:,} of {of}"
        if self.sort_refused:
            shown += (
                f" (not sorted by {self.sort_refused.lower()}: that needs a list of"
                f" {COUNT_CAP:,} or fewer, so filter it first)"
            )
        return shown

    def href(self, number: int) -> str:
        """The link to page `number` with the same filters and sort."""
        parts = [self.query] if self.query else []
        if number > 1:
            parts.append(f"{self.prefix}page={number}")
        return "?" + "&".join(parts) if parts else "?"

    @property
    def here(self) -> str:
        """The link to this page (for a form on it that shows the same page again)."""
        return self.href(self.number)

    @property
    def previous_href(self) -> str:
        """The link to the previous page."""
        return self.href(self.number - 1)

    @property
    def next_href(self) -> str:
        """The link to the next page."""
        return self.href(self.number + 1)

    @property
    def links(self) -> list[PageLink]:
        """The numbered items: the first, the last (when known), the current and two either
        side, with ellipses between."""
        last = self.pages or (self.number + (1 if self.has_next else 0))
        wanted = {1, last, *range(self.number - AROUND, self.number + AROUND + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= last)
        items: list[PageLink] = []
        for i, n in enumerate(numbers):
            if i and n != numbers[i - 1] + 1:
                items.append(PageLink(0))
            items.append(PageLink(n, self.href(n), n == self.number))
        return items

    def header(self, key: str) -> dict[str, str]:
        """What a sortable column heading needs: its label, the link that sorts by it (or
        reverses it), and its aria-sort value."""
        sort = self.sorts[key]
        current = key == self.sort
        state = ("ascending" if self.order == "asc" else "descending") if current else "none"
        order = "desc" if current and self.order == "asc" else "asc"
        sort_, order_ = f"{self.prefix}sort", f"{self.prefix}order"
        base = _without(self.query, {sort_, order_})
        query = "&".join(p for p in (base, f"{sort_}={key}&{order_}={order}") if p)
        return {"label": sort.label, "href": f"?{query}", "aria_sort": state}


@dataclass(frozen=True)
class Bounded:
    """A count read over at most `cap` + 1 rows: exact up to the cap, else "more than"."""

    total: int
    more: bool = False

    def __bool__(self) -> bool:
        return self.total > 0

    def __eq__(self, other: object) -> bool:
        """Equal to a whole number when exactly that many (so a count reads as a number)."""
        if isinstance(other, int):
            return not self.more and self.total == other
        if isinstance(other, Bounded):
            return (self.total, self.more) == (other.total, other.more)
        return NotImplemented

    def __add__(self, other: "Bounded") -> "Bounded":
        return Bounded(self.total + other.total, self.more or other.more)

    def __str__(self) -> str:
        return f"more than {self.total:,}" if self.more else f"{self.total:,}"


def count_up_to(rows: QuerySet[Any], cap: int = COUNT_CAP) -> Bounded:
    """How many rows, counted over a LIMIT (`SELECT COUNT(*) FROM (... LIMIT cap + 1)`), so
    that a count costs the same over a thousand rows or a million."""
    # No order and no related rows: only which rows there are counts (a values() list has no
    # related rows to drop).
    rows = rows.order_by()
    if getattr(rows, "_fields", None) is None:
        rows = rows.select_related(None)
    return _bounded(rows[: cap + 1].count(), cap)


def counts_up_to(queries: Sequence[QuerySet[Any]], cap: int = COUNT_CAP) -> list[Bounded]:
    """Several bounded counts (as `count_up_to`) in one statement: `SELECT (SELECT COUNT(*)
    FROM (... LIMIT cap + 1)), (...), ...`, one round trip for a page's figures however many
    it shows (Deadlines' two a kind, issue 16). A query that can match nothing counts 0."""
    return [_bounded(total, cap) for total in _counts(queries, cap + 1)]


def counts(queries: Sequence[QuerySet[Any]]) -> list[int]:
    """Several exact counts in one statement, for rows that are few by nature (what one case
    holds: its decisions, exhibits, documents), so a page that shows several asks once."""
    return _counts(queries, None)


def _counts(queries: Sequence[QuerySet[Any]], limit: int | None) -> list[int]:
    selects: list[str] = []
    params: list[Any] = []
    empty: set[int] = set()
    for n, rows in enumerate(queries):
        if rows.query.is_empty():
            empty.add(n)
            continue
        bounded = rows.order_by().values("pk")
        if limit is not None:
            bounded = bounded[:limit]
        sql, query_params = bounded.query.sql_with_params()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{n})")
        params.extend(query_params)
    totals: list[int] = []
    if selects:
        with connections[queries[0].db].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            totals = list(cursor.fetchone())
    found = iter(totals)
    return [0 if n in empty else next(found) for n in range(len(queries))]


def _bounded(total: int, cap: int) -> Bounded:
    return Bounded(min(total, cap), total > cap)


def _without(query: str, names: set[str]) -> str:
    return "&".join(p for p in query.split("&") if p and p.split("=", 1)[0] not in names)


# No list has more pages than this; a larger number is not a page (and no database takes an
# OFFSET past 64 bits).
MOST_PAGES = 1_000_000


def page_number(request: HttpRequest, prefix: str = "") -> int:
    """The page asked for; 1 for anything that is not a whole number from 1 to MOST_PAGES."""
    try:
        number = int(request.GET.get(f"{prefix}page", "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= MOST_PAGES else 1


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    *,
    size: int = PAGE_SIZE,
    sorts: Mapping[str, Sort] | None = None,
    default: str = "",
    default_order: str = "asc",
    cap: int = COUNT_CAP,
    prefix: str = "",
    clamp: bool = True,
    counted: QuerySet[Any] | None = None,
) -> Page:
    """The page of `rows` the request asks for, sorted as it asks among `sorts`.

    A queryset is ordered in the database (with its primary key last, so that pages never
    overlap), read with LIMIT/OFFSET and counted up to `cap` + 1 rows; a list already in
    memory is sorted with each Sort's `key` and sliced. A page past the end shows the last
    (an empty page with `clamp=False`, for the API: a client reading until the end stops).
    With a `prefix`, the request's `<prefix>page`, `<prefix>sort` and `<prefix>order` are
    read instead, so that a second list on the same page pages and sorts on its own.
    `counted` is the same rows in a form that counts faster, counted instead of `rows` (a
    search reads its page newest first but counts from its index: reports.services).
    """
    sorts = sorts or {}
    sort = request.GET.get(f"{prefix}sort", "")
    order = request.GET.get(f"{prefix}order", "")
    if sort not in sorts:
        sort, order = default, default_order
    if order not in ("asc", "desc"):
        order = default_order
    query = request.GET.copy()
    query.pop(f"{prefix}page", None)
    query.pop("export", None)
    encoded = query.urlencode()
    number = page_number(request, prefix)

    refused = ""
    if isinstance(rows, QuerySet):
        bounded = count_up_to(rows if counted is None else counted, cap)
        total, more = bounded.total, bounded.more
        if sort and sorts[sort].unindexed and more and sort != default:
            refused, sort, order = sorts[sort].label, default, default_order
        if sort:
            fields = [*sorts[sort].fields, "pk"]
            if order == "desc":
                fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
            rows = rows.order_by(*fields)
        if not more and clamp:
            number = min(number, max(1, -(-total // size)))
        offset = (number - 1) * size
        shown = list(rows[offset : offset + size])
        if more and not shown and number > 1 and clamp:
            number = 1
            shown = list(rows[:size])
    else:
        items = list(rows)
        if sort and sorts[sort].key is not None:
            items.sort(key=sorts[sort].key, reverse=order == "desc")
        total, more = len(items), False
        if clamp:
            number = min(number, max(1, -(-total // size)))
        offset = (number - 1) * size
        shown = items[offset : offset + size]
    return Page(shown, number, size, total, more, encoded, sort, order, sorts, prefix, refused)


# What a paged API answer says in its headers (documented on each paged operation).
API_HEADERS = {
    "X-Total-Count": {
        "description": f"How many records the whole list holds (counted up to {COUNT_CAP:,};"
        f" a search, up to {SEARCH_COUNT_CAP:,})",
        "schema": {"type": "integer"},
    },
    "X-Total-Count-Capped": {
        "description": "'true' when the list holds more records than were counted",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Link": {
        "description": "RFC 8288 links to the first, prev, next and last pages that exist",
        "schema": {"type": "string"},
    },
}


def api_page(
    request: HttpRequest,
    response: HttpResponse,
    rows: QuerySet[Any] | Sequence[Any],
    *,
    size: int,
    counted: QuerySet[Any] | None = None,
    cap: int = COUNT_CAP,
) -> Page:
    """One page of an API list (`page`, `page_size` in the query), with the total and the links
    to the other pages in the answer's headers (API_HEADERS). A page past the end is empty.
    `counted` as for `paginate`."""
    page = paginate(
        request,
        rows,
        size=max(1, min(size, API_PAGE_MOST)),
        clamp=False,
        counted=counted,
        cap=cap,
    )
    api_headers(request, response, page)
    return page


def api_headers(request: HttpRequest, response: HttpResponse, page: Page) -> None:
    """The headers of a paged API answer (API_HEADERS): the total and the links to the first,
    previous, next and last pages."""
    response["X-Total-Count"] = str(page.total)
    if page.more:
        response["X-Total-Count-Capped"] = "true"
    base = request.build_absolute_uri(request.path)
    links = [(1, "first")]
    if page.has_previous:
        links.append((page.number - 1, "prev"))
    if page.has_next:
        links.append((page.number + 1, "next"))
    if page.pages:
        links.append((page.pages, "last"))
    response["Link"] = ", ".join(f'<{base}{page.href(n)}>; rel="{rel}"' for n, rel in links)
