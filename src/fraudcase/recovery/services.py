"""Reads and writes for accreditations, the registers and the App. E assessments.

Every read of an entry starts from `visible_entries`: the registers' roles (rules.REGISTER_ROLES)
see the entries on the reports they may see, an officer the entries given to them on those
reports; for anyone else an entry does not exist (404, absent from lists, exports, deadlines).
An assessment of a SAR exists only for those who may see the SAR (finance.services.visible_sars).
Each write is one transaction, audited; each consultation is audited.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases import clocks
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.finance import services as finance
from fraudcase.finance.models import Sar
from fraudcase.ocg import rules as ocg_rules
from fraudcase.ocg.models import OrganisedCrimeGroup
from fraudcase.reports.models import Report
from fraudcase.reports.services import on_visible_reports, visible_reports
from fraudcase.triage import rules as triage_rules

from . import rules
from .models import EntryStep, FinancialAssessment, OfficerAccreditation, RegisterEntry, StepKind

AUDITED = "recovery_entry"
TEXT_FIELDS = frozenset(
    {"subject", "notes", "court", "below_minimum_reason", "pursuit_reason", "conditions", "reason"}
)
ACCREDITATION_AUDITED = "accreditation"
ASSESSMENT_AUDITED = "financial_assessment"


def law() -> rules.Law:
    """The statutory periods in force: rules.LAW with the setting RECOVERY_LAW's overrides."""
    return rules.law_from(getattr(settings, "RECOVERY_LAW", None))


def may_keep(user: User) -> bool:
    """Whether the user keeps the registers (rules.REGISTER_ROLES)."""
    return user.is_authenticated and user.is_active and rules.may_keep_registers(user.role)


def may_open(user: User) -> bool:
    """Whether the registers' pages exist for this user: the registers' roles, or an officer
    given an entry."""
    return may_keep(user) or (
        user.is_authenticated and RegisterEntry.objects.filter(officer=user).exists()
    )


# ---------------------------------------------------------------- accreditation (§8)


def may_manage_accreditation(user: User) -> bool:
    """Whether the user records and reads every officer's accreditations."""
    return user.is_authenticated and user.is_active and rules.may_manage_accreditation(user.role)


def current_accreditations(officer_ids: list[int], on: date) -> dict[int, set[str]]:
    """Each officer's accreditations held on `on` ({user id: {kind}}), in one query."""
    held: dict[int, set[str]] = {i: set() for i in officer_ids}
    for officer_id, kind in (
        OfficerAccreditation.objects.filter(officer_id__in=officer_ids, awarded_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values_list("officer_id", "kind")
    ):
        held[officer_id].add(kind)
    return held


def accredited_officers(kind: str, on: date) -> QuerySet[User]:
    """The active users who may be given an entry of `kind` on `on` (all active users when the
    kind needs no accreditation)."""
    needed = rules.required_for(kind)
    users = User.objects.filter(is_active=True)
    if not needed:
        return users.order_by("username")
    held = (
        OfficerAccreditation.objects.filter(kind__in=needed, awarded_on__lte=on)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .values("officer_id")
    )
    return users.filter(pk__in=held).order_by("username")


def officer_problem(kind: str, officer: User | None, on: date) -> str:
    """Why `officer` may not be given an entry of `kind` on `on` (§8); "" when they may."""
    if officer is None:
        return "Choose the accredited officer" if rules.required_for(kind) else ""
    if not officer.is_active:
        return "This officer's account is not active"
    held = current_accreditations([officer.pk], on)[officer.pk]
    return rules.officer_problem(kind, held)


def accreditations(user: User) -> QuerySet[OfficerAccreditation]:
    """Every officer's accreditations for those who manage them, else only the user's own."""
    found = OfficerAccreditation.objects.select_related("officer")
    if may_manage_accreditation(user):
        return found
    return found.filter(officer=user) if user.is_authenticated else found.none()


def expiring_accreditations(user: User, today: date) -> QuerySet[OfficerAccreditation]:
    """Accreditations still held that expire within the notice period (90 days), soonest first:
    the manager's list (§8)."""
    if not may_manage_accreditation(user):
        raise Http404("No such page")
    ahead = today + timedelta(days=law().accreditation_notice_days)
    return (
        OfficerAccreditation.objects.filter(
            expires_on__gte=today, expires_on__lte=ahead, withdrawn_on__isnull=True
        )
        .select_related("officer")
        .order_by("expires_on", "pk")
    )


@transaction.atomic
def record_accreditation(
    user: User,
    *,
    officer: User,
    kind: str,
    awarded_on: date,
    expires_on: date | None,
    reference: str = "",
) -> OfficerAccreditation:
    """Record an officer's accreditation (§8)."""
    if not may_manage_accreditation(user):
        raise NotPermitted("Only the ECU manager and the financial intelligence team record these")
    problems = rules.accreditation_problems(
        awarded_on=awarded_on, expires_on=expires_on, today=timezone.localdate()
    )
    if kind not in rules.Accreditation.values:
        problems["kind"] = "Select the accreditation"
    if problems:
        raise InvalidInput(problems)
    made = OfficerAccreditation.objects.create(
        officer=officer,
        kind=kind,
        awarded_on=awarded_on,
        expires_on=expires_on,
        reference=reference.strip(),
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    audit.record(
        user,
        AuditAction.COLLECTION,
        ACCREDITATION_AUDITED,
        str(made.pk),
        f"Recorded {rules.Accreditation(kind).label} accreditation of {officer.username}",
    )
    return made


@transaction.atomic
def withdraw_accreditation(user: User, pk: int, *, on: date) -> OfficerAccreditation:
    """Record that an accreditation no longer holds from `on`."""
    if not may_manage_accreditation(user):
        raise Http404("No such accreditation")
    found = OfficerAccreditation.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such accreditation")
    found.withdrawn_on = on
    found.save(update_fields=["withdrawn_on"])
    audit.record(
        user, AuditAction.ALTERATION, ACCREDITATION_AUDITED, str(pk), "Accreditation withdrawn"
    )
    return found


# ---------------------------------------------------------------- the registers


def visible_entries(user: User) -> QuerySet[RegisterEntry]:
    """The entries this user may see: on reports the user may see, and (for anyone outside the
    registers' roles) given to the user."""
    if not user.is_authenticated or not user.is_active:
        return RegisterEntry.objects.none()
    found = RegisterEntry.objects.filter(on_visible_reports(user))
    if may_keep(user):
        return found
    return found.filter(officer=user)


def filtered_entries(user: User, *, kind: str = "", status: str = "") -> QuerySet[RegisterEntry]:
    """The user's visible entries of one register, filtered by status."""
    found = visible_entries(user).select_related("report", "officer", "ocg")
    if kind:
        found = found.filter(kind=kind)
    if status in rules.Status.values:
        found = found.filter(status=status)
    return found


def get_entry(user: User, pk: int, *, kind: str = "", what: str = "Viewed") -> RegisterEntry:
    """One entry, audited as consulted; Http404 when the user may not see it."""
    found = visible_entries(user).select_related("report", "officer", "ocg", "recorded_by")
    entry = found.filter(pk=pk, **({"kind": kind} if kind else {})).first()
    if entry is None:
        raise Http404("No such entry")
    audit.record(
        user,
        AuditAction.CONSULTATION,
        AUDITED,
        str(entry.pk),
        f"{what} {rules.SHORT[rules.EntryKind(entry.kind)].lower()} entry {entry.pk}",
    )
    return entry


def may_edit(user: User, entry: RegisterEntry | None = None) -> bool:
    """The registers' roles change any entry they see; an officer the entries given to them."""
    return may_keep(user) or (entry is not None and entry.officer_id == user.pk)


def steps(entry: RegisterEntry) -> list[EntryStep]:
    """What happened to the entry, in order."""
    return list(entry.steps.select_related("recorded_by"))


def _report(user: User, reference: str) -> Report | None:
    return visible_reports(user).filter(local_reference=reference.strip()).first()


def _ocg(user: User, reference: str) -> OrganisedCrimeGroup | None:
    if not reference.strip():
        return None
    pk = ocg_rules.ocg_id_of(reference.strip().upper())
    if pk is None or not ocg_rules.may_read(user.role):
        return None
    return OrganisedCrimeGroup.objects.filter(pk=pk).first()


def _values_for(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the kind uses, with amounts parsed (InvalidInput on a bad amount)."""
    wanted = set(rules.FIELDS[kind]) | {"status", "subject", "notes"}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in wanted:
        value = data.get(name)
        if name.endswith("_gbp"):
            try:
                value = rules.parse_amount(str(value or ""))
            except ValueError:
                problems[name] = "Enter an amount in pounds, like 1250.00"
                value = None
        elif isinstance(value, str):
            value = value.strip()
        elif name == "pursued":
            value = bool(value)
        values[name] = value
    if problems:
        raise InvalidInput(problems)
    return values


def _stamp(entry: RegisterEntry) -> None:
    due = rules.next_due(entry.kind, vars(entry), law=law())
    entry.due_on = due.on if due else None
    entry.due_what = due.what[:200] if due else ""


@transaction.atomic
def save_entry(
    user: User, kind: str, data: dict[str, Any], *, pk: int | None = None
) -> RegisterEntry:
    """Record an entry of `kind` (or change entry `pk`): the report (and OCG) by reference, the
    officer by user id, the kind's fields. Refused (InvalidInput) when the officer holds no
    current accreditation the power needs (§8), or the law's thresholds are not met."""
    if kind not in rules.EntryKind.values:
        raise Http404("No such register")
    entry = None
    if pk is not None:
        entry = visible_entries(user).select_for_update().filter(pk=pk, kind=kind).first()
        if entry is None:
            raise Http404("No such entry")
        if not may_edit(user, entry):
            raise Http404("No such entry")
    elif not may_keep(user):
        raise NotPermitted("Only the financial intelligence team records register entries")
    today = timezone.localdate()
    values = _values_for(kind, data)
    problems = rules.entry_problems(kind, values, today=today, law=law())
    report = _report(user, str(data.get("report", "")))
    if report is None:
        problems["report"] = "Enter the local reference of a report you may see"
    ocg_ref = str(data.get("ocg", "") or "")
    found_ocg = _ocg(user, ocg_ref)
    if ocg_ref.strip() and found_ocg is None:
        problems["ocg"] = "No organised crime group you may see has this reference"
    if not (values.get("subject") or "").strip():
        problems["subject"] = "Enter who the entry is about"
    officer = data.get("officer")
    if officer is not None and not isinstance(officer, User):
        officer = User.objects.filter(pk=officer).first()
    if problem := officer_problem(kind, officer, today):
        problems["officer"] = problem
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    if entry is None:
        entry = RegisterEntry(kind=kind, recorded_by=user, recorded_at=now)
    for name, value in values.items():
        setattr(entry, name, "" if value is None and name in TEXT_FIELDS else value)
    assert report is not None  # a missing report is a problem raised above
    entry.report = report
    entry.ocg = found_ocg
    entry.officer = officer
    entry.updated_at = now
    _stamp(entry)
    entry.save()
    audit.record(
        user,
        AuditAction.ALTERATION if pk else AuditAction.COLLECTION,
        AUDITED,
        str(entry.pk),
        f"{'Changed' if pk else 'Recorded'} {rules.SHORT[rules.EntryKind(kind)].lower()} entry "
        f"{entry.pk} on {report.local_reference}"[:500],
    )
    return entry


# Which steps each kind takes.
STEPS: dict[str, tuple[str, ...]] = {
    rules.EntryKind.CASH: (StepKind.EXTENSION, StepKind.NOTE),
    rules.EntryKind.CRYPTO: (StepKind.EXTENSION, StepKind.NOTE),
    rules.EntryKind.RESTRAINT: (StepKind.VARIATION, StepKind.DISCHARGE, StepKind.NOTE),
    rules.EntryKind.CONFISCATION: (StepKind.PAYMENT, StepKind.ENFORCEMENT, StepKind.NOTE),
    **{k.value: (StepKind.BREACH, StepKind.NOTE) for k in rules.ANCILLARY},
}


@transaction.atomic
def add_step(
    user: User,
    pk: int,
    *,
    kind: str,
    on: date,
    amount: str = "",
    until: date | None = None,
    court: str = "",
    text: str = "",
) -> EntryStep:
    """Record what happened to an entry: a court's further detention (POCA s.295(2), checked
    against 6 months a time and 2 years in all), a variation or discharge of a restraint order,
    a confiscation payment (the amount paid and outstanding follow), enforcement, a breach."""
    entry = visible_entries(user).select_for_update().filter(pk=pk).first()
    if entry is None or not may_edit(user, entry):
        raise Http404("No such entry")
    if kind not in STEPS.get(entry.kind, (StepKind.NOTE,)):
        raise InvalidInput({"kind": "Select what happened"})
    today = timezone.localdate()
    problems: dict[str, str] = {}
    if on > today:
        problems["on"] = "The date must be today or in the past"
    try:
        money = rules.parse_amount(amount)
    except ValueError:
        problems["amount"] = "Enter an amount in pounds, like 1250.00"
        money = None
    if kind == StepKind.EXTENSION:
        if entry.seized_on is None:
            raise Conflict("Nothing was seized on this entry")
        current = entry.detained_until or rules.initial_detention_ends(entry.seized_on, law())
        if until is None:
            problems["until"] = "Enter the day the further detention ends"
        else:
            problems.update(
                {
                    {"granted_on": "on", "extended_to": "until"}[k]: v
                    for k, v in rules.extension_problems(
                        current_end=current,
                        first_order_on=entry.first_order_on or on,
                        granted_on=on,
                        extended_to=until,
                        today=today,
                        law=law(),
                    ).items()
                }
            )
        if not court.strip():
            problems["court"] = "Enter the magistrates' court"
    if kind == StepKind.PAYMENT and (money is None or money <= 0):
        problems["amount"] = "Enter the amount paid"
    if (
        kind in (StepKind.BREACH, StepKind.NOTE, StepKind.VARIATION, StepKind.ENFORCEMENT)
        and not text.strip()
    ):
        problems["text"] = "Enter what happened"
    if problems:
        raise InvalidInput(problems)
    step = EntryStep.objects.create(
        entry=entry,
        kind=kind,
        on=on,
        amount_gbp=money,  # type: ignore[misc]  # a nullable field
        until=until,
        court=court.strip(),
        text=text.strip(),
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    if kind == StepKind.EXTENSION:
        entry.first_order_on = entry.first_order_on or on
        entry.detained_until = until
    elif kind == StepKind.PAYMENT:
        entry.paid_gbp = entry.steps.filter(kind=StepKind.PAYMENT).aggregate(s=Sum("amount_gbp"))[
            "s"
        ] or Decimal(0)
        if entry.order_gbp is not None and entry.paid_gbp >= entry.order_gbp:
            entry.status = rules.Status.SATISFIED
    elif kind == StepKind.ENFORCEMENT:
        entry.status = rules.Status.ENFORCEMENT
    elif kind == StepKind.DISCHARGE:
        entry.status = rules.Status.DISCHARGED
    elif kind == StepKind.VARIATION:
        entry.status = rules.Status.VARIED
    elif kind == StepKind.BREACH:
        entry.status = rules.Status.BREACHED
        entry.breached_on = on
    entry.updated_at = timezone.now()
    _stamp(entry)
    entry.save()
    audit.record(
        user,
        AuditAction.ALTERATION,
        AUDITED,
        str(entry.pk),
        f"{StepKind(kind).label} recorded on entry {entry.pk}",
    )
    return step


def audit_list(user: User, ids: list[int], *, disclosure: bool = False) -> None:
    """Record the entries a page showed (or an export copied out)."""
    if ids:
        audit.record(
            user,
            AuditAction.DISCLOSURE if disclosure else AuditAction.CONSULTATION,
            AUDITED,
            "list",
            (
                ("Exported" if disclosure else "Listed")
                + " register entries "
                + ", ".join(str(i) for i in ids)
            )[:500],
        )


def export_rows(entries: list[RegisterEntry]) -> list[dict[str, Any]]:
    """One row an entry, every column a string, for csv and xlsx."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    rows = []
    for e in entries:
        rows.append(
            {
                "id": str(e.pk),
                "register": rules.SHORT[rules.EntryKind(e.kind)],
                "report": e.report.local_reference,
                "ocg": ocg_rules.ocg_reference(e.ocg_id) if e.ocg_id else "",
                "subject": e.subject,
                "officer": e.officer.username if e.officer else "",
                "status": rules.Status(e.status).label,
                "court": e.court,
                **{
                    name: text(getattr(e, name))
                    for name in (
                        "seized_on",
                        "applied_on",
                        "granted_on",
                        "served_on",
                        "response_due",
                        "received_on",
                        "expires_on",
                        "detained_until",
                        "amount_gbp",
                        "benefit_gbp",
                        "available_gbp",
                        "order_gbp",
                        "pay_by",
                        "paid_gbp",
                        "outstanding_gbp",
                        "compensation_gbp",
                        "pursuit_reason",
                        "conditions",
                        "reason",
                        "due_on",
                    )
                },
                "due_what": e.due_what,
            }
        )
    return rows


def report_part(user: User, report: Report) -> dict[str, Any]:
    """What the report page shows: the entries on it the user may see and its assessments
    (those who may see the report see its assessments), each a link."""
    entries = list(visible_entries(user).filter(report=report).order_by("-recorded_at")[:20])
    # The caller opened the report (get_report), and whoever may see a report sees its
    # assessments: no second visibility check (an OR of two subqueries) is needed.
    assessments = list(_assessments().filter(report=report).order_by("-pk")[:10])
    return {
        "entries": entries,
        "assessments": assessments,
        "may_assess": may_keep(user),
    }


# ---------------------------------------------------------------- the App. E assessment


def visible_assessments(user: User) -> QuerySet[FinancialAssessment]:
    """Assessments of the reports the user may see, and of the SARs the user may see."""
    if not user.is_authenticated or not user.is_active:
        return FinancialAssessment.objects.none()
    return _assessments().filter(
        Q(report__in=visible_reports(user)) | Q(sar__in=finance.visible_sars(user))
    )


def _assessments() -> QuerySet[FinancialAssessment]:
    """Assessments with what their rows show, before any access check."""
    return FinancialAssessment.objects.select_related(
        "report", "sar", "allocated_to", "assessed_by"
    )


def get_assessment(user: User, pk: int) -> FinancialAssessment:
    """One assessment, audited as consulted; Http404 when the user may not see its subject."""
    found = visible_assessments(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such assessment")
    audit.record(
        user, AuditAction.CONSULTATION, ASSESSMENT_AUDITED, str(pk), f"Viewed assessment {pk}"
    )
    return found


def subject_of(user: User, *, report: str = "", sar: str = "") -> Report | Sar:
    """The report or SAR an assessment is about; Http404 when the user may not see it."""
    found: Report | Sar | None
    if report:
        found = _report(user, report)
    else:
        found = finance.visible_sars(user).filter(ukfiu_reference=sar.strip()).first()
    if found is None:
        raise Http404("No such report or SAR")
    return found


@transaction.atomic
def record_assessment(
    user: User,
    subject: Report | Sar,
    *,
    factors: dict[str, dict[str, Any]],
    recommendation: str,
    rationale: str,
    non_acceptance: str,
    allocated_to: User | None,
) -> FinancialAssessment:
    """Record an App. E assessment of a report or SAR the user may see, allocated to an
    accredited financial investigator (§8)."""
    if not may_keep(user):
        raise NotPermitted("Only the financial intelligence team assesses")
    today = timezone.localdate()
    problems = rules.assessment_problems(
        factors={k: bool(v.get("yes")) for k, v in factors.items()},
        recommendation=recommendation,
        rationale=rationale,
        non_acceptance=non_acceptance,
    )
    if allocated_to is not None and (problem := officer_problem("assessment", allocated_to, today)):
        problems["allocated_to"] = problem
    if recommendation not in ("", rules.Recommendation.NONE) and allocated_to is None:
        problems["allocated_to"] = "Choose the financial investigator to allocate it to"
    if problems:
        raise InvalidInput(problems)
    made = FinancialAssessment.objects.create(
        report=subject if isinstance(subject, Report) else None,
        sar=subject if isinstance(subject, Sar) else None,
        factors={
            f: {
                "yes": bool(factors[f].get("yes")),
                "comment": str(factors[f].get("comment", ""))[:500],
            }
            for f in rules.Factor.values
        },
        recommendation=recommendation,
        rationale=rationale.strip(),
        non_acceptance=non_acceptance.strip(),
        allocated_to=allocated_to,
        assessed_by=user,
        assessed_on=today,
        recorded_at=timezone.now(),
    )
    audit.record(
        user,
        AuditAction.COLLECTION,
        ASSESSMENT_AUDITED,
        str(made.pk),
        f"Financial crime assessment {made.pk}: {rules.Recommendation(recommendation).label}",
    )
    return made


# ---------------------------------------------------------------- the clock


def owed(user: User, scope: str, today: date) -> QuerySet[RegisterEntry]:
    """Entries whose next deadline is by today. The registers' roles own them as a team; an
    officer owns those given to them."""
    found = visible_entries(user).filter(due_on__lte=today)
    if scope == clocks.MINE and not may_keep(user):
        found = found.filter(officer=user)
    return found.select_related("report__victim", "officer")


def _item(entry: RegisterEntry, today: date) -> clocks.DueItem:
    assert entry.due_on is not None  # an owed entry has its due date
    return clocks.DueItem(
        f"{rules.SHORT[rules.EntryKind(entry.kind)]}: {entry.due_what}",
        entry.report.local_reference,
        entry.subject,
        entry.due_on,
        triage_rules.deadline_state(entry.due_on, today),
        str(entry.officer) if entry.officer else "Financial intelligence team",
        reverse("recovery-entry", kwargs={"register": entry.kind, "entry_pk": entry.pk}),
    )


def restamp() -> int:
    """Re-date the initial detention of seizures still in their first 48 hours (working days
    move when bank holidays are announced), one UPDATE a seizure date."""
    first = RegisterEntry.objects.filter(
        kind__in=[rules.EntryKind.CASH, rules.EntryKind.CRYPTO],
        status=rules.Status.DETAINED,
        detained_until__isnull=True,
        seized_on__isnull=False,
    )
    moved = 0
    for seized_on in first.values_list("seized_on", flat=True).distinct().order_by():
        assert seized_on is not None  # filtered above
        ends = rules.initial_detention_ends(seized_on, law())
        moved += first.filter(seized_on=seized_on).exclude(due_on=ends).update(due_on=ends)
    return moved


RECOVERY_CLOCK = clocks.Kind(
    "recovery",
    "Asset recovery and ancillary orders",
    owed,
    "due_on",
    "report__local_reference",
    _item,
    restamp=restamp,
)


# ---------------------------------------------------------------- performance figures


def figures(user: User | None, start: date, end: date) -> dict[str, Any]:
    """The performance pack's asset recovery figures between `start` and `end` (inclusive),
    over the entries the user may see (None: the whole unit, for the pack): restraint orders
    granted, assets traced (benefit and available amounts of confiscation entries), amounts
    confiscated (orders made) and recovered (payments, forfeitures). Four aggregate queries."""
    seen = RegisterEntry.objects.all() if user is None else visible_entries(user)
    k = rules.EntryKind
    granted = seen.filter(granted_on__gte=start, granted_on__lte=end)
    money = Decimal(0)
    restraints = granted.filter(kind=k.RESTRAINT).count()
    traced = granted.filter(kind=k.CONFISCATION).aggregate(
        b=Sum("benefit_gbp"), a=Sum("available_gbp"), o=Sum("order_gbp")
    )
    paid = EntryStep.objects.filter(
        entry__in=seen, kind=StepKind.PAYMENT, on__gte=start, on__lte=end
    ).aggregate(s=Sum("amount_gbp"))["s"]
    forfeited = seen.filter(
        kind__in=[k.CASH, k.CRYPTO, k.AFO],
        status=rules.Status.FORFEITED,
        updated_at__date__gte=start,
        updated_at__date__lte=end,
    ).aggregate(s=Sum("amount_gbp"))["s"]
    return {
        "restraint_orders": restraints,
        "assets_traced_gbp": traced["a"] or money,
        "benefit_gbp": traced["b"] or money,
        "confiscated_gbp": traced["o"] or money,
        "recovered_gbp": (paid or money) + (forfeited or money),
    }
