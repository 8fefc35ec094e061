"""Reads and writes of organised crime groups; the only place that changes their rows.

Need to know (issue 13 item 8): an OCG's reports are read through the reports this user may
see (reports.services.on_visible_reports / visible_reports). A report they may not see is not
in the group's lists, counts, roll-ups, charts or exports, and nothing says it was left out.
Every consultation and change is audited (fraudcase.audit), one transaction per action.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases.models import DisruptionAction, Finalisation
from fraudcase.cases.rules import HOME_OFFICE_OUTCOMES, DisruptionKind
from fraudcase.core import paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.linking import services as linking_services
from fraudcase.linking.models import Series
from fraudcase.reports.enums import ReportStatus
from fraudcase.reports.models import Report
from fraudcase.reports.services import on_visible_reports, visible_reports

from . import rules
from .models import Nominal, OcgEntry, OcgReport, OcgSeries, OrganisedCrimeGroup

# The most reports a chart or spreadsheet of one group holds (an export, not a page).
EXPORT_MOST = paging.COUNT_CAP
# The open groups offered on a series page's "Add to an OCG" (most recently changed first).
CHOICES_MOST = 200


def may_read(user: User) -> bool:
    """Whether this user works OCGs at all (rules.READING_ROLES)."""
    return bool(user.is_authenticated and user.is_active and rules.may_read(user.role))


def may_edit(user: User, ocg: OrganisedCrimeGroup | None = None) -> bool:
    """Whether this user may change groups (an editing role, or this group's lead)."""
    is_lead = ocg is not None and ocg.lead_officer_id == user.pk
    return bool(user.is_authenticated and rules.may_edit(user.role, is_lead=is_lead))


def _record(user: User, action: AuditAction, ocg: OrganisedCrimeGroup, summary: str) -> None:
    audit.record(user, action, "ocg", ocg.reference, summary)


def _require_edit(user: User, ocg: OrganisedCrimeGroup | None = None) -> None:
    if not may_edit(user, ocg):
        raise NotPermitted("Your role may not change organised crime groups")


# ---------------------------------------------------------------- reads


def visible_ocgs(user: User, *, status: str = "") -> QuerySet[OrganisedCrimeGroup]:
    """The groups (every one, to a reading role; none to anyone else), most recently changed
    first, of one status if given."""
    if not may_read(user):
        return OrganisedCrimeGroup.objects.none()
    found = OrganisedCrimeGroup.objects.select_related("lead_officer")
    if status in rules.OcgStatus.values:
        found = found.filter(status=status)
    return found.order_by("-updated_at", "-id")


def reports_seen(user: User, ocg_ids: list[int]) -> dict[int, int]:
    """How many reports of each of these groups this user may see (one query)."""
    return dict(
        OcgReport.objects.filter(on_visible_reports(user), ocg_id__in=ocg_ids)
        .values("ocg_id")
        .annotate(n=Count("report_id"))
        .values_list("ocg_id", "n")
    )


def get_ocg(user: User, reference: str, *, what: str = "Viewed") -> OrganisedCrimeGroup:
    """The group, audited as consulted; Http404 if there is none or the user's role does not
    work OCGs (a record one may not see is not found)."""
    ocg_id = rules.ocg_id_of(reference)
    ocg = (
        visible_ocgs(user).filter(pk=ocg_id).select_related("evaluated_by").first()
        if ocg_id
        else None
    )
    if ocg is None:
        raise Http404("No organised crime group with that reference")
    _record(user, AuditAction.CONSULTATION, ocg, f"{what} OCG {ocg.reference}")
    return ocg


def ocg_reports(user: User, ocg: OrganisedCrimeGroup) -> QuerySet[Report]:
    """The group's reports this user may see, newest first."""
    return (
        visible_reports(user)
        .filter(ocg_links__ocg=ocg)
        .select_related("victim")
        .order_by("-received_at", "-id")
    )


def nominals(ocg: OrganisedCrimeGroup) -> QuerySet[Nominal]:
    """The group's nominals, principals first."""
    return ocg.nominals.all()


def entries(ocg: OrganisedCrimeGroup) -> QuerySet[OcgEntry]:
    """The group's dated entries, newest first."""
    return ocg.entries.select_related("author")


def linked_series(ocg: OrganisedCrimeGroup) -> QuerySet[OcgSeries]:
    """The series linked to the group (a dissolved one keeps its reference)."""
    return ocg.series_links.order_by("reference")


@dataclass
class Rollup:
    """Disruption and outcomes of the group's reports this user may see (DOMAIN.md "Linking"):
    counts by kind and by Home Office outcome, in a fixed number of aggregate queries."""

    reports: int
    total_loss: Decimal
    statuses: list[tuple[str, int]] = field(default_factory=list)
    disruptions: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[tuple[int, str, bool, int]] = field(default_factory=list)

    @property
    def disruption_total(self) -> int:
        return sum(n for _, n in self.disruptions)

    @property
    def positive_outcomes(self) -> int:
        return sum(n for _, _, positive, n in self.outcomes if positive)

    @property
    def finalised(self) -> int:
        return sum(n for *_, n in self.outcomes)


def rollup(user: User, ocg: OrganisedCrimeGroup) -> Rollup:
    """Four aggregate queries whatever the group's size."""
    mine = Q(report__ocg_links__ocg=ocg)
    links = OcgReport.objects.filter(on_visible_reports(user), ocg=ocg)
    figures = links.aggregate(reports=Count("report_id"), total=Sum("report__loss_gbp"))
    statuses = dict(ReportStatus.choices)
    by_status = (
        links.values("report__status").annotate(n=Count("report_id")).order_by("report__status")
    )
    kinds = dict(DisruptionKind.choices)
    disruptions = (
        DisruptionAction.objects.filter(on_visible_reports(user), mine)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    )
    outcomes = (
        Finalisation.objects.filter(on_visible_reports(user), mine)
        .values("outcome", "positive")
        .annotate(n=Count("report_id"))
        .order_by("outcome", "positive")
    )
    return Rollup(
        reports=figures["reports"],
        total_loss=(figures["total"] or Decimal(0)).quantize(Decimal("0.01")),
        statuses=[
            (str(statuses.get(r["report__status"], r["report__status"])), r["n"]) for r in by_status
        ],
        disruptions=[(str(kinds.get(r["kind"], r["kind"])), r["n"]) for r in disruptions],
        outcomes=[
            (r["outcome"], HOME_OFFICE_OUTCOMES.get(r["outcome"], ""), r["positive"], r["n"])
            for r in outcomes
        ],
    )


def report_part(user: User, report: Report) -> list[dict[str, str]]:
    """For the report page (composed by fraudcase.pages): the groups the report is linked to,
    for a role that works OCGs (one query); nothing for anyone else."""
    if not may_read(user):
        return []
    return [
        {"reference": rules.ocg_reference(pk), "name": name}
        for pk, name in OrganisedCrimeGroup.objects.filter(links__report=report)
        .order_by("id")
        .values_list("id", "name")
    ]


def series_part(user: User, series: Series) -> dict[str, Any] | None:
    """For the series page (registered with linking.parts): the groups the series is linked to,
    and, for an editor, creating a group from it or adding it to an open one (two queries)."""
    if not may_read(user):
        return None
    linked = [
        {"reference": rules.ocg_reference(pk), "name": name}
        for pk, name in OrganisedCrimeGroup.objects.filter(series_links__series=series)
        .order_by("id")
        .values_list("id", "name")
    ]
    open_groups: list[dict[str, str]] = []
    if may_edit(user):
        open_groups = [
            {"reference": rules.ocg_reference(pk), "name": name}
            for pk, name in OrganisedCrimeGroup.objects.exclude(status=rules.OcgStatus.ARCHIVED)
            .exclude(series_links__series=series)
            .order_by("-updated_at", "-id")
            .values_list("id", "name")[:CHOICES_MOST]
        ]
    return {
        "template": "ocg/series_part.html",
        "series": series,
        "linked": linked,
        "open_groups": open_groups,
        "may_edit": may_edit(user),
    }


def lead_officers() -> QuerySet[User]:
    """The officers who may lead an OCG's work."""
    return User.objects.filter(is_active=True, role__in=rules.LEAD_ROLES).order_by(
        "last_name", "first_name", "username"
    )


# ---------------------------------------------------------------- writes


def _link_reports(user: User, ocg: OrganisedCrimeGroup, report_ids: list[int]) -> int:
    """Link these reports (already checked visible) to the group; how many were new."""
    held = set(
        OcgReport.objects.filter(ocg=ocg, report_id__in=report_ids).values_list(
            "report_id", flat=True
        )
    )
    new = [r for r in dict.fromkeys(report_ids) if r not in held]
    OcgReport.objects.bulk_create(
        [OcgReport(ocg=ocg, report_id=r, added_by=user) for r in new], batch_size=500
    )
    return len(new)


def _take_series(user: User, ocg: OrganisedCrimeGroup, series: Series) -> int:
    """Link the series and the reports of it this user may see; how many reports were new.
    Reports the user may not see are not taken (they cannot vouch for them); a colleague
    cleared for them adds them from the series page."""
    OcgSeries.objects.get_or_create(
        ocg=ocg, reference=series.reference, defaults={"series": series, "added_by": user}
    )
    report_ids = list(
        linking_services.series_reports(user, series).order_by().values_list("id", flat=True)
    )
    return _link_reports(user, ocg, report_ids)


@transaction.atomic
def create_ocg(
    user: User,
    *,
    name: str,
    description: str = "",
    lead_officer: User | None = None,
    series_reference: str = "",
) -> OrganisedCrimeGroup:
    """A new group (identified), by hand or from a series (it takes the series' reports the
    user may see). Raises NotPermitted, InvalidInput; Http404 for a series the user does not
    see."""
    _require_edit(user)
    if not name.strip():
        raise InvalidInput({"name": "Enter the group's name"})
    if lead_officer is not None and lead_officer.role not in rules.LEAD_ROLES:
        raise InvalidInput({"lead_officer": "Choose an officer who may lead an OCG"})
    series = linking_services.get_series(user, series_reference) if series_reference else None
    ocg = OrganisedCrimeGroup.objects.create(
        name=name.strip(),
        description=description.strip(),
        lead_officer=lead_officer,
        created_by=user,
    )
    taken = _take_series(user, ocg, series) if series is not None else 0
    words = f" from series {series.reference} with {taken} reports" if series else ""
    _record(user, AuditAction.COLLECTION, ocg, f"Created OCG {ocg.reference}{words}")
    return ocg


def _lock(ocg: OrganisedCrimeGroup) -> OrganisedCrimeGroup:
    return OrganisedCrimeGroup.objects.select_for_update().get(pk=ocg.pk)


@transaction.atomic
def update_details(
    user: User,
    ocg: OrganisedCrimeGroup,
    *,
    name: str,
    description: str,
    lead_officer: User | None,
) -> OrganisedCrimeGroup:
    """Change the group's name, description and lead officer."""
    _require_edit(user, ocg)
    if not name.strip():
        raise InvalidInput({"name": "Enter the group's name"})
    if lead_officer is not None and lead_officer.role not in rules.LEAD_ROLES:
        raise InvalidInput({"lead_officer": "Choose an officer who may lead an OCG"})
    ocg = _lock(ocg)
    ocg.name, ocg.description, ocg.lead_officer = name.strip(), description.strip(), lead_officer
    ocg.save(update_fields=["name", "description", "lead_officer", "updated_at"])
    _record(user, AuditAction.ALTERATION, ocg, f"Changed the details of OCG {ocg.reference}")
    return ocg


@transaction.atomic
def add_series(user: User, ocg: OrganisedCrimeGroup, series_reference: str) -> int:
    """Link a series and the reports of it the user may see; how many reports were new."""
    _require_edit(user, ocg)
    series = linking_services.get_series(user, series_reference)
    ocg = _lock(ocg)
    taken = _take_series(user, ocg, series)
    OrganisedCrimeGroup.objects.filter(pk=ocg.pk).update(updated_at=timezone.now())
    _record(
        user,
        AuditAction.COMBINATION,
        ocg,
        f"Linked series {series.reference} ({taken} new reports) to OCG {ocg.reference}",
    )
    return taken


@transaction.atomic
def add_report(user: User, ocg: OrganisedCrimeGroup, local_reference: str) -> Report:
    """Link one report the user may see (InvalidInput for one they may not: it does not exist
    for them)."""
    _require_edit(user, ocg)
    report = visible_reports(user).filter(local_reference=local_reference.strip()).first()
    if report is None:
        raise InvalidInput({"local_reference": "No report with that reference"})
    _link_reports(user, _lock(ocg), [report.pk])
    OrganisedCrimeGroup.objects.filter(pk=ocg.pk).update(updated_at=timezone.now())
    _record(
        user,
        AuditAction.COMBINATION,
        ocg,
        f"Linked report {report.local_reference} to OCG {ocg.reference}",
    )
    return report


@transaction.atomic
def add_nominal(
    user: User,
    ocg: OrganisedCrimeGroup,
    *,
    name: str,
    role: str,
    profession: str = "",
    notes: str = "",
) -> Nominal:
    """Add a nominal (a professional enabler with their profession)."""
    _require_edit(user, ocg)
    problems = rules.nominal_problems(name, role, profession)
    if problems:
        raise InvalidInput(problems)
    nominal = Nominal.objects.create(
        ocg=_lock(ocg),
        name=name.strip(),
        role=role,
        profession=profession.strip() if role == rules.NominalRole.ENABLER else "",
        notes=notes.strip(),
        added_by=user,
    )
    OrganisedCrimeGroup.objects.filter(pk=ocg.pk).update(updated_at=timezone.now())
    _record(
        user,
        AuditAction.COLLECTION,
        ocg,
        f"Added nominal {nominal.pk} ({rules.NominalRole(role).label}) to OCG {ocg.reference}",
    )
    return nominal


@transaction.atomic
def add_entry(user: User, ocg: OrganisedCrimeGroup, *, kind: str, on: date, text: str) -> OcgEntry:
    """Append a dated entry (a meeting decision, a regional tasking or JAG briefing)."""
    _require_edit(user, ocg)
    problems = rules.entry_problems(kind, text)
    if on is None:
        problems["on"] = "Enter the date"
    elif on > timezone.localdate():
        problems["on"] = "The date must be today or in the past"
    if problems:
        raise InvalidInput(problems)
    entry = OcgEntry.objects.create(
        ocg=_lock(ocg), kind=kind, on=on, text=text.strip(), author=user
    )
    OrganisedCrimeGroup.objects.filter(pk=ocg.pk).update(updated_at=timezone.now())
    _record(
        user,
        AuditAction.COLLECTION,
        ocg,
        f"Recorded {rules.EntryKind(kind).label.lower()} on OCG {ocg.reference}",
    )
    return entry


@transaction.atomic
def assess_threat(
    user: User, ocg: OrganisedCrimeGroup, *, level: str, rationale: str, on: date
) -> OrganisedCrimeGroup:
    """Record the threat assessment: level, rationale and date."""
    _require_edit(user, ocg)
    problems = rules.threat_problems(level, rationale)
    if on is None:
        problems["on"] = "Enter the date of the assessment"
    elif on > timezone.localdate():
        problems["on"] = "The date must be today or in the past"
    if problems:
        raise InvalidInput(problems)
    ocg = _lock(ocg)
    ocg.threat_level, ocg.threat_rationale, ocg.threat_assessed_on = level, rationale.strip(), on
    ocg.save(update_fields=["threat_level", "threat_rationale", "threat_assessed_on", "updated_at"])
    _record(
        user,
        AuditAction.ALTERATION,
        ocg,
        f"Assessed OCG {ocg.reference}'s threat as {rules.ThreatLevel(level).label.lower()}",
    )
    return ocg


@transaction.atomic
def change_status(user: User, ocg: OrganisedCrimeGroup, *, status: str, reason: str) -> OcgEntry:
    """Move the group along its lifecycle (rules.TRANSITIONS), the reason kept as a dated
    entry. A conditional UPDATE: if someone moved it first, Conflict and nothing is saved."""
    _require_edit(user, ocg)
    problem = rules.transition_problem(ocg.status, status, evaluated=ocg.evaluated)
    if problem:
        raise InvalidInput({"status": problem})
    if not reason.strip():
        raise InvalidInput({"reason": "Enter why the status changes"})
    moved = OrganisedCrimeGroup.objects.filter(pk=ocg.pk, status=ocg.status).update(
        status=status, updated_at=timezone.now()
    )
    if not moved:
        raise Conflict("The OCG's status was changed by someone else: look again")
    before = rules.OcgStatus(ocg.status).label
    ocg.status = status
    entry = OcgEntry.objects.create(
        ocg=ocg,
        kind=rules.EntryKind.STATUS_CHANGE,
        on=timezone.localdate(),
        text=f"{before} to {rules.OcgStatus(status).label}: {reason.strip()}",
        author=user,
    )
    _record(
        user,
        AuditAction.ALTERATION,
        ocg,
        f"OCG {ocg.reference} {before.lower()} -> {rules.OcgStatus(status).label.lower()}",
    )
    return entry


@transaction.atomic
def record_evaluation(
    user: User, ocg: OrganisedCrimeGroup, *, worked: str, improve: str
) -> OrganisedCrimeGroup:
    """The evaluation at closure (seed 000): what worked and what to improve."""
    _require_edit(user, ocg)
    ocg = _lock(ocg)
    if not rules.may_evaluate(ocg.status):
        raise Conflict("An archived OCG's evaluation is kept as it was")
    problems = rules.evaluation_problems(worked, improve)
    if problems:
        raise InvalidInput(problems)
    ocg.evaluation_worked, ocg.evaluation_improve = worked.strip(), improve.strip()
    ocg.evaluated_at, ocg.evaluated_by = timezone.now(), user
    ocg.save(
        update_fields=[
            "evaluation_worked",
            "evaluation_improve",
            "evaluated_at",
            "evaluated_by",
            "updated_at",
        ]
    )
    _record(user, AuditAction.ALTERATION, ocg, f"Evaluated OCG {ocg.reference}")
    return ocg


def list_rows(user: User, groups: list[OrganisedCrimeGroup]) -> list[dict[str, Any]]:
    """The OCG list as a spreadsheet, audited as a disclosure."""
    seen = reports_seen(user, [g.pk for g in groups])
    audit.record(
        user, AuditAction.DISCLOSURE, "ocg", "list", f"Exported the OCG list ({len(groups)})"
    )
    return [
        {
            "reference": g.reference,
            "name": g.name,
            "status": g.get_status_display(),
            "threat": g.get_threat_level_display() if g.threat_level else "",
            "lead_officer": g.lead_officer.get_full_name() if g.lead_officer else "",
            "reports": seen.get(g.pk, 0),
            "updated": timezone.localtime(g.updated_at).date().isoformat(),
        }
        for g in groups
    ]
