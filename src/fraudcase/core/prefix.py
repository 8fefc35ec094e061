"""A "starts with" filter that an index serves on both databases (issue 16).

PostgreSQL serves `LIKE 'abc%'` from a B-tree index built with `varchar_pattern_ops` (Django
builds one, named `..._like`, for every indexed CharField; a model's own `Index` names the
operator class with `opclasses`). SQLite serves no LIKE from an index (its LIKE ignores case,
its indexes do not), but it serves a range: every string that starts with "abc" lies in
["abc", "abd"), compared byte by byte as SQLite compares text by default (BINARY), which for
UTF-8 is the order of the characters' code points.
"""

from django.db import connection
from django.db.models import Q


def starts_with(field: str, prefix: str) -> Q:
    """Rows whose `field` starts with `prefix` (case as given), as a filter an index on
    `field` serves: LIKE on PostgreSQL, a half-open range on SQLite. An empty prefix
    matches every row."""
    if not prefix:
        return Q()
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": prefix})
    after = _next_after(prefix)
    if after is None:  # nothing sorts after it: the range runs to the end
        return Q(**{f"{field}__gte": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": after})


def _next_after(prefix: str) -> str | None:
    """The least string greater than every string starting with `prefix`: its last character
    moved on by one ("abc" -> "abd"; a last U+10FFFF is dropped and the one before moved on).
    None when there is none."""
    while prefix and ord(prefix[-1]) == 0x10FFFF:
        prefix = prefix[:-1]
    if not prefix:
        return None
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are not characters: skip past them
        last = 0xE000
    return prefix[:-1] + chr(last)
