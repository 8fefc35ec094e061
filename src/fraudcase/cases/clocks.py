"""Victims' Code and case clocks: what each officer and team has due today or overdue.

DOMAIN.md "Victims' Code deadlines": the first update 1 working day after receipt for victims
entitled to the enhanced service, otherwise 5; a decision not to investigate explained within 5
working days; updates during an investigation as the victim contract says; plus the case's
supervisor reviews, tasks, evidence requests, and the visit and contact tasks of the
vulnerability process (§6.6, App. C). Reads start from the user's visible reports.

Every kind reads a due date stored when the event that sets it happened (the report's first
update, reports.deadlines; a decision's explanation, SupervisorDecision.explanation_due; a
case's update and review; a task's, a visit's and an evidence request's due date), so "due
today" is `due = today` and "overdue" `due < today`: ranges over an index, never a date
computed from the history (issue 16). Each kind is one query, filtered to "mine" or "my
teams" in the database, counted over a LIMIT (core.paging.count_up_to) and read a page at a
time: nothing here reads the whole unit's clocks into Python.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from fraudcase.accounts.enums import Role, TeamKind
from fraudcase.accounts.models import User
from fraudcase.core import paging
from fraudcase.reports.models import Report
from fraudcase.reports.services import (
    Shown,
    on_visible_reports,
    reports_with_nfrc,
    visible_reports,
)
from fraudcase.triage import rules as triage_rules
from fraudcase.triage.models import EvidenceRequest, SupervisorDecision
from fraudcase.victims import rules as victim_rules
from fraudcase.victims import services as victim_services

from .models import Case, Task

MINE, TEAM = "mine", "team"


@dataclass(frozen=True)
class DueItem:
    what: str
    reference: str
    victim: str
    due: date
    state: triage_rules.DeadlineState
    owner: str
    href: str
    from_victim_list: bool = False  # `reference` is the NFRC of a victim-list entry


def first_updates_owed(visible: QuerySet[Report], today: date) -> QuerySet[Report]:
    """Reports (of those given) whose first update to the victim is due by today and not given.

    §5.6: the update stays owed whatever happens to the report (allocation, filing, no further
    action, even finalisation) until it is given: a victim update recorded, or a letter that is
    an update (`rules.FIRST_UPDATE_LETTERS`) recorded as sent (a Letter row is made only when
    the officer records it as sent, never on opening it). The report's status plays no part.
    The due date is stored on the report (reports.deadlines) and None once the update is
    given, so this is one range over the partial index `report_first_update_owed`."""
    return visible.filter(first_update_due__lte=today)


# ---------------------------------------------------------------- whose deadline


def _colleagues(user: User) -> QuerySet[User, Any]:
    return User.objects.filter(teams__in=user.teams.values("pk")).values("pk")


def _owned_by(user: User, scope: str, field: str, team_field: str = "") -> Q:
    """Rows whose `field` is the user ("mine"), or anyone in the user's teams, or (with
    `team_field`) rows of one of the user's teams ("team")."""
    if scope == MINE:
        return Q(**{field: user})
    owned = Q(**{f"{field}__in": _colleagues(user)})
    if team_field:
        owned |= Q(**{f"{team_field}__in": user.teams.values("pk")})
    return owned


def _unit_owns(user: User, scope: str) -> bool:
    """Deadlines the VFT owns as a team (first updates, reviews): a supervisor's own, and in
    everyone's team view."""
    return scope == TEAM or user.role == Role.VFT_SUPERVISOR


# ---------------------------------------------------------------- the kinds of deadline


@dataclass(frozen=True)
class Kind:
    """One kind of deadline: its rows due by today, which of them are due today, how its
    table sorts, how a row reads, and what showing its rows discloses."""

    key: str
    label: str
    owed: Callable[[User, str, date], QuerySet[Any]]
    due_field: str  # the stored due date (a DateField): due today is `= today`
    reference_field: str
    item: Callable[[Any, date], DueItem]
    shown: Callable[[list[Any]], Shown] = lambda rows: [r.report.local_reference for r in rows]
    # Re-dates the stored due dates this kind computes from a rule (working days, bank
    # holidays), set-based, returning how many moved: `fraudcase recompute-deadlines` runs it.
    # None for a kind whose due dates are set by hand (a court, an officer).
    restamp: Callable[[], int] | None = None

    def due_today(self, today: date) -> Q:
        return Q(**{self.due_field: today})

    def overdue(self, today: date) -> Q:
        return Q(**{f"{self.due_field}__lt": today})

    @property
    def sorts(self) -> dict[str, paging.Sort]:
        return {
            "due": paging.Sort("Due", (self.due_field,)),
            "reference": paging.Sort("Reference", (self.reference_field,)),
        }


def _item(what: str, report: Report, due: date, today: date, owner: User | None = None) -> DueItem:
    return DueItem(
        what,
        report.local_reference,
        report.victim.display_name,
        due,
        triage_rules.deadline_state(due, today),
        str(owner) if owner else TeamKind.VFT.label,
        reverse("report-detail", kwargs={"ref": report.local_reference}),
    )


# 1. The first update after receipt (§5.6), until the victim has been updated.
def _first_updates(user: User, scope: str, today: date) -> QuerySet[Report]:
    if not _unit_owns(user, scope):
        return Report.objects.none()
    return first_updates_owed(visible_reports(user), today).select_related("victim", "assessment")


def _first_update_item(report: Report, today: date) -> DueItem:
    assessment = getattr(report, "assessment", None)
    enhanced = bool(assessment and assessment.enhanced_service)
    label = "enhanced service, 1 working day" if enhanced else "5 working days"
    assert report.first_update_due is not None  # an owed report has its due date
    return _item(f"First update to the victim ({label})", report, report.first_update_due, today)


# 2. A decision not to investigate explained to the victim within 5 working days.
# The due date is stored when the decision is made and cleared when the letter is recorded as
# sent (triage.services.decide, decision_explained).
def _decisions(user: User, scope: str, today: date) -> QuerySet[SupervisorDecision]:
    return SupervisorDecision.objects.filter(
        _owned_by(user, scope, "decided_by"),
        on_visible_reports(user),
        explanation_due__lte=today,
    ).select_related("report__victim", "decided_by")


def _decision_item(decision: SupervisorDecision, today: date) -> DueItem:
    what = "Explain the decision not to investigate (letter)"
    assert decision.explanation_due is not None  # an owed decision has its due date
    return _item(what, decision.report, decision.explanation_due, today, decision.decided_by)


# 3 and 4. Victim contract updates and supervisor reviews on open cases.
def _open_cases(user: User) -> QuerySet[Case]:
    return Case.objects.filter(on_visible_reports(user), closed_at__isnull=True).select_related(
        "report__victim", "investigator"
    )


def _victim_updates(user: User, scope: str, today: date) -> QuerySet[Case]:
    return _open_cases(user).filter(
        _owned_by(user, scope, "investigator", "team"), next_update_due__lte=today
    )


def _victim_update_item(case: Case, today: date) -> DueItem:
    what = f"Victim update (every {case.update_every_days} days, victim contract)"
    return _item(what, case.report, case.next_update_due, today, case.investigator)


def _reviews(user: User, scope: str, today: date) -> QuerySet[Case]:
    if not _unit_owns(user, scope):
        return Case.objects.none()
    return _open_cases(user).filter(next_review_due__lte=today)


def _review_item(case: Case, today: date) -> DueItem:
    return _item(
        f"Supervisor review (tier {case.tier} rota)", case.report, case.next_review_due, today
    )


def _owed_on_visible(
    model: Any, user: User, scope: str, today: date, owner: str, due: str, **still_open: Any
) -> QuerySet[Any]:
    """Rows of `model` on the user's visible reports, owned by `owner` in `scope`, still open
    and due (`due`) by today."""
    owed: QuerySet[Any] = model.objects.filter(
        _owned_by(user, scope, owner),
        on_visible_reports(user),
        **{f"{due}__lte": today},
        **still_open,
    ).select_related("report__victim", owner)
    return owed


# 5. Tasks on a case.
def _tasks(user: User, scope: str, today: date) -> QuerySet[Task]:
    return _owed_on_visible(Task, user, scope, today, "assignee", "due", done_at__isnull=True)


def _task_item(task: Task, today: date) -> DueItem:
    return _item(f"Task: {task.text}", task.report, task.due, today, task.assignee)


# 6. Visits and contacts decided for vulnerable victims (§6.6, App. C).
def _visits(user: User, scope: str, today: date) -> QuerySet[Any]:
    if scope == MINE:
        tasks = victim_services.open_tasks(user)
    elif victim_rules.may_work_vulnerability(user.role):
        tasks = victim_services.open_tasks(user, assignees=_colleagues(user))
    else:
        return victim_services.open_tasks(user).none()
    return tasks.filter(due_on__lte=today)


def _visit_item(action: Any, today: date) -> DueItem:
    visit = action.response in victim_rules.VISITS
    what = f"{'Follow-up ' if action.is_follow_up else ''}{'visit' if visit else 'contact'}"
    return DueItem(
        f"{what.capitalize()}: {action.get_response_display()}",
        action.entry.nfrc,
        action.entry.display_name,
        action.due_on,
        triage_rules.deadline_state(action.due_on, today),
        str(action.assignee),
        reverse("victim-entry", kwargs={"entry_id": action.entry_id}) + "#log",
        from_victim_list=True,
    )


# 7. Evidence asked for (28 days, then filed pending information).
def _evidence(user: User, scope: str, today: date) -> QuerySet[EvidenceRequest]:
    return _owed_on_visible(
        EvidenceRequest,
        user,
        scope,
        today,
        "requested_by",
        "due_on",
        received_on__isnull=True,
        filed_on__isnull=True,
    )


def _evidence_item(request: EvidenceRequest, today: date) -> DueItem:
    what = f"Evidence due from {request.get_asked_of_display().lower()}"
    return _item(what, request.report, request.due_on, today, request.requested_by)


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            "first-updates",
            "First updates to victims",
            _first_updates,
            "first_update_due",
            "local_reference",
            _first_update_item,
            lambda rows: [r.local_reference for r in rows],
        ),
        Kind(
            "decisions",
            "Decisions to explain",
            _decisions,
            "explanation_due",
            "report__local_reference",
            _decision_item,
        ),
        Kind(
            "victim-updates",
            "Victim updates",
            _victim_updates,
            "next_update_due",
            "report__local_reference",
            _victim_update_item,
        ),
        Kind(
            "reviews",
            "Supervisor reviews",
            _reviews,
            "next_review_due",
            "report__local_reference",
            _review_item,
        ),
        Kind(
            "tasks",
            "Case tasks",
            _tasks,
            "due",
            "report__local_reference",
            _task_item,
        ),
        Kind(
            "visits",
            "Visits and contacts",
            _visits,
            "due_on",
            "entry__nfrc",
            _visit_item,
            lambda rows: reports_with_nfrc([r.entry.nfrc for r in rows]),
        ),
        Kind(
            "evidence",
            "Evidence asked for",
            _evidence,
            "due_on",
            "report__local_reference",
            _evidence_item,
        ),
    )
}


def register(kind: Kind) -> None:
    """Add a kind of deadline kept by an app above this one (the NFIB return, the other demand
    streams' clocks): called from that app's `AppConfig.ready`, so the Deadlines page, the home
    page and /api/v1/deadlines show it like the kinds above (docs/architecture.md, "How a
    lower app reaches a higher one"). A kind whose rows are not about one report passes a
    `shown` that returns no references."""
    if kind.key in KINDS:
        raise ValueError(f"A kind of deadline {kind.key!r} is already registered")
    KINDS[kind.key] = kind


def restamp_registered() -> dict[str, int]:
    """Run every registered kind's `restamp` ({label: rows moved}), for
    `fraudcase recompute-deadlines`."""
    return {kind.label: kind.restamp() for kind in KINDS.values() if kind.restamp is not None}


# ---------------------------------------------------------------- what the pages read


@dataclass(frozen=True)
class Counts:
    """One kind's bounded counts."""

    kind: Kind
    overdue: paging.Bounded
    due_today: paging.Bounded

    @property
    def total(self) -> paging.Bounded:
        return self.overdue + self.due_today


# Each kind's overdue and due-today figures count up to this, then say "more than 1,000": a
# backlog that size is read a kind at a time, and counting each of fourteen figures up to the
# lists' cap of 10,000 read up to 140,000 index rows for one Deadlines page (issue 16).
DEADLINE_COUNT_CAP = 1_000


def counts(user: User, scope: str, today: date) -> list[Counts]:
    """Each kind's overdue and due-today counts: two counts a kind, each up to
    DEADLINE_COUNT_CAP, whatever the backlog, all read in one statement."""
    kinds = list(KINDS.values())
    queries = []
    for kind in kinds:
        owed = kind.owed(user, scope, today)
        queries += [owed.filter(kind.overdue(today)), owed.filter(kind.due_today(today))]
    found = paging.counts_up_to(queries, DEADLINE_COUNT_CAP)
    return [Counts(kind, found[2 * n], found[2 * n + 1]) for n, kind in enumerate(kinds)]


def rows(user: User, kind: Kind, scope: str, today: date, state: str = "") -> QuerySet[Any]:
    """One kind's rows due by today (only those `state` "overdue" or "due_today" if given),
    oldest first."""
    owed = kind.owed(user, scope, today)
    if state == triage_rules.DeadlineState.OVERDUE:
        owed = owed.filter(kind.overdue(today))
    elif state == triage_rules.DeadlineState.DUE_TODAY:
        owed = owed.filter(kind.due_today(today))
    return owed.order_by(kind.due_field, "pk")


def due_items(user: User, today: date, scope: str = MINE, *, limit: int = 500) -> list[DueItem]:
    """Everything due by today of `scope`, most overdue first, at most `limit` of each kind
    (the oldest): for an export or the API, one query a kind."""
    items = [
        kind.item(row, today)
        for kind in KINDS.values()
        for row in rows(user, kind, scope, today)[:limit]
    ]
    return sorted(items, key=lambda i: (i.due, i.reference))


# How deep a list of every kind reads (each kind's oldest rows up to the end of the page):
# past it, a caller reads one kind at a time, paged in the database.
EVERY_KIND_MOST = paging.COUNT_CAP


def page_of_every_kind(
    user: User, today: date, scope: str, *, state: str = "", number: int, size: int
) -> tuple[list[DueItem], paging.Bounded]:
    """Page `number` (of `size` items) of everything due by today of every kind (only those
    `state` "overdue" or "due_today" if given), most overdue first, and how many there are
    (each kind counted up to the cap). One query a kind whatever the backlog, each kind's
    oldest rows up to the end of the page, merged; and one statement for every count. A page
    past EVERY_KIND_MOST items is empty."""
    end = number * size
    owed = [rows(user, kind, scope, today, state) for kind in KINDS.values()]
    total = sum(paging.counts_up_to(owed), paging.Bounded(0))
    found: list[DueItem] = []
    if end <= EVERY_KIND_MOST:
        for kind, kind_rows in zip(KINDS.values(), owed, strict=True):
            found += [kind.item(row, today) for row in kind_rows[:end]]
    found.sort(key=lambda i: (i.due, i.reference))
    return found[end - size : end], total


def shown_by(items: list[DueItem]) -> QuerySet[Report]:
    """The reports behind these items, for the disclosure gate: by local reference, and by
    NFRC for the victims of a victim list."""
    nfrcs = [i.reference for i in items if i.from_victim_list]
    refs = [i.reference for i in items if not i.from_victim_list]
    return Report.objects.filter(
        Q(local_reference__in=refs) | Q(pk__in=reports_with_nfrc(nfrcs).values("pk"))
    )
