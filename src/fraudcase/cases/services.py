"""Reads and writes for cases: allocation, reviews, tasks, disruption, victim updates, outcomes.

Every read starts from `reports.services.visible_reports` so a case the user may not see does
not exist for them; every write records who, when and why on the report's timeline and in the
audit log; every change of status goes through `reports.services.move`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.enums import Experience, Role, TeamKind
from fraudcase.accounts.models import Team, User
from fraudcase.accounts.services import team_ids
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import Conflict, InvalidInput
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports import services as report_services
from fraudcase.reports.models import (
    Identifier,
    Report,
    ReportStatus,
    Source,
    StatusChange,
    Suspect,
)
from fraudcase.reports.rules import Transition
from fraudcase.reports.services import on_visible_reports, visible_reports
from fraudcase.triage import services as triage_services
from fraudcase.triage.rules import Recommendation

from . import rules
from .models import (
    Case,
    DisruptionAction,
    Finalisation,
    Letter,
    LetterKind,
    SupervisorReview,
    Task,
    VictimUpdate,
)

if TYPE_CHECKING:
    from .letters import Section, Sender

SUPERVISING_ROLES = rules.SUPERVISING_ROLES
CASE_ROLES = rules.CASE_ROLES


def _require(user: User, roles: frozenset[str]) -> None:
    if getattr(user, "role", None) not in roles:
        raise Http404("No such page")


def may_work_cases(user: User) -> bool:
    """Whether the user's role works investigations (tasks, disruption, victim updates)."""
    return getattr(user, "role", None) in CASE_ROLES


def positive_outcomes() -> frozenset[int]:
    """The Home Office outcomes counted as positive (FRAUDCASE_POSITIVE_OUTCOMES)."""
    return rules.parse_outcome_set(settings.FRAUDCASE_POSITIVE_OUTCOMES)


# ---------------------------------------------------------------- allocation board (§5.4)


def counted_cases(user: User) -> QuerySet[Case]:
    """The open cases the board counts: those on reports this user may see (a join on the
    report, so the open cases are read from their index, never every visible report)."""
    return Case.objects.filter(on_visible_reports(user), closed_at__isnull=True)


def candidates(user: User) -> list[rules.Candidate]:
    """Every investigator and evaluator with their open cases' tiers (one aggregate query).

    Only cases on reports this user may see are counted: a restricted case the supervisor may
    not see does not exist for them, not even as a number on the board."""
    _require(user, SUPERVISING_ROLES)
    people = (
        User.objects.filter(role__in=rules.INVESTIGATING_ROLES, is_active=True)
        .prefetch_related("teams")
        .order_by("last_name", "first_name", "username")
    )
    open_tiers: dict[int, list[int]] = defaultdict(list)
    counts = counted_cases(user).values("investigator_id", "tier").annotate(n=Count("id"))
    for row in counts:
        open_tiers[row["investigator_id"]] += [row["tier"]] * row["n"]
    return [
        rules.Candidate(
            user_id=p.pk,
            name=str(p),
            team_kinds=frozenset(t.kind for t in p.teams.all()),
            experience=p.experience,
            capacity=p.case_capacity,
            open_tiers=tuple(sorted(open_tiers.get(p.pk, []))),
        )
        for p in people
    ]


@dataclass(frozen=True)
class BoardRow:
    candidate: rules.Candidate
    by_tier: dict[int, int]
    load: int
    spare: int
    experience_label: str


class Board(TypedDict):
    rows: list[BoardRow]
    teams: list[dict[str, object]]  # team, investigators, open, capacity
    waiting: QuerySet[Report]  # each with its current_tier


def allocation_board(user: User) -> Board:
    """Each investigator's open cases by tier, their weighted load and spare capacity, the
    capacity of each team, and the reports waiting for allocation with their tier."""
    rows: list[BoardRow] = []
    labels = dict(Experience.choices)
    for c in candidates(user):
        by_tier = {t: c.open_tiers.count(t) for t in (1, 2, 3, 4)}
        rows.append(
            BoardRow(
                c,
                by_tier,
                rules.weighted_load(list(c.open_tiers)),
                c.capacity - len(c.open_tiers),
                labels.get(c.experience, "Not recorded"),
            )
        )
    teams: list[dict[str, object]] = []
    membership = set(User.teams.through.objects.values_list("team_id", "user_id"))
    for team in Team.objects.order_by("name"):
        members = [r for r in rows if (team.pk, r.candidate.user_id) in membership]
        if members:
            teams.append(
                {
                    "team": team,
                    "investigators": len(members),
                    "open": sum(len(r.candidate.open_tiers) for r in members),
                    "capacity": sum(r.candidate.capacity for r in members),
                }
            )
    return {"rows": rows, "teams": teams, "waiting": awaiting_allocation(user)}


def awaiting_allocation(user: User) -> QuerySet[Report]:
    """Every report waiting for allocation that this user may see, oldest received first, each
    with its `current_tier`: the board shows them a page at a time."""
    return (
        triage_services.with_current_tier(
            visible_reports(user)
            .filter(status=ReportStatus.AWAITING_ALLOCATION)
            # §5.4: a victim-support-only referral is never allocated for investigation.
            .exclude(source=Source.VICTIM_SUPPORT_ONLY)
        )
        .select_related("victim")
        .order_by("received_at", "pk")
    )


def allocate(
    user: User,
    report: Report,
    *,
    investigator_id: int,
    team_id: int,
    update_every_days: int = rules.DEFAULT_UPDATE_EVERY_DAYS,
    override_reason: str = "",
) -> Case:
    """Allocate to a team and investigator; the review rota and victim contract clocks start."""
    _require(user, SUPERVISING_ROLES)
    tier = triage_services.current_tier(report)
    by_id = {c.user_id: c for c in candidates(user)}
    candidate = by_id.get(investigator_id)
    problems = rules.allocation_problems(candidate, tier, override_reason)
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        problems["team"] = "Choose a team"
    elif candidate is not None and not team.members.filter(pk=investigator_id).exists():
        problems["team"] = f"{candidate.name} is not in {team.name}"
    if update_every_days not in rules.UPDATE_FREQUENCIES:
        problems["update_every_days"] = "Choose how often the victim is updated"
    if problems:
        raise InvalidInput(problems)
    assert candidate is not None and team is not None
    now = timezone.now()
    today = timezone.localdate(now)
    text = f"Allocated to {candidate.name} ({team.name}), tier {tier}."
    if override_reason.strip():
        text += f" Allocated against the board's advice: {override_reason.strip()}"
    with transaction.atomic():
        report_services.move(
            user,
            report,
            Transition.ALLOCATE,
            ReportStatus.UNDER_INVESTIGATION,
            reason=override_reason,
            log=text,
        )
        return Case.objects.create(
            report=report,
            team=team,
            investigator_id=investigator_id,
            tier=tier,
            allocated_by=user,
            allocated_at=now,
            allocation_reason=override_reason.strip(),
            next_review_due=rules.next_review_due(today, tier),
            update_every_days=update_every_days,
            next_update_due=rules.next_update_due(today, update_every_days),
        )


def record_review(
    user: User, case: Case, *, notes: str, recommendations: str = ""
) -> SupervisorReview:
    """A supervisor's review on the rota (§5.4); the next one is scheduled by tier."""
    _require(user, SUPERVISING_ROLES)
    if not notes.strip():
        raise InvalidInput({"notes": "Record what the review found"})
    now = timezone.now()
    with transaction.atomic():
        review = SupervisorReview.objects.create(
            case=case,
            reviewed_by=user,
            reviewed_at=now,
            notes=notes.strip(),
            recommendations=recommendations.strip(),
        )
        Case.objects.filter(pk=case.pk).update(
            next_review_due=rules.next_review_due(timezone.localdate(now), case.tier)
        )
        text = f"Supervisor review: {notes.strip()}"
        if recommendations.strip():
            text += f" Recommendations: {recommendations.strip()}"
        report_services.add_log_entry(user, case.report, text)
    return review


def reviews_due(user: User, today: date) -> QuerySet[Case]:
    """Open cases whose supervisor review is due by today, oldest due first."""
    _require(user, SUPERVISING_ROLES)
    return (
        Case.objects.filter(
            on_visible_reports(user),
            closed_at__isnull=True,
            next_review_due__lte=today,
        )
        .select_related("report", "investigator", "team")
        .order_by("next_review_due")
    )


# ---------------------------------------------------------------- investigation (§5.5, §5.6)


def add_task(user: User, report: Report, *, text: str, assignee_id: int, due: date) -> Task:
    """Add a task for someone; Http404 for a role without cases, InvalidInput for bad input."""
    _require(user, CASE_ROLES)
    assignee = User.objects.filter(
        pk=assignee_id, is_active=True, role__in=CASE_ROLES | {Role.ASSESSOR}
    ).first()
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = "Say what needs doing"
    if assignee is None:
        problems["assignee"] = "Choose who will do it"
    if problems:
        raise InvalidInput(problems)
    assert assignee is not None  # else a problem was raised
    with transaction.atomic():
        task = Task.objects.create(
            report=report,
            text=text.strip(),
            assignee=assignee,
            due=due,
            created_by=user,
            created_at=timezone.now(),
        )
        report_services.add_log_entry(
            user, report, f"Task for {assignee}: {task.text} (due {due:%d %B %Y})"
        )
    return task


def complete_task(user: User, report: Report, task_id: int) -> Task:
    """Mark a task done; Http404 for no such task, Conflict if it was already done."""
    _require(user, CASE_ROLES)
    task = Task.objects.filter(pk=task_id, report=report).first()
    if task is None:
        raise Http404("No such task")
    with transaction.atomic():
        if (
            Task.objects.filter(pk=task.pk, done_at__isnull=True).update(
                done_at=timezone.now(), done_by=user
            )
            != 1
        ):
            raise Conflict("This task was already marked done")
        report_services.add_log_entry(user, report, f"Task done: {task.text}")
    return task


def add_disruption(
    user: User, report: Report, *, kind: str, on: date, detail: str = ""
) -> DisruptionAction:
    """Record a disruption used on the report; InvalidInput for an unknown kind."""
    _require(user, CASE_ROLES)
    if problem := rules.disruption_kind_problem(kind):
        raise InvalidInput({"kind": problem})
    with transaction.atomic():
        action = DisruptionAction.objects.create(
            report=report, kind=kind, on=on, detail=detail.strip(), by=user
        )
        label = rules.DisruptionKind(kind).label
        report_services.add_log_entry(
            user, report, f"Disruption: {label} on {on:%d %B %Y}. {detail.strip()}".strip()
        )
    return action


def record_victim_update(user: User, report: Report, *, method: str, summary: str) -> VictimUpdate:
    """An update given to the victim; the victim contract's next update is scheduled."""
    _require(user, CASE_ROLES | {Role.ASSESSOR})
    problems = {}
    if method not in {m.value for m in rules.UpdateMethod}:
        problems["method"] = "Choose how the victim was updated"
    if not summary.strip():
        problems["summary"] = "Say what the victim was told"
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    with transaction.atomic():
        update = VictimUpdate.objects.create(
            report=report, at=now, by=user, method=method, summary=summary.strip()
        )
        report_deadlines.first_update_given(report)
        case = Case.objects.filter(report=report).first()
        if case is not None:
            Case.objects.filter(pk=case.pk).update(
                next_update_due=rules.next_update_due(
                    timezone.localdate(now), case.update_every_days
                )
            )
        report_services.add_log_entry(
            user,
            report,
            f"Victim updated ({update.get_method_display().lower()}): {update.summary}",
            kind="contact",
        )
    return update


def set_victim_contract(user: User, report: Report, *, every_days: int) -> Case:
    """Change how often the victim is updated (the victim contract, §5.2); the next update is
    due that long after the last one given (or after allocation if none yet)."""
    _require(user, CASE_ROLES)
    if every_days not in rules.UPDATE_FREQUENCIES:
        raise InvalidInput({"every_days": "Choose how often the victim is updated"})
    case = Case.objects.filter(report=report, closed_at__isnull=True).first()
    if case is None:
        raise InvalidInput({"every_days": "Only an open case has a victim contract to change"})
    last = report.victim_updates.order_by("-at").values_list("at", flat=True).first()
    since = timezone.localdate(last or case.allocated_at)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(
            update_every_days=every_days, next_update_due=rules.next_update_due(since, every_days)
        )
        report_services.add_log_entry(
            user, report, f"Victim contract changed: updates every {every_days} days."
        )
    case.refresh_from_db()
    return case


# ---------------------------------------------------------------- finalisation (§5.7)


def finalise(
    user: User,
    report: Report,
    *,
    outcome: int | None,
    rationale: str = "",
    cease_and_desist: rules.CeaseAndDesistFacts | None = None,
    suspect_traced: bool = True,
    suspect_has_pnc_record: bool = False,
) -> Finalisation:
    """Record the Home Office outcome and close the report (and its case). A cease and desist
    notice is refused when fraudcase holds one for the same suspect (`earlier_notices`)."""
    earlier = (
        rules.earlier_notice_problems(*held_notices(user, report))
        if cease_and_desist is not None
        else []
    )
    problems = rules.finalisation_problems(outcome, rationale, cease_and_desist, earlier)
    if problems:
        raise InvalidInput(problems)
    assert outcome is not None
    positive = outcome in positive_outcomes()
    untraceable = ""
    if cease_and_desist is not None and not suspect_traced:
        untraceable = rules.untraceable_suspect_action(suspect_has_pnc_record)
    now = timezone.now()
    label = rules.HOME_OFFICE_OUTCOMES[outcome]
    text = f"Finalised: outcome {outcome} ({label}){' - positive' if positive else ''}."
    if rationale.strip():
        text += f" Rationale: {rationale.strip()}"
    if untraceable:
        text += f" Suspect untraceable: notice recorded by {untraceable.lower()}."
    with transaction.atomic():
        report_services.move(
            user, report, Transition.FINALISE, ReportStatus.CLOSED, reason=rationale, log=text
        )
        made = Finalisation.objects.create(
            report=report,
            outcome=outcome,
            positive=positive,
            rationale=rationale.strip(),
            cease_and_desist=(cease_and_desist.__dict__ if cease_and_desist else None),
            untraceable_action=untraceable,
            finalised_by=user,
            finalised_at=now,
        )
        Case.objects.filter(report=report).update(closed_at=now)
        if cease_and_desist is not None:
            DisruptionAction.objects.create(
                report=report,
                kind=rules.DisruptionKind.CEASE_AND_DESIST,
                on=timezone.localdate(now),
                detail=untraceable,
                by=user,
            )
    return made


def _suspect_keys(report_ids: Iterable[int]) -> dict[int, list[rules.SuspectKey]]:
    """The suspects of these reports as SuspectKeys, by report (two queries). Identifiers not
    tied to a named suspect make a nameless suspect of their own."""
    names: dict[tuple[int, int | None], str] = {}
    for report_id, pk, key in Suspect.objects.filter(report_id__in=report_ids).values_list(
        "report_id", "pk", "name_key"
    ):
        names[(report_id, pk)] = key
    found: dict[tuple[int, int | None], set[str]] = defaultdict(set)
    for report_id, suspect_id, value in Identifier.objects.filter(
        report_id__in=report_ids
    ).values_list("report_id", "suspect_id", "normalised"):
        found[(report_id, suspect_id)].add(value)
    keys: dict[int, list[rules.SuspectKey]] = defaultdict(list)
    for who in names.keys() | found.keys():
        keys[who[0]].append(rules.SuspectKey(names.get(who, ""), None, frozenset(found[who])))
    return keys


def held_notices(
    user: User, report: Report
) -> tuple[list[rules.SuspectKey], list[rules.HeldNotice]]:
    """This report's suspects, and the cease and desist notices held on other reports for a
    suspect sharing a normalised identifier or name (§5.7 (1)).

    A bounded set of indexed queries: this report's suspects; reports with a notice matched
    by identifier (Identifier.normalised) and by name (Suspect.name_key); those reports'
    suspects; which of them the user may see. Fraudcase records no suspect's date of birth, so
    names are compared without one."""
    mine = _suspect_keys([report.pk]).get(report.pk, [])
    identifiers = set().union(*(s.identifiers for s in mine)) if mine else set()
    names = {s.name for s in mine if s.name}
    if not identifiers and not names:
        return mine, []
    noticed = Finalisation.objects.filter(
        outcome=rules.CEASE_AND_DESIST_OUTCOME, cease_and_desist__isnull=False
    ).exclude(report=report)
    by_identifier = Identifier.objects.filter(
        normalised__in=sorted(identifiers), report__in=noticed.values("report_id")
    ).values_list("report_id", flat=True)
    by_name = Suspect.objects.filter(
        name_key__in=sorted(names), report__in=noticed.values("report_id")
    ).values_list("report_id", flat=True)
    candidates = set(by_identifier) | set(by_name)
    if not candidates:
        return mine, []
    references = dict(Report.objects.filter(pk__in=candidates).values_list("pk", "local_reference"))
    visible = set(visible_reports(user).filter(pk__in=candidates).values_list("pk", flat=True))
    theirs = _suspect_keys(sorted(candidates))
    held = [
        rules.HeldNotice(references[pk], pk in visible, tuple(theirs.get(pk, [])))
        for pk in sorted(candidates, key=lambda pk: references[pk])
    ]
    return mine, held


def time_in_states(report: Report, now: datetime | None = None) -> dict[str, object]:
    """Days in each status so far, and days from receipt to assessment, allocation, outcome."""
    now = now or timezone.now()
    moves = [
        rules.Move(c.transition, c.from_status, c.to_status, c.at)
        for c in report.status_changes.all()
    ]
    spent = rules.time_in_states(report.received_at, moves, now)
    labels = dict(ReportStatus.choices)
    return {
        "states": [
            (labels.get(s, s), round(t.total_seconds() / 86400, 1)) for s, t in spent.items()
        ],
        "milestones": {
            k: (round(v.total_seconds() / 86400, 1) if v is not None else None)
            for k, v in rules.milestones(report.received_at, moves).items()
        },
    }


def preview_letter(user: User, report: Report, kind: str) -> None:
    """A letter was shown to its author (not sent): only the audit log records it."""
    label = LetterKind(kind).label
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "report",
        report.local_reference,
        f"Letter to the victim previewed: {label}",
    )


def record_letter(user: User, report: Report, kind: str) -> Letter:
    """A letter was sent to the victim (a POST, never on opening it): a disclosure of personal
    data, audited; the no-investigation letter stops that deadline's clock."""
    with transaction.atomic():
        letter = Letter.objects.create(
            report=report, kind=kind, produced_at=timezone.now(), produced_by=user
        )
        if kind in rules.FIRST_UPDATE_LETTERS:
            report_deadlines.first_update_given(report)
        if kind == LetterKind.NO_INVESTIGATION:
            triage_services.decision_explained(report)
        report_services.add_log_entry(
            user, report, f"Letter produced: {letter.get_kind_display()}", kind="contact"
        )
        audit.record(
            user,
            AuditAction.DISCLOSURE,
            "report",
            report.local_reference,
            f"Letter to the victim: {letter.get_kind_display()}",
        )
    return letter


def letter_sender(report: Report, user: User) -> "Sender":
    """Who a letter on this report comes from: the case's team and investigator, with their
    contact details; before allocation, the Volume Fraud Team and the officer writing."""
    from . import letters

    case = Case.objects.filter(report=report).select_related("team", "investigator").first()
    if case is not None:
        team, officer = case.team.name, case.investigator
    else:
        vft = Team.objects.filter(kind=TeamKind.VFT).order_by("pk").first()
        team, officer = (vft.name if vft else TeamKind.VFT.label), user
    return letters.Sender(
        team=team,
        officer=str(officer),
        collar_number=officer.collar_number,
        phone=officer.phone,
        email=officer.email,
    )


def letter_sections(report: Report, kind: str, sender: "Sender") -> "list[Section]":
    """The wording of one letter for this report. ValueError when it does not apply yet."""
    from . import letters

    reference = report.local_reference
    if kind == LetterKind.ACKNOWLEDGEMENT:
        return letters.acknowledgement(reference, report_services.nfrc_numbers(report), sender)
    if kind == LetterKind.NO_INVESTIGATION:
        decision = report.supervisor_decisions.filter(
            decision=Recommendation.NO_FURTHER_ACTION
        ).last()
        if decision is None:
            raise ValueError("No decision not to investigate on this report")
        return letters.no_investigation(reference, decision.reason, sender)
    if kind == LetterKind.FINALISATION:
        final = getattr(report, "finalisation", None)
        if final is None:
            raise ValueError("This report has not been finalised")
        return letters.finalisation(reference, final.outcome, final.rationale, sender)
    raise ValueError("No such letter")


def assignee_choices() -> list[tuple[int, str]]:
    """Active people a task can go to, as (id, name) choices."""
    people = User.objects.filter(is_active=True, role__in=CASE_ROLES | {Role.ASSESSOR})
    return [(u.pk, str(u)) for u in people.order_by("last_name", "first_name", "username")]


def task_assignee_default(user: User, case: Case | None) -> int:
    """Who "Assign to" starts on: the investigator when a supervisor sets a task on a case,
    otherwise the officer setting it (assign to me)."""
    if case is not None and user.role in SUPERVISING_ROLES and not case.closed_at:
        return case.investigator_id
    return user.pk


def panel(user: User, report: Report) -> dict[str, object]:
    """What the report page shows of the case, and which actions this user may take now."""
    from .forms import (
        DisruptionForm,
        ReviewForm,
        TaskForm,
        VictimContractForm,
        VictimUpdateForm,
    )

    case = Case.objects.filter(report=report).select_related("investigator", "team").first()
    # The report keeps its case (or that it has none): the page's other parts ask for it.
    Report.case.related.set_cached_value(report, case)
    works = may_work_cases(user)
    letters_allowed = works or user.role == Role.ASSESSOR
    nfa = report.supervisor_decisions.filter(decision=Recommendation.NO_FURTHER_ACTION).exists()
    final = getattr(report, "finalisation", None)
    return {
        "case": case,
        "tasks": report.tasks.select_related("assignee"),
        "disruption": report.disruption_actions.select_related("by"),
        "victim_updates": report.victim_updates.select_related("by"),
        "reviews": case.reviews.select_related("reviewed_by") if case else [],
        "finalisation": final,
        "outcome_label": rules.HOME_OFFICE_OUTCOMES.get(final.outcome) if final else "",
        "time_in_states": time_in_states(report),
        "may_work": works,
        "may_review": case is not None and user.role in SUPERVISING_ROLES and not case.closed_at,
        "may_allocate": report_services.may(user, Transition.ALLOCATE, report),
        "may_finalise": report_services.may(user, Transition.FINALISE, report),
        "task_form": (
            TaskForm(
                assignees=assignee_choices(),
                me=task_assignee_default(user, case),
                prefix="task",
            )
            if works
            else None
        ),
        "disruption_form": DisruptionForm(prefix="disruption") if works else None,
        "contract_form": VictimContractForm(
            prefix="contract", initial={"every_days": case.update_every_days}
        )
        if works and case is not None and not case.closed_at
        else None,
        "update_form": VictimUpdateForm(prefix="update")
        if works or user.role == Role.ASSESSOR
        else None,
        "review_form": ReviewForm(prefix="review"),
        "letters": [
            (k.value, k.label)
            for k in LetterKind
            if letters_allowed
            and (k != LetterKind.NO_INVESTIGATION or nfa)
            and (k != LetterKind.FINALISATION or final is not None)
        ],
        "letters_sent": report.letters.select_related("produced_by"),
    }


# The board's timings read at most this many of the latest moves of each kind (in the last
# `days` days): a statistic over a bounded recent window, not over the whole history.
TIMINGS_WINDOW = 1_000
TIMED_MOVES = {
    Transition.ASSESS: "Receipt to assessment",
    Transition.ALLOCATE: "Receipt to allocation",
    Transition.FINALISE: "Receipt to outcome",
}


def timings(user: User, today: date, days: int = 90) -> list[dict[str, object]]:
    """Days from receipt to assessment, allocation and outcome (§9: time to assess, allocate
    and finalise): for each kind of move, the latest TIMINGS_WINDOW made in the last `days`
    days on reports this user may see, how many there were, the median and where the slowest
    tenth starts.

    Ranked in the database, one query per kind: the window is read from the (transition, at)
    index, and only the one or two moves either side of each quantile come back, with how many
    the window holds; so the board costs the same over any history. No status change is read
    into Python."""
    since = timezone.now() - timedelta(days=days)
    visible = on_visible_reports(user)
    found = []
    for transition, label in TIMED_MOVES.items():
        # The latest moves of this kind, read backwards from the (transition, at) index...
        latest = (
            StatusChange.objects.filter(visible, transition=transition, at__gte=since)
            .annotate(
                taken=ExpressionWrapper(
                    F("at") - F("report__received_at"), output_field=DurationField()
                ),
                move=F("pk"),
            )
            .order_by("-at", "-pk")
            .values_list("taken", "move")[:TIMINGS_WINDOW]
        )
        # ... ranked shortest first over that window alone (standard window functions, the
        # same on both databases); only the ranks either side of each quantile come back.
        sql, params = latest.query.sql_with_params()
        near = " OR ".join("(place > %s * (n - 1) AND place < %s * (n - 1) + 2)" for _ in QUANTILES)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n, place, taken FROM (SELECT taken, COUNT(*) OVER () AS n,"
                " ROW_NUMBER() OVER (ORDER BY taken, move) AS place"
                f" FROM ({sql}) AS latest) AS ranked WHERE {near}",
                (*params, *(q for q in QUANTILES for _ in (1, 2))),
            )
            rows = cursor.fetchall()
        picked = {place: _duration(taken) for _, place, taken in rows}
        count = rows[0][0] if rows else 0
        found.append(
            {
                "label": label,
                "count": count,
                "median": _quantile(picked, count, 0.5),
                "p90": _quantile(picked, count, 0.9),
            }
        )
    return found


def timings_as_of(user: User, today: date) -> tuple[list[dict[str, object]], datetime]:
    """The board's `timings` and when they were worked out: kept for
    FRAUDCASE_BOARD_TIMINGS_SECONDS, for everyone who sees the same reports (the same
    clearance and teams), so a supervisor's every visit does not rank the latest moves again
    (ADR-0177). They are figures over a thousand moves, not a list: a minute or five changes
    them little, and the board says when they are from."""
    seconds = settings.FRAUDCASE_BOARD_TIMINGS_SECONDS
    if seconds <= 0:
        return timings(user, today), timezone.now()
    teams = ",".join(str(t) for t in sorted(team_ids(user)))
    key = f"board-timings:{user.clearance}:{teams}:{today.isoformat()}"
    kept: tuple[list[dict[str, object]], datetime] | None = cache.get(key)
    if kept is None:
        kept = (timings(user, today), timezone.now())
        cache.set(key, kept, seconds)
    return kept


# The quantiles the board shows: the median and where the slowest tenth starts.
QUANTILES = (0.5, 0.9)


def _duration(value: timedelta | int) -> timedelta:
    """A duration as the database gives it: an interval, or microseconds (SQLite)."""
    return value if isinstance(value, timedelta) else timedelta(microseconds=value)


def _quantile(ranked: dict[int, timedelta], count: int, q: float) -> float | None:
    """The q-quantile, in days to one decimal, from the durations at the ranks either side of it
    (linear interpolation)."""
    if not count:
        return None
    position = q * (count - 1)
    low = int(position)
    first = ranked[low + 1]
    value = first + (ranked.get(low + 2, first) - first) * (position - low)
    return round(value.total_seconds() / 86400, 1)
