"""Response shapes shared by every API router, and the enum helper for request fields."""

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field

from fraudcase.core import paging


class Problem(Schema):
    row: int
    column: str
    problem: str


class Rejected(Schema):
    """A file refused whole: nothing was written (422)."""

    detail: str
    profile: str
    problems: list[Problem]


class Invalid(Schema):
    """A request whose fields break a rule (422): field name -> what is wrong."""

    detail: str
    problems: dict[str, str]


class Detail(Schema):
    """Every other error (400, 401, 403, 404, 409, 428, 503): one sentence saying what to do."""

    detail: str


def _iso_date(value: Any) -> Any:
    # Pydantic would read a number (or a string of digits) as seconds since 1970: a client that
    # sends 0 for a date meant something else, so only a date or YYYY-MM-DD is taken.
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\d+", value)):
        raise ValueError("Give a date as YYYY-MM-DD")
    return value


# A date in a request: YYYY-MM-DD only.
Day = Annotated[date, BeforeValidator(_iso_date)]


def one_of(choices: Any, *also: str) -> Any:
    """A field that takes only these values: `choices` is an enum (TextChoices, StrEnum) or a
    list of strings; `also` adds values such as "" for "not given". The OpenAPI schema lists
    them as an `enum` (inline, so no two apps' enums can share a name) and a request with any
    other value answers 422 naming the field. An answer may give the enum member itself (a
    model's attribute): it is written as its value."""
    values = [c.value if isinstance(c, Enum) else c for c in choices]
    return Annotated[Literal[tuple(dict.fromkeys([*also, *values]))], BeforeValidator(_value)]


def _value(given: Any) -> Any:
    return given.value if isinstance(given, Enum) else given


class PageIn(Schema):
    """Which page of a long list to answer (core.paging.api_page)."""

    page: int = Field(1, ge=1, le=paging.MOST_PAGES, description="The page, from 1")
    page_size: int = Field(
        paging.PAGE_SIZE, ge=1, le=paging.API_PAGE_MOST, description="Records per page"
    )


# What a paged list's operation adds to its OpenAPI document: the headers of its answer.
PAGED = {"responses": {"200": {"headers": paging.API_HEADERS}}}
