"""Reads of series for the pages, and the administrators' decisions on identifiers.

Every read starts from the reports this user may see (reports.services.on_visible_reports):
a report the user may not see is in no series page, count, network or export, and a series
the user sees fewer than two reports of is not shown at all (it would hint at what is
hidden). Series sizes shown count only what the user can see. The linking run itself is in
`linkrun`; a run over everything is started here as a job (fraudcase.jobs).
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core import bulk
from fraudcase.core.errors import NotPermitted
from fraudcase.jobs import services as job_services
from fraudcase.jobs.models import Job, JobKind
from fraudcase.reports.enums import VictimType
from fraudcase.reports.models import Identifier, Report, Suspect
from fraudcase.reports.services import on_visible_reports, visible_reports

from . import rules
from .models import OverConnected, PersonMember, Review, Series, SeriesMember, StopListEntry

# The network drawing shows at most this many reports (the table beside it shows every one).
GRAPH_REPORTS = 40


def visible_series(user: User) -> QuerySet[Any]:
    """The series this user sees two or more reports of: rows of series_id, `seen` (the
    reports of it they may see), `first` and `last` received; largest first, then newest."""
    return (
        SeriesMember.objects.filter(on_visible_reports(user))
        .values("series_id")
        .annotate(
            seen=Count("report_id"),
            first=Min("report__received_at"),
            last=Max("report__received_at"),
        )
        .filter(seen__gte=2)
        .order_by("-seen", "-last", "-series_id")
    )


def with_references(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row of `visible_series` with its series reference ("S-000042")."""
    for row in rows:
        row["reference"] = rules.series_reference(row["series_id"])
    return rows


def series_reports(user: User, series: Series) -> QuerySet[Report]:
    """The reports of the series this user may see, newest first."""
    return (
        visible_reports(user)
        .filter(series_membership__series=series)
        .select_related("victim")
        .order_by("-received_at", "-id")
    )


def get_series(user: User, reference: str) -> Series:
    """The series, audited as consulted; Http404 if the user sees fewer than two of its reports
    (for them there is no series)."""
    series_id = rules.series_id_of(reference)
    series = Series.objects.filter(pk=series_id).first() if series_id else None
    if series is None or series_reports(user, series)[:2].count() < 2:
        raise Http404("No series with that reference")
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "series",
        series.reference,
        f"Viewed series {series.reference}",
    )
    return series


@dataclass
class Summary:
    """What the series page says of the series, over the reports the user may see."""

    reports: int
    victims: int
    total_loss: Decimal
    median_loss: float | None
    first: datetime | None
    last: datetime | None
    districts: list[str]
    identifiers: list[dict[str, Any]] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)


def summary(user: User, series: Series) -> Summary:
    """Counts, losses, dates, areas, identifiers and names of the reports the user may see (a
    fixed number of queries whatever the series' size)."""
    reports = series_reports(user, series).order_by()
    figures = reports.aggregate(
        reports=Count("id"),
        victims=Count("victim"),
        total=Sum("loss_gbp"),
        first=Min("received_at"),
        last=Max("received_at"),
    )
    losses = [float(v) for v in reports.values_list("loss_gbp", flat=True) if v is not None]
    postcodes = reports.values_list("victim__postcode", flat=True).distinct()
    districts = sorted({d for d in map(rules.postcode_district, postcodes) if d})
    on_reports = {"report__in": reports.values("id")}
    identifiers = list(
        Identifier.objects.filter(**on_reports)
        .values("kind", "normalised")
        .annotate(reports=Count("report_id", distinct=True))
        .order_by("-reports", "kind", "normalised")
    )
    names = list(
        Suspect.objects.filter(**on_reports)
        .exclude(name_key="")
        .values("name_key")
        .annotate(name=Min("name"), reports=Count("report_id", distinct=True))
        .order_by("-reports", "name_key")
    )
    return Summary(
        reports=figures["reports"],
        victims=figures["victims"],
        total_loss=(figures["total"] or Decimal(0)).quantize(Decimal("0.01")),
        median_loss=rules.median(losses),
        first=figures["first"],
        last=figures["last"],
        districts=districts,
        identifiers=identifiers,
        names=names,
    )


@dataclass
class Network:
    """Reports, identifiers and suspects' names, and which report each is on: `edges` rows of
    (report reference, kind label, value) of the reports shown (at most GRAPH_REPORTS), with
    `more` how many reports of the series it leaves to the export."""

    edges: list[tuple[str, str, str]]
    reports: list[str]
    nodes: list[tuple[str, str]]
    more: int


def network(user: User, series: Series) -> Network:
    """The series' network over the first GRAPH_REPORTS reports the user may see (oldest
    first): the drawing and its table show those, whatever the series' size, and `more` says
    how many more there are (the series' export holds every report with its identifiers).
    Four queries, each bounded by GRAPH_REPORTS or one count."""
    reports = series_reports(user, series)
    refs = dict(reports.order_by("id").values_list("id", "local_reference")[:GRAPH_REPORTS])
    more = reports.count() - len(refs) if len(refs) == GRAPH_REPORTS else 0
    on_reports = {"report__in": list(refs)}
    kinds = dict(Identifier._meta.get_field("kind").choices)  # type: ignore[arg-type]
    edges = [
        (refs[report_id], str(kinds.get(kind, kind)), value)
        for report_id, kind, value in Identifier.objects.filter(**on_reports)
        .values_list("report_id", "kind", "normalised")
        .distinct()
        .order_by("report_id", "kind", "normalised")
    ]
    edges += [
        (refs[report_id], "Suspect's name", name)
        for report_id, name in Suspect.objects.filter(**on_reports)
        .exclude(name="")
        .values_list("report_id", "name")
        .distinct()
        .order_by("report_id", "name")
    ]
    edges += [
        (refs[report_id], SAME_VICTIM, name)
        for name, report_ids in repeat_victims(list(refs)).values()
        for report_id in report_ids
    ]
    drawn = sorted(refs.values())
    nodes = list(dict.fromkeys((kind, value) for _, kind, value in edges))
    return Network(edges, drawn, nodes, more)


SAME_VICTIM = "Same victim"


def repeat_victims(report_ids: list[int]) -> dict[int, tuple[str, list[int]]]:
    """{person id: (the victim's name, the reports)} of the persons (linking.persons) whose
    victim is on two or more of these reports: the repeat victims a network draws. The callers
    pass only reports the user may see; a restricted report's victim is left out, as the series
    page leaves its name out (it is shown only once a reason is given, on the report). One
    query, bounded by the reports given."""
    found: dict[int, tuple[str, list[int]]] = {}
    for report_id, person_id, victim_type, forename, surname, business in (
        PersonMember.objects.filter(
            victim__report_id__in=report_ids,
            victim__report__handling_marking=HandlingMarking.OFFICIAL,
            victim__report__restricted_to_team__isnull=True,
        )
        .values_list(
            "victim__report_id",
            "person_id",
            "victim__victim_type",
            "victim__forename",
            "victim__surname",
            "victim__business_name",
        )
        .order_by("person_id", "victim__report_id")
    ):
        name = f"{forename} {surname}".strip() if victim_type == VictimType.INDIVIDUAL else business
        found.setdefault(person_id, (name, []))[1].append(report_id)
    return {person: shown for person, shown in found.items() if len(shown[1]) > 1}


def graph(net: Network) -> dict[str, Any]:
    """Positions for the server-drawn SVG: reports in the left column, identifiers and names
    in the right one, a line for each report that has the identifier."""
    row, top, width = 28, 20, 860
    left = {ref: top + i * row for i, ref in enumerate(net.reports)}
    right = {node: top + i * row for i, node in enumerate(net.nodes)}
    lines = [
        {"y1": left[ref], "y2": right[(kind, value)]}
        for ref, kind, value in net.edges
        if ref in left and (kind, value) in right
    ]
    height = top * 2 + row * max(len(left), len(right), 1)
    return {
        "width": width,
        "height": height,
        "reports": [{"label": ref, "y": y} for ref, y in left.items()],
        "nodes": [{"label": f"{kind}: {value}", "y": y} for (kind, value), y in right.items()],
        "lines": lines,
        "x1": 170,
        "x2": 470,
    }


def report_part(user: User, report: Report) -> dict[str, Any]:
    """For the report page: the series the report is in and how many other reports of it this
    user may see (nothing when none: the series is theirs only with two reports seen)."""
    member = SeriesMember.objects.filter(report=report).values_list("series_id", flat=True).first()
    if member is None:
        return {}
    others = (
        SeriesMember.objects.filter(on_visible_reports(user), series_id=member)
        .exclude(report=report)
        .count()
    )
    if not others:
        return {}
    return {"series_reference": rules.series_reference(member), "series_others": others}


def connected_reports(user: User, report: Report) -> int:
    """How many other reports this user may see are connected to this one (seed 001 App. B
    "Scale Assessment 3 (volume of connected reports)"): those in its series, and, for a report
    no linking run has put in one yet, those sharing one of its identifiers and the rest of
    their series. An identifier that never joins a series (stop-listed, or over-connected and
    not allowed) connects nothing here either. The connected reports are found first, each
    step an index read bounded by the series' size, then only those are counted: never an OR
    of subqueries over every report."""
    own = list(report.identifiers.values_list("kind", "normalised").distinct())
    values = sorted({value for _, value in own})
    unusable = set(
        StopListEntry.objects.filter(value__in=values).values_list("kind", "value")
    ) | set(
        OverConnected.objects.filter(value__in=values, review=Review.TO_REVIEW).values_list(
            "kind", "value"
        )
    )
    usable = [(kind, value) for kind, value in own if (kind, value) not in unusable]
    series_ids = set(SeriesMember.objects.filter(report=report).values_list("series_id", flat=True))
    connected: set[int] = set()
    if usable:
        sharing = Q()
        for kind, value in usable:
            sharing |= Q(kind=kind, normalised=value)
        connected |= set(Identifier.objects.filter(sharing).values_list("report_id", flat=True))
        for chunk in bulk.chunked(sorted(connected)):
            series_ids |= set(
                SeriesMember.objects.filter(report_id__in=chunk).values_list("series_id", flat=True)
            )
    for chunk in bulk.chunked(sorted(series_ids)):
        connected |= set(
            SeriesMember.objects.filter(series_id__in=chunk).values_list("report_id", flat=True)
        )
    connected.discard(report.pk)
    return sum(
        visible_reports(user).filter(pk__in=chunk).count()
        for chunk in bulk.chunked(sorted(connected))
    )


def export_rows(user: User, series: Series) -> list[dict[str, Any]]:
    """One row per report the user may see: reference, received, status, loss, district and
    its identifiers (the series as a spreadsheet), audited as a disclosure."""
    reports = list(series_reports(user, series))
    found: dict[int, list[str]] = {}
    for report_id, kind, value in (
        Identifier.objects.filter(report__in=[r.pk for r in reports])
        .values_list("report_id", "kind", "normalised")
        .distinct()
        .order_by("report_id", "kind", "normalised")
    ):
        found.setdefault(report_id, []).append(f"{kind}: {value}")
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "series",
        series.reference,
        f"Exported series {series.reference} ({len(reports)} reports)",
    )
    return [
        {
            "series": series.reference,
            "local_reference": r.local_reference,
            "received": timezone.localtime(r.received_at).date().isoformat(),
            "status": r.get_status_display(),
            "loss_gbp": float(r.loss_gbp) if r.loss_gbp is not None else None,
            "postcode_district": rules.postcode_district(
                getattr(getattr(r, "victim", None), "postcode", "")
            ),
            "identifiers": "; ".join(found.get(r.pk, [])),
        }
        for r in reports
    ]


# ---------------------------------------------------------------- runs and reviews


def start_run(user: User) -> Job:
    """Start a linking run over every report held, as a job whose page shows its progress."""
    if not rules.may_run(user.role):
        raise NotPermitted("Your role may not start a linking run")
    return job_services.start(
        JobKind.LINKING, user, SimpleUploadedFile("every report held", b"", "text/plain")
    )


def over_connected() -> QuerySet[OverConnected]:
    """Identifiers over the cap, those still to review first, the most connected first."""
    return OverConnected.objects.order_by("-review", "-reports", "id")


def may_review(user: User) -> bool:
    """Administrators keep the stop list and decide on over-connected identifiers."""
    return bool(user.is_authenticated and user.is_staff)


@transaction.atomic
def decide(user: User, over_id: int, decision: str) -> OverConnected:
    """An administrator stop-lists an over-connected identifier (it never joins; the row
    leaves the list) or allows it (it joins series however many reports it is on, from the
    next run)."""
    if not may_review(user):
        raise NotPermitted("Only an administrator decides on over-connected identifiers")
    row = OverConnected.objects.select_for_update().filter(pk=over_id).first()
    if row is None:
        raise Http404("No such identifier")
    if decision == "stop":
        StopListEntry.objects.get_or_create(
            kind=row.kind,
            value=row.value,
            defaults={"added_by": user, "reason": "Over-connected: stop-listed on review"},
        )
        row.delete()
        words = "stop-listed"
    elif decision == "allow":
        row.review = Review.ALLOWED
        row.reviewed_by = user
        row.reviewed_at = timezone.now()
        row.save(update_fields=["review", "reviewed_by", "reviewed_at"])
        words = "allowed to join series"
    else:
        raise Http404("No such decision")
    audit.record(
        user,
        AuditAction.ALTERATION,
        "linking-identifier",
        f"{row.kind}:{row.value}"[:100],
        f"Over-connected identifier {row.kind} {row.value} {words}",
    )
    return row
