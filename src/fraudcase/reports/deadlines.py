"""The first update owed to each victim (§5.6), stored on the report when it is received.

`Report.first_update_due` holds the date the first update is due while it is owed and None
once it is given, so that "owed today or overdue" is a range over a partial index
(`report_first_update_owed`) rather than a computation over the whole history (issue 16).
It is set by every path that records a report (the NFIB import, a call for service, a
referral: `reports.services.create_report`), moved to 1 working day when the assessment gives
the enhanced service, cleared by an update given (cases.services), and restamped by
`fraudcase recompute-deadlines` after a change of the bank holidays.
"""

from django.db.models import QuerySet

from fraudcase.core import bulk

from . import rules
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
