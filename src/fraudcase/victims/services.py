"""Reads and writes for the vulnerability workbench. Every read goes through these getters."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypedDict, cast

import polars as pl
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk, dates
from fraudcase.core.errors import FileRejected, InvalidInput, Problem
from fraudcase.core.tables import (
    DEFAULT_PROFILE,
    apply_profile,
    date_expr,
    nul_problems,
    read_text_table,
)
from fraudcase.jobs.registry import Upload
from fraudcase.reports import services as report_services

from . import rules
from .enums import VictimState
from .models import (
    ActionState,
    BusinessContactPlan,
    EcvcuReferral,
    NextOfKin,
    Partner,
    PartnerReferral,
    RepeatPhrase,
    VictimList,
    VictimListEntry,
    VulnerabilityAction,
)
from .scanning import FINDINGS, OUTPUT_COLUMNS, scan_to_frame

# The workbench's segments (issue "Protect": VS4 to VS1, businesses, referred, under-18s,
# money-mule indicators for diversion under Op Kingpin). The segments the FVO contacts victims
# from leave out those the national ECVCU already covers (WMP ¶63 iii): they are all in the
# "ecvcu" segment, and the weekly lists show them marked "do not contact".
SEGMENTS: dict[str, tuple[str, dict[str, str | bool]]] = {
    "VS4": ("VS4", {"status": "VS4", "ecvcu_referred": False}),
    "VS3": ("VS3", {"status": "VS3", "ecvcu_referred": False}),
    "VS2": ("VS2", {"status": "VS2", "ecvcu_referred": False}),
    "VS1": ("VS1", {"status": "VS1", "ecvcu_referred": False}),
    "business": ("Businesses", {"status": "BUSINESS"}),
    "referred": ("Referred", {"status": "REFERRED"}),
    "under-18": ("Under 18", {"under_18": True, "ecvcu_referred": False}),
    "mule": ("Money mule indicators", {"keywords__contains": "Mule", "ecvcu_referred": False}),
    "ecvcu": ("With the national ECVCU", {"ecvcu_referred": True}),
    "none": ("No vulnerability", {"status": "NONE", "ecvcu_referred": False}),
}


def _check(user: User) -> None:
    if not (user.is_authenticated and user.is_active and rules.may_work_vulnerability(user.role)):
        raise Http404("No such page")


def visible_lists(user: User) -> QuerySet[VictimList]:
    """Every victim list, for a user who works vulnerability; Http404 for anyone else."""
    _check(user)
    return VictimList.objects.all()


def visible_entries(user: User) -> QuerySet[VictimListEntry]:
    """Every victim-list entry, for a user who works vulnerability; for a special or volunteer,
    the victims they hold a task on; Http404 for anyone else."""
    allowed = user.is_authenticated and user.is_active and rules.may_be_assigned(user.role)
    if allowed and not rules.may_work_vulnerability(user.role):
        return VictimListEntry.objects.filter(
            pk__in=VulnerabilityAction.objects.filter(assignee=user).values("entry_id")
        )
    _check(user)
    return VictimListEntry.objects.all()


def get_list(user: User, list_id: int) -> VictimList:
    """One victim list; Http404 if there is none or the user may not see it."""
    victim_list = visible_lists(user).filter(pk=list_id).first()
    if victim_list is None:
        raise Http404("No such list")
    return victim_list


def _find_entry(user: User, entry_id: int) -> VictimListEntry:
    entry = visible_entries(user).select_related("victim_list").filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such victim")
    return entry


def open_entry(
    user: User,
    entry_id: int,
    justification: str = "",
    *,
    purpose: AuditAction = AuditAction.CONSULTATION,
) -> VictimListEntry:
    """One victim-list entry to show, through the gate every list of reports passes
    (reports.services.disclose): when its NFRC is on a restricted report, raises
    JustificationRequired without a justification (the page asks for the reason as for any
    list; the API answers 428); otherwise records the consultation (or disclosure), with the
    reason if restricted."""
    entry = _find_entry(user, entry_id)
    report_services.disclose(
        user,
        report_services.reports_with_nfrc([entry.nfrc]),
        justification,
        listing=entry.nfrc,
        object_type="victim_list_entry",
        action=purpose,
        summary=f"Viewed victim-list entry {entry.nfrc}",
    )
    return entry


def get_entry(user: User, entry_id: int) -> VictimListEntry:
    """An entry to act on (a decision, a referral...); audited as consulted. Showing one goes
    through `open_entry`."""
    entry = _find_entry(user, entry_id)
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "victim_list_entry",
        entry.nfrc,
        f"Viewed victim-list entry {entry.nfrc}",
    )
    return entry


def segment_entries(user: User, victim_list: VictimList, segment: str) -> QuerySet[VictimListEntry]:
    """The list's victims in one workbench segment, each with its `state`; Http404 for an
    unknown segment."""
    if segment not in SEGMENTS:
        raise Http404("No such segment")
    return with_state(visible_entries(user).filter(victim_list=victim_list, **SEGMENTS[segment][1]))


def _tasks(**filters: Any) -> Exists:
    return Exists(VulnerabilityAction.objects.filter(entry=OuterRef("pk"), **filters))


def with_state(entries: QuerySet[VictimListEntry]) -> QuerySet[VictimListEntry]:
    """The entries each annotated with `state` (a VictimState value), worked out in the
    database from the vulnerability log so that it can be filtered on and counted there."""
    return entries.annotate(
        state=Case(
            When(~_tasks(), then=Value(VictimState.NOT_ACTIONED.value)),
            When(
                _tasks(state=ActionState.OPEN, assignee__isnull=True),
                then=Value(VictimState.DECIDED.value),
            ),
            When(
                _tasks(state=ActionState.OPEN) & _tasks(state=ActionState.DONE),
                then=Value(VictimState.CONTACTED.value),
            ),
            When(_tasks(state=ActionState.OPEN), then=Value(VictimState.TASK_SENT.value)),
            default=Value(VictimState.CLOSED.value),
        )
    )


def state_counts(entries: QuerySet[VictimListEntry]) -> dict[str, int]:
    """How many of the entries are in each state (as `with_state` works it out), in two
    queries that never work out a state per entry: the entries are counted from the list's
    index, and only those with something in the vulnerability log (the few acted on, not the
    whole segment) are grouped by what their tasks say; the rest are not yet actioned."""
    total = entries.order_by().count()
    per_entry = (
        VulnerabilityAction.objects.filter(entry__in=entries.order_by().values("pk"))
        .order_by()
        .values("entry_id")
        .annotate(
            waiting=Count("pk", filter=Q(state=ActionState.OPEN, assignee__isnull=True)),
            open=Count("pk", filter=Q(state=ActionState.OPEN)),
            done=Count("pk", filter=Q(state=ActionState.DONE)),
        )
    )
    acted = per_entry.aggregate(
        acted=Count("entry_id"),
        decided=Count("entry_id", filter=Q(waiting__gt=0)),
        contacted=Count("entry_id", filter=Q(waiting=0, open__gt=0, done__gt=0)),
        task_sent=Count("entry_id", filter=Q(waiting=0, open__gt=0, done=0)),
    )
    found = {
        VictimState.NOT_ACTIONED.value: total - acted["acted"],
        VictimState.DECIDED.value: acted["decided"],
        VictimState.CONTACTED.value: acted["contacted"],
        VictimState.TASK_SENT.value: acted["task_sent"],
    }
    open_ = (VictimState.DECIDED, VictimState.CONTACTED, VictimState.TASK_SENT)
    found[VictimState.CLOSED.value] = acted["acted"] - sum(found[s.value] for s in open_)
    return {state.value: found.get(state.value, 0) for state in VictimState}


def search_entries(entries: QuerySet[VictimListEntry], term: str) -> QuerySet[VictimListEntry]:
    """The entries found by NFRC, name or postcode: a postcode district ("LE2") finds that
    district's postcodes only (not LE20's); every word of a name must match."""
    term = " ".join(term.split())
    if not term:
        return entries
    found = Q(nfrc__iexact=term.replace(" ", ""))
    pattern = rules.postcode_regex(term)
    if pattern:
        found |= Q(postcode__iregex=pattern)
    words = Q()
    for word in term.split():
        words &= (
            Q(forename__icontains=word)
            | Q(surname__icontains=word)
            | Q(business_name__icontains=word)
            | Q(nfrc__icontains=word)
        )
    return entries.filter(found | words)


def segment_counts(user: User, victim_list: VictimList) -> dict[str, int]:
    """Victims in each segment of a list, in one query."""
    entries = visible_entries(user).filter(victim_list=victim_list)
    return entries.aggregate(
        **{key: Count("id", filter=Q(**filt)) for key, (_, filt) in SEGMENTS.items()}
    )


def repeat_phrases_in_use() -> tuple[str, ...]:
    """The administrator's active repeat-victim phrases, oldest first, one per spelling.

    Two phrases differing only in case are one phrase (matching ignores case)."""
    phrases: dict[str, str] = {}
    for phrase in RepeatPhrase.objects.filter(active=True).values_list("phrase", flat=True):
        phrases.setdefault(phrase.lower(), phrase)
    return tuple(phrases.values())


def import_victim_list(
    path: Path,
    *,
    user: User,
    profile_name: str = "default",
    original_name: str = "",
    progress: Callable[[str, int], None] | None = None,
) -> tuple[VictimList, int]:
    """Scan and keep a list; returns the list and how many victims were added.

    Rows whose NFRC is already on a list are not added again; a list with nothing new creates
    no list and returns the earlier list that holds its first row. `progress(stage, percent)`
    is told as each stage starts (for the job page).
    """
    _check(user)
    progress = progress or (lambda stage, percent: None)
    progress("Reading and scanning the list", 10)
    result, frame = scan_to_frame(
        path,
        user=user,
        profile_name=profile_name,
        original_name=original_name,
        repeat_phrases=repeat_phrases_in_use(),
    )
    progress(f"Saving {frame.height:,} victims (all or nothing)", 70)
    with transaction.atomic():
        held: set[str] = set()
        for chunk in bulk.chunked(frame["nfrc"].to_list()):
            held.update(
                VictimListEntry.objects.filter(nfrc__in=chunk).values_list("nfrc", flat=True)
            )
        # The list's checks already refused any NFRC on two rows (scanning._problems).
        new = frame.filter(~pl.col("nfrc").is_in(list(held)))
        if new.height == 0:
            return VictimListEntry.objects.get(nfrc=frame["nfrc"][0]).victim_list, 0
        victim_list = VictimList.objects.create(
            filename=(original_name or path.name)[:255],
            uploaded_by=user,
            rows=frame.height,
            added=new.height,
            held_reports_checked=result.held_reports_checked,
            # The scan refused any row without a report date: these are dates.
            first_report_date=cast(date, frame["report_day"].min()),
            last_report_date=cast(date, frame["report_day"].max()),
        )
        stored = new.select(
            pl.lit(victim_list.pk).alias("victim_list"),
            "row",
            "nfrc",
            pl.col("report_day").alias("report_date"),
            "victim_type",
            "forename",
            "surname",
            "business_name",
            pl.col("dob_day").alias("dob"),
            "postcode",
            pl.col("loss").alias("loss_gbp"),
            "referred",
            "fraud_type",
            "contact_method",
            "segment",
            "narrative",
            *FINDINGS[1:],
        )
        bulk.insert_rows(VictimListEntry, stored.columns, stored.iter_rows())
        _mark_ecvcu(VictimListEntry.objects.filter(victim_list=victim_list))
        entries = [
            audit.Entry(
                AuditAction.COLLECTION,
                "victim_list",
                str(victim_list.pk),
                f"Victim list {victim_list.filename}: {new.height} victims added "
                f"of {frame.height} rows",
            )
        ]
        if result.held_reports_checked:
            entries.append(
                audit.Entry(
                    AuditAction.COMBINATION,
                    "victim_list",
                    str(victim_list.pk),
                    "Compared with reports held for repeat victims",
                )
            )
        audit.record_many(user, entries)
    return victim_list, new.height


def entries_frame(entries: QuerySet[VictimListEntry]) -> pl.DataFrame:
    """The entries as a frame for export, dates and amounts as text."""
    # The scan's output columns (with the victim's details) but the fraud type.
    columns = [c for c in OUTPUT_COLUMNS if c != "fraud_type"]
    rows = list(entries.values_list(*columns))
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(pl.col(c).cast(pl.String) for c in ("report_date", "dob", "loss_gbp"))


# ---------------------------------------------------------------- national ECVCU referrals

ECVCU_COLUMNS = ["nfrc", "forename", "surname", "dob", "referred_on"]


def _mark_ecvcu(entries: QuerySet[VictimListEntry]) -> int:
    """Mark, set-based, the entries the national ECVCU has already referred (¶63 iii)."""
    return entries.filter(
        nfrc__in=EcvcuReferral.objects.values("nfrc"), ecvcu_referred=False
    ).update(ecvcu_referred=True)


def import_ecvcu_referrals(path: Path, *, user: User, original_name: str = "") -> tuple[int, int]:
    """Import the national ECVCU's referral list; returns (added, victims now marked).

    The file needs an `nfrc` column; forename, surname, dob and referred_on are kept if given.
    A bad file is rejected whole.
    """
    _check(user)
    frame = apply_profile(
        read_text_table(path, original_name=original_name),
        DEFAULT_PROFILE,
        columns=ECVCU_COLUMNS,
        required={"nfrc"},
    )
    frame = frame.with_columns(
        pl.col("nfrc").str.to_uppercase(),
        date_expr("dob").alias("dob_day"),
        date_expr("referred_on").alias("referred_day"),
    )
    checks = [
        ("nfrc", pl.col("nfrc") == "", pl.lit("NFRC number is missing")),
        (
            "dob",
            (pl.col("dob") != "") & pl.col("dob_day").is_null(),
            pl.format("'{}' is not a real date", pl.col("dob")),
        ),
        (
            "referred_on",
            (pl.col("referred_on") != "") & pl.col("referred_day").is_null(),
            pl.format("'{}' is not a real date", pl.col("referred_on")),
        ),
    ]
    problems = [
        Problem(row, column, problem)
        for column, condition, message in checks
        for row, problem in frame.filter(condition).select("row", message).iter_rows()
    ]
    problems += nul_problems(frame, ECVCU_COLUMNS)
    if problems:
        raise FileRejected(sorted(problems, key=lambda p: p.row))
    with transaction.atomic():
        held: set[str] = set()
        for chunk in bulk.chunked(frame["nfrc"].to_list()):
            held.update(EcvcuReferral.objects.filter(nfrc__in=chunk).values_list("nfrc", flat=True))
        new = frame.filter(~pl.col("nfrc").is_in(list(held))).unique(
            "nfrc", keep="first", maintain_order=True
        )
        EcvcuReferral.objects.bulk_create(
            EcvcuReferral(nfrc=nfrc, forename=fore, surname=sur, dob=dob, referred_on=referred)
            for nfrc, fore, sur, dob, referred in new.select(
                "nfrc", "forename", "surname", "dob_day", "referred_day"
            ).iter_rows()
        )
        marked = _mark_ecvcu(VictimListEntry.objects.all())
        audit.record(
            user,
            AuditAction.COLLECTION,
            "ecvcu_referrals",
            (original_name or path.name)[:100],
            f"{new.height} national ECVCU referrals imported; {marked} local victims marked",
        )
    return new.height, marked


# ---------------------------------------------------------------- weekly lists (WMP ¶63)


class WeeklyLists(TypedDict):
    total: int
    top_individuals: list[VictimListEntry]
    top_businesses: list[VictimListEntry]
    districts: list[tuple[str, int]]  # (district, victims), most first
    under_18: QuerySet[VictimListEntry]  # as many as there are: shown a page at a time


def weekly_lists(user: User, week_start: date, *, top: int = 10) -> WeeklyLists:
    """The week's lists: largest individual losses, top five businesses, districts, under-18s.

    A victim the national ECVCU already covers is shown as such, never as one to contact.
    """
    week = visible_entries(user).filter(
        report_date__gte=week_start, report_date__lt=week_start + timedelta(days=7)
    )
    individuals = week.exclude(status__in=["BUSINESS"]).filter(loss_gbp__isnull=False)
    districts: dict[str, int] = {}
    for postcode in week.values_list("postcode", flat=True):
        district = (postcode or "").split(" ")[0].upper() or "Unknown"
        districts[district] = districts.get(district, 0) + 1
    # Each with its contact plan (¶63 ii), read with it: `entry.contact_plan`.
    businesses = list(
        week.filter(status="BUSINESS", loss_gbp__isnull=False)
        .select_related("contact_plan__updated_by")
        .order_by("-loss_gbp", "nfrc")[:5]
    )
    return {
        "total": week.count(),
        "top_individuals": list(individuals.order_by("-loss_gbp", "nfrc")[:top]),
        "top_businesses": businesses,
        "districts": sorted(districts.items(), key=lambda item: (-item[1], item[0])),
        "under_18": week.filter(under_18=True).order_by("report_date", "nfrc"),
    }


def weekly_shown(lists: WeeklyLists) -> list[str]:
    """The NFRCs of the victims the weekly lists name (the districts are only counts)."""
    named = [*lists["top_individuals"], *lists["top_businesses"], *lists["under_18"]]
    return sorted({entry.nfrc for entry in named})


def get_business(user: User, entry_id: int, *, justification: str | None = None) -> VictimListEntry:
    """A business on a victim list (a contact plan's subject); 404 for anything else. With a
    `justification` (even ""), to be shown: through `open_entry`."""
    if justification is None:
        entry = get_entry(user, entry_id)
    else:
        entry = open_entry(user, entry_id, justification)
    if entry.status != rules.VulnerabilityStatus.BUSINESS:
        raise Http404("No such business")
    return entry


@transaction.atomic
def save_contact_plan(
    user: User,
    entry: VictimListEntry,
    *,
    who: str,
    how: str,
    by_when: date | None,
    status: str = rules.PlanStatus.PLANNED,
    notes: str = "",
) -> BusinessContactPlan:
    """Record or update a business's contact plan (WMP ¶63 ii); audited. Raises InvalidInput."""
    _check(user)
    problems = rules.contact_plan_problems(
        entry.status, who=who, how=how, by_when=by_when, status=status
    )
    if problems:
        raise InvalidInput(problems)
    plan, created = BusinessContactPlan.objects.update_or_create(
        entry=entry,
        defaults={
            "who": who.strip(),
            "how": how,
            "by_when": by_when,
            "status": status,
            "notes": notes.strip(),
            "updated_by": user,
        },
    )
    audit.record(
        user,
        AuditAction.COLLECTION if created else AuditAction.ALTERATION,
        "victim_list_entry",
        entry.nfrc,
        f"Business contact plan {'recorded' if created else 'updated'}: "
        f"{plan.get_how_display()} by {plan.who} by {plan.by_when:%d %b %Y}, "
        f"{plan.get_status_display()}",
    )
    return plan


# ---------------------------------------------------------------- the vulnerability log


def officers(user: User) -> QuerySet[User]:
    """Who can be given a vulnerability task: active Protect officers and supervisors, and
    the specials and volunteers who have an account."""
    _check(user)
    return (
        get_user_model()
        .objects.filter(is_active=True, role__in=sorted(rules.ASSIGNABLE_ROLES))
        .order_by("first_name", "last_name", "username")
    )


def default_assignee(user: User) -> int | None:
    """Who "Assign to" starts at: the signed-in user, when they may be given tasks."""
    return user.pk if rules.may_be_assigned(user.role) else None


DUPLICATE_TASK = "This victim already has an open task ({task}): record its result first"


def _open_task_problem(entry: VictimListEntry) -> str:
    """Why a victim may not get another task: it already has an open one; "" otherwise."""
    task = entry.actions.filter(state=ActionState.OPEN).select_related("assignee").first()
    return DUPLICATE_TASK.format(task=_task_words(task)) if task else ""


def _task_words(task: VulnerabilityAction) -> str:
    who = f"for {task.assignee}" if task.assignee else "not assigned yet"
    return f"{task.get_response_display().lower()}, {who}, due {task.due_on:%-d %B %Y}"


@transaction.atomic
def decide_response(
    user: User,
    entry: VictimListEntry,
    *,
    response: str,
    assignee_id: int,
    no_visit_reason: str = "",
    due_on: date | None = None,
    ecvcu_handover: str = "",
) -> VulnerabilityAction:
    """Decide how a victim is contacted; the task goes to the chosen officer's queue.

    Raises InvalidInput, among others for a victim with the national ECVCU when no agreement
    or hand-over from the national unit is recorded (`ecvcu_handover`, WMP ¶63 iii).
    """
    # Read again: the ECVCU list may have been imported since the page was shown.
    entry.refresh_from_db(fields=["ecvcu_referred"])
    problems = rules.decision_problems(
        entry.status,
        response,
        no_visit_reason,
        with_national_ecvcu=entry.ecvcu_referred,
        ecvcu_handover=ecvcu_handover,
    )
    assignee = officers(user).filter(pk=assignee_id).first()
    if assignee is None:
        problems["assignee"] = "Choose the officer who will make contact"
    if duplicate := _open_task_problem(entry):
        problems["response"] = duplicate
    if problems:
        raise InvalidInput(problems)
    assert assignee is not None  # else a problem was raised
    today = timezone.localdate()
    try:
        with transaction.atomic():
            action = VulnerabilityAction.objects.create(
                entry=entry,
                response=response,
                no_visit_reason=no_visit_reason.strip(),
                ecvcu_handover=ecvcu_handover.strip() if entry.ecvcu_referred else "",
                assignee=assignee,
                due_on=due_on or rules.contact_due(entry.status, today),
                decided_by=user,
            )
    except IntegrityError:
        # Someone else sent a task for this victim a moment ago (one_open_task_per_victim).
        raise InvalidInput({"response": _open_task_problem(entry) or DUPLICATE_TASK}) from None
    audit.record(
        user,
        AuditAction.ALTERATION,
        "victim_list_entry",
        entry.nfrc,
        f"Response decided: {action.get_response_display()} by {assignee}"
        + (
            f"; victim with the national ECVCU, local contact agreed: {action.ecvcu_handover}"
            if action.ecvcu_handover
            else ""
        ),
    )
    return action


@dataclass
class BulkOutcome:
    """What a decision or assignment for a selection did: the victims done, and those refused
    with the reason for each."""

    done: list[VictimListEntry] = field(default_factory=list)
    refused: list[tuple[VictimListEntry, str]] = field(default_factory=list)


def _selected(user: User, entry_ids: Iterable[int]) -> list[VictimListEntry]:
    ids = sorted({int(i) for i in entry_ids})
    if not ids:
        raise InvalidInput({"entries": "Select the victims to act on"})
    return list(visible_entries(user).filter(pk__in=ids).order_by("nfrc"))


BULK_OVERTAKEN = (
    "Another officer sent a task for one of the chosen victims a moment ago: nothing was "
    "decided. Look at the list again and choose again."
)


@transaction.atomic
def decide_many(
    user: User,
    entry_ids: Iterable[int],
    *,
    response: str,
    assignee_id: int | None = None,
    no_visit_reason: str = "",
    due_on: date | None = None,
) -> BulkOutcome:
    """Decide how each selected victim is contacted, the task going to one officer (or to
    nobody yet, to assign later). App. C and the ECVCU rule are checked per victim, as is the
    one open task a victim may have: those refused keep nothing, with the reason; the others
    are decided together, in one transaction, each audited. InvalidInput when the choice
    itself is wrong (no victims, no response, an officer who may not be given tasks)."""
    entries = _selected(user, entry_ids)
    if response not in rules.Response.values:
        raise InvalidInput({"response": "Choose how the victims will be contacted"})
    assignee = None
    if assignee_id:
        assignee = officers(user).filter(pk=assignee_id).first()
        if assignee is None:
            raise InvalidInput({"assignee": "Choose an officer who may be given tasks"})
    busy = set(
        VulnerabilityAction.objects.filter(entry__in=entries, state=ActionState.OPEN).values_list(
            "entry_id", flat=True
        )
    )
    outcome = BulkOutcome()
    today = timezone.localdate()
    actions = []
    for entry in entries:
        problems = rules.decision_problems(
            entry.status, response, no_visit_reason, with_national_ecvcu=entry.ecvcu_referred
        )
        if entry.pk in busy:
            problems = {"response": DUPLICATE_TASK.format(task="decided before")}
        if problems:
            outcome.refused.append((entry, " ".join(problems.values())))
            continue
        outcome.done.append(entry)
        actions.append(
            VulnerabilityAction(
                entry=entry,
                response=response,
                no_visit_reason=no_visit_reason.strip(),
                assignee=assignee,
                due_on=due_on or rules.contact_due(entry.status, today),
                decided_by=user,
            )
        )
    try:
        VulnerabilityAction.objects.bulk_create(actions)
    except IntegrityError:
        # Someone else sent a task for one of these victims a moment ago: nothing is written.
        raise InvalidInput({"response": BULK_OVERTAKEN}) from None
    who = f" by {assignee}" if assignee else ", to be assigned"
    _audit_each(
        user, outcome, f"Response decided for a selection: {rules.Response(response).label}{who}"
    )
    return outcome


def _audit_each(user: User, outcome: BulkOutcome, summary: str) -> None:
    """One alteration in the audit log for each victim a bulk action did."""
    audit.record_many(
        user,
        [
            audit.Entry(AuditAction.ALTERATION, "victim_list_entry", entry.nfrc, summary)
            for entry in outcome.done
        ],
    )


@transaction.atomic
def assign_many(user: User, entry_ids: Iterable[int], *, assignee_id: int | None) -> BulkOutcome:
    """Give the selected victims' open tasks to one officer. A victim with nothing decided,
    or whose decision no longer meets the rules (put with the national ECVCU since, say), is
    refused with the reason; the others are assigned in one transaction, each audited."""
    entries = _selected(user, entry_ids)
    assignee = officers(user).filter(pk=assignee_id).first() if assignee_id else None
    if assignee is None:
        raise InvalidInput({"assignee": "Choose the officer who will make contact"})
    tasks = {
        task.entry_id: task
        for task in VulnerabilityAction.objects.filter(entry__in=entries, state=ActionState.OPEN)
    }
    outcome = BulkOutcome()
    for entry in entries:
        task = tasks.get(entry.pk)
        if task is None:
            outcome.refused.append((entry, "Nothing decided yet: decide the response first"))
            continue
        problems = rules.decision_problems(
            entry.status,
            task.response,
            task.no_visit_reason,
            with_national_ecvcu=entry.ecvcu_referred,
            ecvcu_handover=task.ecvcu_handover,
        )
        if problems:
            outcome.refused.append((entry, " ".join(problems.values())))
            continue
        outcome.done.append(entry)
    VulnerabilityAction.objects.filter(pk__in=[tasks[e.pk].pk for e in outcome.done]).update(
        assignee=assignee
    )
    _audit_each(user, outcome, f"Task assigned to {assignee}")
    return outcome


def get_action(user: User, action_id: int) -> VulnerabilityAction:
    """One vulnerability task on a visible victim; Http404 otherwise."""
    action = (
        VulnerabilityAction.objects.select_related("entry", "assignee")
        .filter(pk=action_id, entry__in=visible_entries(user))
        .first()
    )
    if action is None:
        raise Http404("No such task")
    return action


@transaction.atomic
def record_result(
    user: User,
    action: VulnerabilityAction,
    *,
    done_on: date,
    result: str,
    financial_abuse: bool,
) -> VulnerabilityAction | None:
    """Record what happened. Financial abuse raises a PPN; a VS3 visit gets its follow-up.

    Returns the follow-up task, if one was scheduled.
    """
    if action.state == ActionState.DONE:
        raise InvalidInput({"result": "This task already has its result"})
    if not result.strip():
        raise InvalidInput({"result": "Say what happened"})
    action.state = ActionState.DONE
    action.done_on = done_on
    action.result = result.strip()
    action.financial_abuse = financial_abuse
    action.ppn_raised = financial_abuse
    action.save()
    follow_up = None
    due = (
        None
        if action.is_follow_up
        else rules.follow_up_visit_due(action.entry.status, done_on, action.response)
    )
    if due:
        follow_up = VulnerabilityAction.objects.create(
            entry=action.entry,
            response=action.response,
            is_follow_up=True,
            assignee=action.assignee,
            due_on=due,
            decided_by=user,
        )
    summary = "Contact result recorded" + (
        "; Public Protection Notice raised for financial abuse" if financial_abuse else ""
    )
    audit.record(user, AuditAction.ALTERATION, "victim_list_entry", action.entry.nfrc, summary)
    return follow_up


@transaction.atomic
def refer_to_partner(
    user: User,
    entry: VictimListEntry,
    *,
    partner: str,
    consent: bool,
    other_partner: str = "",
    notes: str = "",
) -> PartnerReferral:
    """Refer a victim to a partner, with consent; InvalidInput names every problem."""
    problems = rules.partner_referral_problems(consent)
    if partner not in Partner.values:
        problems["partner"] = f"'{partner}' is not a partner we refer to"
    if partner == Partner.OTHER and not other_partner.strip():
        problems["other_partner"] = "Name the partner"
    if problems:
        raise InvalidInput(problems)
    referral = PartnerReferral.objects.create(
        entry=entry,
        partner=partner,
        other_partner=other_partner.strip(),
        consent=True,
        notes=notes.strip(),
        referred_by=user,
    )
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "victim_list_entry",
        entry.nfrc,
        f"Referred to {referral.other_partner or referral.get_partner_display()} with consent",
    )
    return referral


@transaction.atomic
# `fields`: the next-of-kin form's cleaned data (name, relationship, phone, contacted_on, notes).
def add_next_of_kin(user: User, entry: VictimListEntry, **fields: Any) -> NextOfKin:
    """Record a victim's next of kin, audited as a collection."""
    kin = NextOfKin.objects.create(entry=entry, recorded_by=user, **fields)
    audit.record(
        user, AuditAction.COLLECTION, "victim_list_entry", entry.nfrc, "Next of kin recorded"
    )
    return kin


def open_tasks(
    user: User, *, assignees: QuerySet[User] | None = None
) -> QuerySet[VulnerabilityAction]:
    """Open visit and contact tasks, soonest due first: the user's own (a task given to someone
    is theirs to see, whatever their role), or, with `assignees`, those of these people, for a
    user who works vulnerability (Http404 for anyone else)."""
    tasks = VulnerabilityAction.objects.filter(state=ActionState.OPEN)
    if assignees is None:
        tasks = tasks.filter(assignee=user)
    else:
        tasks = tasks.filter(assignee__in=assignees, entry__in=visible_entries(user))
    return tasks.select_related("entry", "assignee").order_by("due_on", "id")


def my_tasks(user: User) -> QuerySet[VulnerabilityAction]:
    """The user's open vulnerability tasks, soonest due first."""
    return open_tasks(user)


def log_actions(user: User) -> QuerySet[VulnerabilityAction]:
    """Every decision, task and result on a visible victim: the vulnerability log's page."""
    entries = visible_entries(user)  # Http404 for a role without the log
    actions = VulnerabilityAction.objects.all()
    if not rules.may_work_vulnerability(user.role):
        # Only they see some victims and not others: no IN over every victim for the rest.
        actions = actions.filter(entry__in=entries)
    return actions.select_related("entry", "assignee", "decided_by")


LOG_COLUMNS = [
    "nfrc",
    "victim",
    "status",
    "record",
    "on",
    "response",
    "follow_up",
    "no_visit_reason",
    "national_ecvcu_agreement",
    "assignee",
    "due_on",
    "state",
    "done_on",
    "result",
    "ppn_raised",
    "by",
    "partner",
    "consent",
    "next_of_kin",
    "relationship",
    "phone",
    "notes",
]


def _log_row(
    entry: VictimListEntry, record: str, on: date | None, by: object, **cells: str
) -> dict[str, str]:
    row = dict.fromkeys(LOG_COLUMNS, "")
    row.update(
        nfrc=entry.nfrc,
        victim=entry.display_name,
        status=entry.status,
        record=record,
        on=on.isoformat() if on else "",
        by=str(by or ""),
        **cells,
    )
    return row


def vulnerability_log_frame(user: User) -> pl.DataFrame:
    """The vulnerability log as one table for export: every decision, task and result, every
    partner referral and every next of kin recorded, a row each (`record` says which), by
    victim then date. Three queries, whatever its length."""
    entries = visible_entries(user)
    rows = [
        _log_row(
            a.entry,
            "Follow-up task" if a.is_follow_up else "Decision and task",
            a.decided_at.date(),
            a.decided_by,
            response=a.get_response_display(),
            follow_up="yes" if a.is_follow_up else "",
            no_visit_reason=a.no_visit_reason,
            national_ecvcu_agreement=a.ecvcu_handover,
            assignee=str(a.assignee or ""),
            due_on=a.due_on.isoformat(),
            state=a.get_state_display(),
            done_on=a.done_on.isoformat() if a.done_on else "",
            result=a.result,
            ppn_raised="yes" if a.ppn_raised else "",
        )
        for a in log_actions(user)
    ]
    rows += [
        _log_row(
            r.entry,
            "Partner referral",
            r.referred_at.date(),
            r.referred_by,
            partner=r.other_partner or r.get_partner_display(),
            consent="yes" if r.consent else "",
            notes=r.notes,
        )
        for r in PartnerReferral.objects.filter(entry__in=entries).select_related(
            "entry", "referred_by"
        )
    ]
    rows += [
        _log_row(
            k.entry,
            "Next of kin",
            k.contacted_on,
            k.recorded_by,
            next_of_kin=k.name,
            relationship=k.relationship,
            phone=k.phone,
            notes=k.notes,
        )
        for k in NextOfKin.objects.filter(entry__in=entries).select_related("entry", "recorded_by")
    ]
    rows.sort(key=lambda row: (row["nfrc"], row["on"], row["record"]))
    return pl.DataFrame(rows, schema=dict.fromkeys(LOG_COLUMNS, pl.String), orient="row")


def run_import_job(upload: Upload) -> dict[str, object]:
    """The background job behind the workbench's upload (fraudcase.jobs)."""
    victim_list, added = import_victim_list(
        upload.path,
        user=upload.user,
        profile_name=upload.profile,
        original_name=upload.filename,
        progress=upload.progress,
    )
    message = (
        f"{added} victims added from {victim_list.rows} rows."
        if added
        else "Nothing new: every victim on this list was already imported."
    )
    return {"list_id": victim_list.pk, "rows": victim_list.rows, "added": added, "message": message}


# ---------------------------------------------------------------- the Protect figures' victims


# The figures of the performance pack's Protect measure (performance.victim_measures.protect),
# each with the rows it counts: victims on the lists by the date of their report, the visits
# and contacts by their due date, the partner referrals by when they were made.
PROTECT_FIGURES = {
    "under_18": "Victims under 18",
    "ecvcu_referred": "Referred by the ECVCU",
    "visits_due": "Visits and contacts due",
    "visits_done": "Visits and contacts done",
    "partners": "Partner referrals",
}


def protect_figure_label(figure: str) -> str:
    """What a Protect figure counts, for the page's heading; "" for no such figure."""
    if figure.startswith("status:") and figure[7:] in rules.VulnerabilityStatus.values:
        return f"Victims: {figure[7:]}"
    return PROTECT_FIGURES.get(figure, "")


def protect_rows(user: User, start: date, end: date, figure: str) -> QuerySet[Any] | None:
    """The rows one Protect figure counts from `start` to `end` (the day after the last): the
    victims (entries), or for visits their actions and for partners their referrals, each with
    its victim. Only what the user may see (`visible_entries`: Http404 for a role that does not
    work vulnerability); None for no such figure."""
    entries = visible_entries(user)
    if figure.startswith("status:") or figure in ("under_18", "ecvcu_referred"):
        if not protect_figure_label(figure):
            return None
        found = entries.filter(report_date__gte=start, report_date__lt=end)
        if figure.startswith("status:"):
            return found.filter(status=figure[7:])
        return found.filter(**{figure: True})
    if figure in ("visits_due", "visits_done"):
        actions = VulnerabilityAction.objects.filter(
            entry__in=entries, due_on__gte=start, due_on__lt=end
        ).select_related("entry")
        return actions.filter(state=ActionState.DONE) if figure == "visits_done" else actions
    if figure == "partners":
        return PartnerReferral.objects.filter(
            entry__in=entries,
            referred_at__gte=dates.start_of(start),
            referred_at__lt=dates.start_of(end),
        ).select_related("entry")
    return None
