"""The first update owed to each victim (§5.6), stored on the report when it is received.

`Report.first_update_due` holds the date the first update is due while it is owed and None
once it is given, so that "owed today or overdue" is a range over a partial index
(`report_first_update_owed`) rather than a computation over the whole history (issue 16).
It is set by every path that records a report (the NFIB import, a call for service, a
referral: `reports.services.create_report`), moved to 1 working day when the assessment gives
the enhanced service, cleared by an update given (cases.services), and restamped by
`fraudcase recompute-deadlines` after a change of the bank holidays.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet

from fraudcase.core import bulk

from . import rules
from .enums import Route
from .models import Report


def schedule_first_updates(reports: QuerySet[Report], *, enhanced: bool = False) -> int:
    """Store on each of `reports` the date its first update is due: 5 working days after the
    London date it was received, 1 for a victim entitled to the enhanced service. Set-based
    (one UPDATE per distinct due date); returns how many reports were stamped."""
    days = rules.first_update_days(enhanced=enhanced)
    return bulk.stamp_deadlines(reports, "received_at", "first_update_due", days)


def schedule_imported(after_id: int) -> int:
    """Stamp the reports an import has just written (those with an id above `after_id`)."""
    return schedule_first_updates(Report.objects.filter(id__gt=after_id))


def still_owed(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Those of `reports` whose first update has not been given."""
    return reports.filter(first_update_due__isnull=False)


def first_update_given(report: Report) -> None:
    """The victim has had their first update (an update recorded, or a letter that is one):
    nothing more is owed under §5.6."""
    Report.objects.filter(pk=report.pk).update(first_update_due=None)
    report.first_update_due = None


# ---------------------------------------------------------------- the routed teams' first contact


def route_contact_days(route: str) -> int:
    """Working days from receipt to the routed team's first contact with the victim, as the
    force sets them (settings FRAUDCASE_*_CONTACT_DAYS; docs/rules.md "Cyber and victim support
    routes"); 0 is the same day."""
    return {
        Route.CYBER: settings.FRAUDCASE_CYBER_CONTACT_DAYS,
        Route.CRIME_IN_ACTION: settings.FRAUDCASE_CRIME_IN_ACTION_CONTACT_DAYS,
        Route.VICTIM_SUPPORT: settings.FRAUDCASE_VICTIM_SUPPORT_CONTACT_DAYS,
    }[Route(route)]


def schedule_routes(reports: QuerySet[Report]) -> int:
    """Store on each routed report of `reports` the date its team's first contact is due: one
    UPDATE per route and distinct due date. A victim-support-only referral's first contact by
    the Protect team is the victim's first update (§5.4, §5.6): the assessors' first-update
    clock is not kept for it. Returns how many reports were stamped."""
    stamped = 0
    for route in Route:
        stamped += bulk.stamp_deadlines(
            reports.filter(route=route, route_contacted_at__isnull=True),
            "received_at",
            "route_due",
            route_contact_days(route),
        )
    reports.filter(route=Route.VICTIM_SUPPORT, first_update_due__isnull=False).update(
        first_update_due=None
    )
    return stamped


def route_contacted(report: Report, at: datetime) -> None:
    """The routed team has made its first contact with the victim (and given protect advice):
    the clock stops; its due date is kept, to say whether it was on time. A first contact is
    also the victim's first update (§5.6)."""
    Report.objects.filter(pk=report.pk).update(route_contacted_at=at, first_update_due=None)
    report.route_contacted_at = at
    report.first_update_due = None
