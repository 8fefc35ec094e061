"""The routed lists: cyber-dependent disseminations and crimes in action for the cyber team,
victim-support-only referrals for the Protect team (seed 001 §5.4, §6; seed 002 ¶11 iv-v,
¶38). The reports are routed as they come in (intake.rules.route; the due date stored by
reports.deadlines.schedule_routes); this module reads the lists, records the first contact
(which stops the clock) and gives the Deadlines page its two kinds of clock.

Every read starts from `reports.services.visible_reports`, so a report a user may not see is
in no list, count or export.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fraudcase.accounts import services as account_services
from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import User
from fraudcase.cases import clocks
from fraudcase.core import paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import EntryKind
from fraudcase.reports.models import Report
from fraudcase.reports.services import visible_reports
from fraudcase.triage.rules import deadline_state

from . import cyber_rules as rules
from .cyber_rules import ContactState, RoutedList

# The lists' sortable columns: each served by an index (route, received_at, id) or, for the
# owed, (route_due, id).
SORTS = {
    "due": paging.Sort("Contact due", ("route_due",)),
    "received": paging.Sort("Received", ("received_at",)),
    "reference": paging.Sort("Report", ("local_reference",)),
}


def require_reader(user: User, routed: str) -> None:
    """Http404 for a role that does not work this list (the menu does not offer it either)."""
    if not user.is_authenticated or not rules.may_read(user.role, routed):
        raise Http404("No such page")


def routed_reports(user: User, routed: str, state: str = ContactState.OWED) -> QuerySet[Report]:
    """The reports on a routed list that this user may see: those whose first contact is owed
    (the default), made, or all of them."""
    require_reader(user, routed)
    # `route != ""` as written in the partial index report_routed_received, so PostgreSQL
    # matches the index's condition to the query's without having to prove it.
    reports = (
        visible_reports(user).exclude(route="").filter(route__in=rules.ROUTES[RoutedList(routed)])
    )
    if state == ContactState.OWED:
        reports = reports.filter(route_due__isnull=False, route_contacted_at__isnull=True)
    elif state == ContactState.CONTACTED:
        reports = reports.filter(route_contacted_at__isnull=False)
    return reports.select_related("victim")


def counts(user: User, routed: str) -> dict[str, paging.Bounded]:
    """Each tab's bounded count."""
    return {s.value: paging.count_up_to(routed_reports(user, routed, s)) for s in ContactState}


def record_contact(user: User, reference: str, *, method: str, summary: str) -> Report:
    """The routed team's first contact with the victim, and the protect advice given: the
    clock stops (its due date is kept, for "on time"), the report's timeline says so, and the
    victim's first update is given (§5.6). NotPermitted for a role that does not work the
    list; Conflict when already recorded; InvalidInput for a missing method or summary."""
    report = report_services.get_report(user, reference)
    routed = rules.list_of(report.route)
    if routed is None:
        raise Http404("This report is not routed to a team")
    if not rules.may_contact(user.role, routed):
        raise NotPermitted("Your role may not record this team's contact")
    problems = rules.contact_problems(method, summary)
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        locked = Report.objects.select_for_update().filter(pk=report.pk)
        if locked.filter(route_contacted_at__isnull=False).exists():
            raise Conflict("The victim's first contact was already recorded")
        report_deadlines.route_contacted(report, timezone.now())
        how = rules.ContactMethod(method).label.lower()
        report_services.add_log_entry(
            user,
            report,
            f"First contact by the {routed.label} ({how}): {summary.strip()}",
            kind=EntryKind.CONTACT,
        )
    return report


def report_part(user: User, report: Report) -> dict[str, Any] | None:
    """The report page's routing row (composed in fraudcase.pages): the team it went to, its
    first contact due or made, and whether this user may record it. None: not routed."""
    routed = rules.list_of(report.route)
    if routed is None:
        return None
    return {
        "team": rules.TEAM_KINDS[routed].label,
        "list": routed,
        "may_contact": report.route_contacted_at is None and rules.may_contact(user.role, routed),
    }


# ---------------------------------------------------------------- the Deadlines page's clocks


def _owes(user: User, routed: RoutedList, scope: str) -> bool:
    """A routed list's clock is the team's: its members see it in both views, a supervisor
    in the team view."""
    if rules.TEAM_KINDS[routed] in account_services.team_kinds(user):
        return True
    if routed == RoutedList.VICTIM_SUPPORT and user.role == Role.FVO:
        return True
    return scope == "team" and user.role == Role.VFT_SUPERVISOR


def owed_contacts(user: User, routed: RoutedList, scope: str, today: date) -> QuerySet[Report]:
    """First contacts owed on this list by today, for the Deadlines page: one range over the
    partial index report_route_contact_owed."""
    if not _owes(user, routed, scope):
        return Report.objects.none()
    return (
        visible_reports(user)
        .filter(
            route__in=rules.ROUTES[routed],
            route_contacted_at__isnull=True,
            route_due__lte=today,
        )
        .select_related("victim")
    )


def due_item(report: Report, today: date) -> clocks.DueItem:
    """A Deadlines row for a routed first contact."""
    assert report.route_due is not None  # an owed report has its due date
    routed = rules.list_of(report.route) or RoutedList.CYBER
    return clocks.DueItem(
        rules.what_is_due(report.route, report_deadlines.route_contact_days(report.route)),
        report.local_reference,
        report.victim.display_name,
        report.route_due,
        deadline_state(report.route_due, today),
        rules.TEAM_KINDS[routed].label,
        reverse("report-detail", kwargs={"ref": report.local_reference}),
    )


def register_clocks() -> None:
    """Add the two routed lists' first contacts to the Deadlines page, the home page and
    /api/v1/deadlines (called from StreamsConfig.ready)."""
    for key, routed, label in (
        ("cyber-contacts", RoutedList.CYBER, "Cyber team: first contacts"),
        ("victim-support-contacts", RoutedList.VICTIM_SUPPORT, "Victim support: first contacts"),
    ):
        if key in clocks.KINDS:
            continue

        def owed(user: User, scope: str, today: date, routed: RoutedList = routed) -> Any:
            return owed_contacts(user, routed, scope, today)

        clocks.register(
            clocks.Kind(
                key,
                label,
                owed,
                "route_due",
                "local_reference",
                due_item,
                lambda rows: [r.local_reference for r in rows],
            )
        )
