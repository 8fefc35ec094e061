"""The two streams' figures for the performance pack and the streams' own pages: each one
GROUP BY query over the rows the user may see (None: the whole unit), so a figure costs the
same whatever the history holds beyond the months asked for, and hides what the user may not
see (issue 12 item 4: "ILOR/EIO demand and Banking Protocol results").

Rows are plain dicts with `month` as "YYYY-MM", oldest month first.
"""

from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.core import dates

from . import rules, services


def _month(value: Any) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def ilor_demand(user: User | None, start: date, end: date) -> list[dict[str, Any]]:
    """ILOR/EIO requests received from `start` to `end` (inclusive), by month of receipt and
    kind: how many were received, where they are now (accepted, declined, sent, completed)
    and how many are overdue (still owed a response after its due date)."""
    today = timezone.localdate()
    open_states = list(rules.OPEN_STATES)
    R = rules.RequestState
    rows = (
        services.visible_requests(user)
        .filter(received_on__gte=start, received_on__lte=end)
        .annotate(month=TruncMonth("received_on"))
        .values("month", "kind")
        .annotate(
            received=Count("pk"),
            awaiting_assessment=Count("pk", filter=Q(state=R.RECEIVED)),
            accepted=Count("pk", filter=Q(state=R.ACCEPTED)),
            declined=Count("pk", filter=Q(state=R.DECLINED)),
            sent=Count("pk", filter=Q(state=R.SENT)),
            completed=Count("pk", filter=Q(state=R.COMPLETED)),
            completed_late=Count("pk", filter=Q(state=R.COMPLETED, completed_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(state__in=open_states, due_on__lt=today)),
        )
        .order_by("month", "kind")
    )
    return [{**row, "month": _month(row["month"])} for row in rows]


def banking_protocol_results(user: User | None, start: date, end: date) -> list[dict[str, Any]]:
    """Banking Protocol calls from `start` to `end` (inclusive, London days), by month of the
    call: calls, attended, safeguarded, arrests, crimes recorded, intelligence submitted, no
    offence, offences (an arrest or a crime recorded: seed 002 ¶68's "resultant offences") and
    the offence share (offences / calls, None for a month with no calls)."""
    rows = (
        _incidents(user, start, end)
        .annotate(month=TruncMonth("called_at"))
        .values("month")
        .annotate(
            calls=Count("pk"),
            attended=Count("pk", filter=Q(attended=True)),
            safeguarded=Count("pk", filter=Q(safeguarded=True)),
            arrests=Count("pk", filter=Q(arrest=True)),
            crimes_recorded=Count("pk", filter=Q(crime_recorded=True)),
            intelligence=Count("pk", filter=Q(intelligence=True)),
            no_offence=Count("pk", filter=Q(no_offence=True)),
            offences=Count("pk", filter=Q(arrest=True) | Q(crime_recorded=True)),
        )
        .order_by("month")
    )
    return [
        {
            **row,
            "month": _month(row["month"]),
            "offence_share": rules.share(row["offences"], row["calls"]),
            "attended_share": rules.share(row["attended"], row["calls"]),
        }
        for row in rows
    ]


def _incidents(user: User | None, start: date, end: date) -> Any:
    return services.visible_incidents(user).filter(
        called_at__gte=dates.start_of(start),
        called_at__lt=dates.start_of(end + timedelta(days=1)),
    )


def banking_protocol_summary(user: User | None, start: date, end: date) -> dict[str, Any]:
    """The period's totals: calls, the attended share, the median minutes from the call to
    the police attending, and the offence share. One aggregate query and one read of the
    attended calls' two times into polars for the median (neither database's SQL has a
    median both share)."""
    incidents = _incidents(user, start, end)
    totals = incidents.aggregate(
        calls=Count("pk"),
        attended=Count("pk", filter=Q(attended=True)),
        offences=Count("pk", filter=Q(arrest=True) | Q(crime_recorded=True)),
    )
    times = list(
        incidents.filter(attended=True, attended_at__isnull=False).values_list(
            "called_at", "attended_at"
        )
    )
    median = None
    if times:
        frame = pl.DataFrame(times, schema=["called", "attended"], orient="row")
        minutes = (frame["attended"] - frame["called"]).dt.total_seconds() / 60
        median = float(minutes.median())  # type: ignore[arg-type]
    return {
        **totals,
        "attended_share": rules.share(totals["attended"], totals["calls"]),
        "offence_share": rules.share(totals["offences"], totals["calls"]),
        "median_minutes_to_attend": median,
    }
