"""The routed streams' figures by month for the performance pack: the cyber KPIs and the
victim-support-only demand (DOMAIN.md "Performance": "cyber KPIs (share of Action Fraud cyber
referrals investigated, share of victims given protect advice)"; seed 002 ¶36 i-ii, ¶37-¶39;
seed 001 §5.4, §6).

Each is ONE GROUP BY query over the reports received from `start` to `end` (both dates
included, London days), by the month they were received, read through the (route,
received_at) index: set-based, never a row at a time. `user` None counts the whole unit (the
manager's pack); a user counts only the reports they may see.

What counts:
- a cyber referral: a report routed to the cyber team (a cyber-dependent code NFIB50A-NFIB52E
  or a crime in action; reports.enums.CYBER_ROUTES), whatever its source;
- "from Report Fraud": of those, the ones NFIB disseminated (Action Fraud / Report Fraud
  referrals: the national KPI's denominator, ¶36 i);
- investigated: a case was opened (the report was allocated for investigation, §5.4);
- advised: the cyber team's first contact with the victim, with protect advice, is recorded
  (streams.cyber.record_contact; ¶36 ii); on time: recorded by the day it was due.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth

from fraudcase.accounts.models import User
from fraudcase.core import dates
from fraudcase.reports.enums import CYBER_ROUTES, Route, Source
from fraudcase.reports.models import Report
from fraudcase.reports.services import visible_reports


@dataclass(frozen=True)
class CyberMonth:
    month: str  # YYYY-MM
    referrals: int
    crimes_in_action: int
    from_report_fraud: int
    investigated: int  # of those from Report Fraud
    advised: int
    advised_on_time: int
    still_owed: int

    @property
    def share_investigated(self) -> float | None:
        """KPI ¶36 i: Report Fraud (Action Fraud) cyber referrals investigated, 0 to 1."""
        return self.investigated / self.from_report_fraud if self.from_report_fraud else None

    @property
    def share_advised(self) -> float | None:
        """KPI ¶36 ii: victims given protect advice in person or by telephone, 0 to 1."""
        return self.advised / self.referrals if self.referrals else None


@dataclass(frozen=True)
class VictimSupportMonth:
    month: str  # YYYY-MM
    referrals: int
    contacted: int
    contacted_on_time: int
    still_owed: int


def _received(user: User | None, start: date, end: date) -> QuerySet[Report]:
    reports = Report.objects.all() if user is None else visible_reports(user)
    # `route != ""` as the partial index report_routed_received has it (streams.cyber).
    return reports.exclude(route="").filter(
        received_at__gte=dates.start_of(start),
        received_at__lt=dates.start_of(end + timedelta(days=1)),
    )


def _by_month(reports: QuerySet[Report]) -> QuerySet[Report]:
    london = ZoneInfo(settings.TIME_ZONE)
    return (
        reports.annotate(
            month=TruncMonth("received_at", tzinfo=london),
            contacted_on=TruncDate("route_contacted_at", tzinfo=london),
        )
        .values("month")
        .order_by("month")
    )


def _month(value: object) -> str:
    assert isinstance(value, date)  # a datetime on PostgreSQL, a date or datetime on SQLite
    return f"{value.year:04d}-{value.month:02d}"


ADVISED = Q(route_contacted_at__isnull=False)
ON_TIME = ADVISED & Q(contacted_on__lte=F("route_due"))
OWED = Q(route_contacted_at__isnull=True, route_due__isnull=False)


def cyber_kpis(user: User | None, start: date, end: date) -> list[CyberMonth]:
    """The cyber KPIs by month received, from `start` to `end` (included): one GROUP BY."""
    routed, figures = FIGURES["cyber"]
    rows = _by_month(_received(user, start, end).filter(routed)).annotate(
        **{name: Count("pk", filter=condition) for name, condition in figures.items()}
    )
    return [
        CyberMonth(
            _month(r["month"]),
            r["referrals"],
            r["crimes_in_action"],
            r["from_report_fraud"],
            r["investigated"],
            r["advised"],
            r["advised_on_time"],
            r["still_owed"],
        )
        for r in rows
    ]


def victim_support_demand(user: User | None, start: date, end: date) -> list[VictimSupportMonth]:
    """Victim-support-only referrals by month received, from `start` to `end` (included), with
    the Protect team's first contacts made, made on time and still owed: one GROUP BY."""
    routed, figures = FIGURES["victim_support"]
    rows = _by_month(_received(user, start, end).filter(routed)).annotate(
        **{name: Count("pk", filter=condition) for name, condition in figures.items()}
    )
    return [
        VictimSupportMonth(
            _month(r["month"]),
            r["referrals"],
            r["contacted"],
            r["contacted_on_time"],
            r["still_owed"],
        )
        for r in rows
    ]


# What each figure of `cyber_kpis` and `victim_support_demand` counts among the month's routed
# reports: the performance pack lists the reports behind a figure with the same conditions.
FROM_REPORT_FRAUD = Q(source=Source.NFIB_DISSEMINATION)
FIGURES: dict[str, tuple[Q, dict[str, Q]]] = {
    "cyber": (
        Q(route__in=CYBER_ROUTES),
        {
            "referrals": Q(),
            "crimes_in_action": Q(route=Route.CRIME_IN_ACTION),
            "from_report_fraud": FROM_REPORT_FRAUD,
            "investigated": FROM_REPORT_FRAUD & Q(case__isnull=False),
            "advised": ADVISED,
            "advised_on_time": ON_TIME,
            "still_owed": OWED,
        },
    ),
    "victim_support": (
        Q(route=Route.VICTIM_SUPPORT),
        {
            "referrals": Q(),
            "contacted": ADVISED,
            "contacted_on_time": ON_TIME,
            "still_owed": OWED,
        },
    ),
}


def reports_behind(
    user: User | None, stream: str, start: date, end: date, figure: str
) -> QuerySet[Report] | None:
    """The reports one figure of a month counts (received from `start` to `end`, both
    included), for the user; None for a figure these measures do not have."""
    routed, figures = FIGURES.get(stream, (None, {}))
    if routed is None or figure not in figures:
        return None
    london = ZoneInfo(settings.TIME_ZONE)
    return (
        _received(user, start, end)
        .filter(routed)
        .annotate(contacted_on=TruncDate("route_contacted_at", tzinfo=london))
        .filter(figures[figure])
    )
