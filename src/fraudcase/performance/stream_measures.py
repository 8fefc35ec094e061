"""The other demand streams' measures in the pack (issue 12 item 4: "ILOR/EIO demand and
Banking Protocol results; the cyber KPIs the force sets"; seed 002 ¶11, ¶28, ¶36-¶39, ¶68).

The streams app counts them (streams.measures, streams.cyber_measures: one GROUP BY each, by
month, need-to-know applied, both dates included); this module only turns their rows into the
pack's tables over its twelve-month trend, with shares as percentages."""

from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from fraudcase.reports.models import Report
from fraudcase.streams import cyber_measures
from fraudcase.streams import measures as stream_measures
from fraudcase.streams import services as stream_services
from fraudcase.streams.rules import BankingResult, RequestState

from .registry import Link, Measure, Reports, Scope, monthly, period_of, split

SHARES = {
    "offence_share": "Offence share (%)",
    "attended_share": "Attended share (%)",
    "share_investigated": "Report Fraud cyber referrals investigated (%)",
    "share_advised": "Victims given protect advice (%)",
}


def _label(name: str) -> str:
    return SHARES.get(name) or name.replace("_", " ").capitalize()


def _rows(
    by_month: Callable[[Any, date, date], list[Any]], shares: tuple[str, ...] = ()
) -> Callable[[Any, date, date], list[dict[str, Any]]]:
    """`by_month` (user, first day, last day included) as the pack's monthly() reads it
    (user, first day, the day after the last), each row a dict with labelled columns."""

    def read(user: Any, start: date, end: date) -> list[dict[str, Any]]:
        found = []
        for row in by_month(user, start, end - timedelta(days=1)):
            values = asdict(row) if is_dataclass(row) and not isinstance(row, type) else dict(row)
            values |= {name: getattr(row, name) for name in shares}
            found.append(
                {
                    "month": values.pop("month"),
                    **{
                        _label(k): round(v * 100, 1) if k in SHARES and v is not None else v
                        for k, v in values.items()
                    },
                }
            )
        return found

    return read


# ---------------------------------------------------------------- where each figure leads
# Requests and calls are not reports: their figures lead to the stream's own list, filtered to
# what the figure counts (that page checks who may read it). The routed streams are reports:
# their figures list the reports behind them, as every other measure's.

_RAW = {
    _label(k): k
    for k in (
        *("received", "awaiting_assessment", "accepted", "declined", "sent", "completed"),
        *("completed_late", "overdue", "calls", "attended", "safeguarded", "arrests"),
        *("crimes_recorded", "intelligence", "no_offence", "offences"),
        *(f for _, figures in cyber_measures.FIGURES.values() for f in figures),
    )
}
ILOR_FILTERS = {
    "received": {},
    "awaiting_assessment": {"state": RequestState.RECEIVED},
    "accepted": {"state": RequestState.ACCEPTED},
    "declined": {"state": RequestState.DECLINED},
    "sent": {"state": RequestState.SENT},
    "completed": {"state": RequestState.COMPLETED},
    "completed_late": {"due": "late"},
    "overdue": {"due": "overdue"},
}
BANKING_FILTERS = {
    "calls": "",
    "attended": "attended",
    "safeguarded": "safeguarded",
    "arrests": BankingResult.ARREST,
    "crimes_recorded": BankingResult.CRIME_RECORDED,
    "intelligence": BankingResult.INTELLIGENCE,
    "no_offence": BankingResult.NO_OFFENCE,
    "offences": "offence",
}


def _ilor_link(user: Any, month: str, name: str, row: dict) -> tuple[str, str]:
    found = ILOR_FILTERS.get(_RAW.get(name, ""))
    if found is None or user is None or not stream_services.may_read_requests(user):
        return "", ""
    query = {"month": month, "kind": row.get("Kind", ""), **found}
    return "", f"/streams/ilor/?{urlencode(query)}"


def _banking_link(user: Any, month: str, name: str, row: dict) -> tuple[str, str]:
    result = BANKING_FILTERS.get(_RAW.get(name, ""))
    if result is None or user is None or not stream_services.may_read_incidents(user):
        return "", ""
    query = {"month": month, **({"result": result} if result else {})}
    return "", f"/streams/banking-protocol/?{urlencode(query)}"


def _routed_link(stream: str) -> Link:
    def link(user: Any, month: str, name: str, row: dict) -> tuple[str, str]:
        raw = _RAW.get(name, "")
        return (f"m{month}|{raw}=all", "") if raw in cyber_measures.FIGURES[stream][1] else ("", "")

    return link


def _routed_reports(stream: str) -> Reports:
    def reports(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
        key, name, _ = split(figure)
        period = period_of(scope, key)
        if period is None:
            return None
        last = period.end - timedelta(days=1)
        return cyber_measures.reports_behind(user, stream, period.start, last, name)

    return reports


STREAM_MEASURES: tuple[Measure, ...] = (
    monthly(
        "ilor_demand",
        "ILOR/EIO requests",
        _rows(stream_measures.ilor_demand),
        link=_ilor_link,
        note="By month received and kind; where each request is now, and those overdue today.",
    ),
    monthly(
        "banking_protocol",
        "Banking Protocol results",
        _rows(stream_measures.banking_protocol_results),
        link=_banking_link,
        note="By month of the call; an offence is an arrest or a crime recorded (¶68).",
    ),
    monthly(
        "cyber_kpis",
        "Cyber KPIs",
        _rows(cyber_measures.cyber_kpis, ("share_investigated", "share_advised")),
        link=_routed_link("cyber"),
        reports=_routed_reports("cyber"),
        note="Reports routed to the cyber team, by month received (seed 002 ¶36).",
    ),
    monthly(
        "victim_support",
        "Victim support only referrals",
        _rows(cyber_measures.victim_support_demand),
        link=_routed_link("victim_support"),
        reports=_routed_reports("victim_support"),
        note="Routed to the Protect team, not to assessment; first contacts made and owed.",
    ),
)
