"""Response shapes shared by every API router."""

from ninja import Schema


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
