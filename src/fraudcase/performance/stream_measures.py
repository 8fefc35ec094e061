"""The other demand streams' measures in the pack (issue 12 item 4: "ILOR/EIO demand and
Banking Protocol results; the cyber KPIs the force sets"; seed 002 ¶11, ¶28, ¶36-¶39, ¶68).

The streams app counts them (streams.measures, streams.cyber_measures: one GROUP BY each, by
month, need-to-know applied, both dates included); this module only turns their rows into the
pack's tables over its twelve-month trend, with shares as percentages."""

from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, timedelta
from typing import Any

from fraudcase.streams import cyber_measures
from fraudcase.streams import measures as stream_measures

from .registry import Measure, monthly

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


STREAM_MEASURES: tuple[Measure, ...] = (
    monthly(
        "ilor_demand",
        "ILOR/EIO requests",
        _rows(stream_measures.ilor_demand),
        note="By month received and kind; where each request is now, and those overdue today.",
    ),
    monthly(
        "banking_protocol",
        "Banking Protocol results",
        _rows(stream_measures.banking_protocol_results),
        note="By month of the call; an offence is an arrest or a crime recorded (¶68).",
    ),
    monthly(
        "cyber_kpis",
        "Cyber KPIs",
        _rows(cyber_measures.cyber_kpis, ("share_investigated", "share_advised")),
        note="Reports routed to the cyber team, by month received (seed 002 ¶36).",
    ),
    monthly(
        "victim_support",
        "Victim support only referrals",
        _rows(cyber_measures.victim_support_demand),
        note="Routed to the Protect team, not to assessment; first contacts made and owed.",
    ),
)
