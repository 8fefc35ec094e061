"""The performance app's API operations (added to /api/v1 by fraudcase.api): the month's pack
as JSON, the same tables as the dashboard, counting only what the caller may see."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from fraudcase.accounts.services import api_user

from . import rules, services

router = Router(tags=["performance"])


class MeasureOut(Schema):
    key: str
    title: str
    note: str
    columns: list[str]
    rows: list[list[Any]]


class PackOut(Schema):
    month: str
    team_id: int | None
    measures: list[MeasureOut]


@router.get("/performance", response=PackOut)
def pack(request: HttpRequest, month: str = "", team: int | None = None) -> dict[str, Any]:
    """The performance pack for a month (`YYYY-MM`, the last complete month by default),
    optionally one team: each measure's columns and rows (ECU manager, analyst, supervisor)."""
    user = api_user(request)
    if not services.may_read(user):
        raise Http404("The performance pack is for the ECU manager, analysts and supervisors")
    if team is not None and not (0 < team < 2**31 and services.team_exists(team)):
        raise Http404("No such team")
    year, number = rules.parse_month(month) or rules.last_complete_month(timezone.localdate())
    computed = services.pack(user, year, number, team)
    return {
        "month": f"{year:04d}-{number:02d}",
        "team_id": team,
        "measures": [
            {
                "key": c.measure.key,
                "title": c.measure.title,
                "note": c.measure.note,
                "columns": c.table.columns,
                "rows": c.table.plain(),
            }
            for c in computed
        ],
    }
