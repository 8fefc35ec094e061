"""Reads and writes for the investigation file. Every read starts from the report through
reports.services.get_report (a report the user may not see is a 404, a restricted one asks
for a reason) and needs the report to be a case; every write is one transaction, audited and
put on the report's timeline.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import keys
from fraudcase.audit import rules as audit_rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases import clocks
from fraudcase.cases.models import Case
from fraudcase.core import paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Report
from fraudcase.reports.services import on_visible_reports
from fraudcase.triage import rules as triage_rules
from fraudcase.triage.models import Evaluation

from . import rules
from .models import Decision, LineOfEnquiry, PlanAction

# ---------------------------------------------------------------- the file


@dataclass(frozen=True)
class File:
    """A case's investigation file as one user opened it."""

    report: Report
    case: Case
    user: User

    @property
    def reference(self) -> str:
        return self.report.local_reference

    @property
    def is_officer_in_case(self) -> bool:
        return self.case.investigator_id == self.user.pk

    @property
    def decision_capacity(self) -> rules.Capacity | None:
        return rules.decision_capacity(self.user.role, self.is_officer_in_case)


def open_file(
    user: User,
    ref: str,
    *,
    justification: str = "",
    what: str = "",
    purpose: AuditAction = AuditAction.CONSULTATION,
) -> File:
    """The investigation file of report `ref`: Http404 when the user may not see the report
    (reports.services.get_report) or the report is not a case. `what` names the part opened,
    audited as consulted (or, with `purpose`, disclosed)."""
    report = report_services.get_report(user, ref, justification=justification, purpose=purpose)
    case = Case.objects.filter(report=report).select_related("investigator", "team").first()
    if case is None:
        raise Http404("That report is not a case")
    if what:
        audit.record(user, purpose, "investigation", report.local_reference, what[:200])
    return File(report, case, user)


def _timeline(file: File, text: str) -> None:
    report_services.add_log_entry(file.user, file.report, text)


# ---------------------------------------------------------------- the decision log


def decisions(file: File) -> QuerySet[Decision]:
    """The case's decision log in order, each with who decided and what superseded it."""
    return file.report.investigation_decisions.select_related(
        "decided_by", "supersedes", "superseded_by"
    ).order_by("number")


def _signed(reference: str, d: Decision) -> rules.Signed:
    return rules.Signed(
        reference=reference,
        number=d.number,
        decision=d.decision,
        reasons=d.reasons,
        options=d.options,
        decided_by=d.decided_by.get_username(),
        capacity=d.capacity,
        recorded_at=d.recorded_at,
        supersedes=d.supersedes.number if d.supersedes else None,
    )


def broken_signatures(file: File, log: list[Decision]) -> list[int]:
    """The numbers of the decisions in `log` (the whole log, in order) whose signature does not
    bear out their content: [] when the log is as it was signed. A decision signed with a key
    this server no longer holds counts as broken."""
    known = keys.known_keys()
    return rules.broken_signatures(
        [(_signed(file.reference, d), d.signature, known.get(d.key_id)) for d in log]
    )


@transaction.atomic
def record_decision(
    file: File, *, decision: str, reasons: str, options: str, supersedes: int | None = None
) -> Decision:
    """Sign and record a decision on the case (the officer in the case or a supervisor), with
    the next number; `supersedes` the number of an earlier decision it replaces. Raises
    NotPermitted for anyone else, InvalidInput naming each problem."""
    capacity = file.decision_capacity
    if capacity is None:
        raise NotPermitted("Only the officer in the case and the supervisor record decisions")
    # One writer at a time on this case's log: the next number and the previous signature.
    Case.objects.select_for_update().filter(pk=file.case.pk).first()
    problems = rules.decision_problems(decision, reasons, options)
    earlier = dict(
        Decision.objects.filter(report=file.report).values_list("number", "pk").order_by()
    )
    superseded = Decision.objects.filter(
        report=file.report, superseded_by__isnull=False
    ).values_list("number", flat=True)
    if problem := rules.supersede_problem(supersedes, earlier, superseded):
        problems["supersedes"] = problem
    if problems:
        raise InvalidInput(problems)
    last = Decision.objects.filter(report=file.report).order_by("-number").only("signature").first()
    number = (Decision.objects.filter(report=file.report).aggregate(n=Max("number"))["n"] or 0) + 1
    key = keys.signing_key()
    assert key is not None  # signing_key makes the default key when there is none
    entry = Decision(
        report=file.report,
        number=number,
        decision=decision.strip(),
        reasons=reasons.strip(),
        options=options.strip(),
        decided_by=file.user,
        capacity=capacity,
        recorded_at=timezone.now(),
        supersedes_id=earlier.get(supersedes) if supersedes else None,
        key_id=audit_rules.key_id(key),
    )
    signed = rules.Signed(
        reference=file.reference,
        number=number,
        decision=entry.decision,
        reasons=entry.reasons,
        options=entry.options,
        decided_by=file.user.get_username(),
        capacity=capacity,
        recorded_at=entry.recorded_at,
        supersedes=supersedes,
    )
    entry.signature = rules.decision_signature(key, signed, last.signature if last else "")
    entry.save()
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "investigation",
        file.reference,
        f"Decision {entry.reference} recorded"
        + (f", superseding D{supersedes}" if supersedes else ""),
    )
    replaces = f" (supersedes D{supersedes})" if supersedes else ""
    _timeline(file, f"Decision {entry.reference}{replaces}: {entry.decision}"[:2000])
    return entry


# ---------------------------------------------------------------- the investigation plan


def may_work_plan(file: File) -> bool:
    """Whether this user adds lines and actions and records results on this case's plan."""
    return file.user.role in rules.PLAN_ROLES


def plan(file: File) -> QuerySet[LineOfEnquiry]:
    """The case's lines of enquiry in order, each with its actions (and their owners): two
    queries whatever the plan holds."""
    actions = PlanAction.objects.select_related("owner", "result_by").order_by("due", "pk")
    return file.report.lines_of_enquiry.prefetch_related(Prefetch("actions", queryset=actions))


def owners() -> QuerySet[User]:
    """Who an action can be given to: active users of the roles that work cases."""
    return User.objects.filter(is_active=True, role__in=rules.PLAN_ROLES).order_by(
        "last_name", "first_name", "username"
    )


def _require_plan(file: File) -> None:
    if not may_work_plan(file):
        raise NotPermitted("Your role does not work investigation plans")


def _lock(file: File) -> None:
    """One writer at a time on this case's file: numbers run on without a clash."""
    Case.objects.select_for_update().filter(pk=file.case.pk).first()


def _start(file: File) -> None:
    """The default lines of enquiry (rules.default_lines), if the plan has none yet."""
    if file.report.lines_of_enquiry.exists():
        return
    evaluation = (
        Evaluation.objects.filter(report=file.report, completed_at__isnull=False)
        .order_by("-completed_at")
        .first()
    )
    notes = (
        evaluation.requirements if evaluation and isinstance(evaluation.requirements, dict) else {}
    )
    now = timezone.now()
    LineOfEnquiry.objects.bulk_create(
        LineOfEnquiry(
            report=file.report,
            number=n,
            heading=heading,
            fim_item=item,
            notes=note,
            added_by=file.user,
            added_at=now,
        )
        for n, (item, heading, note) in enumerate(rules.default_lines(notes), start=1)
    )


@transaction.atomic
def start_plan(file: File) -> None:
    """Start the plan with the Fraud Investigation Model's lines of enquiry (App. F stage 2);
    nothing happens if it has lines already."""
    _require_plan(file)
    _lock(file)
    if file.report.lines_of_enquiry.exists():
        return
    _start(file)
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "investigation",
        file.reference,
        "Investigation plan started",
    )
    _timeline(
        file, "Investigation plan started with the Fraud Investigation Model's lines of enquiry"
    )


@transaction.atomic
def add_line(file: File, heading: str) -> LineOfEnquiry:
    """Add a line of enquiry after the others (the default lines first, if none yet)."""
    _require_plan(file)
    if not heading.strip():
        raise InvalidInput({"heading": "Enter the line of enquiry"})
    _lock(file)
    _start(file)
    number = (file.report.lines_of_enquiry.aggregate(n=Max("number"))["n"] or 0) + 1
    line = LineOfEnquiry.objects.create(
        report=file.report,
        number=number,
        heading=heading.strip()[:200],
        added_by=file.user,
        added_at=timezone.now(),
    )
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "investigation",
        file.reference,
        f"Line of enquiry {number} added",
    )
    _timeline(file, f"Line of enquiry added: {line.heading}")
    return line


@transaction.atomic
def add_action(
    file: File, *, line: int, text: str, owner_id: int | None, due: date | None
) -> PlanAction:
    """Add an action to line of enquiry number `line`, owned by `owner_id`, due `due`; its
    deadline is on the owner's Deadlines page (and, once overdue, the supervisor's)."""
    _require_plan(file)
    _lock(file)
    _start(file)
    problems = rules.action_problems(text, due, timezone.localdate())
    found = file.report.lines_of_enquiry.filter(number=line).first()
    if found is None:
        problems["line"] = "Select a line of enquiry on this case"
    owner = owners().filter(pk=owner_id).first() if owner_id else None
    if owner is None:
        problems["owner"] = "Select an officer who works cases"
    if problems:
        raise InvalidInput(problems)
    assert found is not None and owner is not None and due is not None
    action = PlanAction.objects.create(
        line=found,
        report=file.report,
        text=text.strip()[:300],
        owner=owner,
        due=due,
        owed_due=due,
        added_by=file.user,
        added_at=timezone.now(),
    )
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "investigation",
        file.reference,
        f"Action added to line of enquiry {found.number}",
    )
    _timeline(file, f"Action for {owner}, due {due:%d/%m/%Y}: {action.text}")
    _stamp_next_action(file)
    return action


@transaction.atomic
def record_result(file: File, action_id: int, result: str) -> PlanAction:
    """Record an action's result: the action is done and its deadline met. Raises Http404
    for an action not on this case, Conflict if its result is already recorded."""
    _require_plan(file)
    if not result.strip():
        raise InvalidInput({"result": "Enter the result of the action"})
    updated = PlanAction.objects.filter(
        pk=action_id, report=file.report, result_at__isnull=True
    ).update(result=result.strip(), result_at=timezone.now(), result_by=file.user, owed_due=None)
    action = PlanAction.objects.filter(pk=action_id, report=file.report).first()
    if action is None:
        raise Http404("No such action")
    if not updated:
        raise Conflict("That action's result was already recorded")
    audit.record(
        file.user,
        AuditAction.ALTERATION,
        "investigation",
        file.reference,
        "Result of an action recorded",
    )
    _timeline(file, f"Action done: {action.text}. Result: {action.result}"[:2000])
    _stamp_next_action(file)
    return action


def _stamp_next_action(file: File) -> None:
    """Store on the case the soonest due date of its actions still owed (None: none), so My
    cases sorts by it over an index (docs/architecture.md: deadlines are stored)."""
    soonest = (
        PlanAction.objects.filter(report_id=OuterRef("report_id"), owed_due__isnull=False)
        .order_by()
        .values("report_id")
        .annotate(d=Min("owed_due"))
        .values("d")
    )
    Case.objects.filter(pk=file.case.pk).update(next_action_due=Subquery(soonest))


# The investigation plan's actions on the Deadlines page (cases.clocks.register, from
# InvestigationConfig.ready).


def actions_owed(user: User, scope: str, today: date) -> QuerySet[PlanAction]:
    """Actions without a result due by today, on reports the user may see: the user's own
    ("mine"; for a supervisor also those overdue on their teams' cases), or their teams'
    ("team": owned by a colleague or on a case of one of their teams)."""
    teams = user.teams.values("pk")
    if scope == clocks.MINE:
        owned = Q(owner=user)
        if user.role in rules.SUPERVISING_ROLES:
            owned |= Q(report__case__team__in=teams, owed_due__lt=today)
    else:
        owned = Q(owner__in=User.objects.filter(teams__in=teams).values("pk")) | Q(
            report__case__team__in=teams
        )
    return PlanAction.objects.filter(
        owned, on_visible_reports(user), owed_due__lte=today
    ).select_related("report__victim", "owner")


def _action_item(action: PlanAction, today: date) -> clocks.DueItem:
    assert action.owed_due is not None  # an owed action has its due date
    return clocks.DueItem(
        f"Investigation action: {action.text}",
        action.report.local_reference,
        action.report.victim.display_name,
        action.owed_due,
        triage_rules.deadline_state(action.owed_due, today),
        str(action.owner),
        reverse("inv-plan", kwargs={"ref": action.report.local_reference}) + f"#action-{action.pk}",
    )


ACTION_CLOCK = clocks.Kind(
    "investigation-actions",
    "Investigation actions",
    actions_owed,
    "owed_due",
    "report__local_reference",
    _action_item,
)


# ---------------------------------------------------------------- the report page's part


def report_part(user: User, report: Report) -> dict[str, object]:
    """What the report page shows of the investigation file: how many decisions it holds
    (the caller opened `report` through get_report). Empty for a report that is not a case.
    A fixed number of queries, whatever the file holds."""
    if not hasattr(report, "case"):  # read once a page: the report keeps its case
        return {}
    decisions, actions_open, exhibits = paging.counts(
        [
            report.investigation_decisions.all(),
            report.investigation_actions.filter(result_at__isnull=True),
            report.exhibits.all(),
        ]
    )
    return {"decisions": decisions, "actions_open": actions_open, "exhibits": exhibits}
