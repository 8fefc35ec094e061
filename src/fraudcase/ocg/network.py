"""A group's (or a series') network for charts and spreadsheets: the group, its nominals and
series, the reports the reader may see, and their suspect identifiers and names, with the links
between them. `anx.chart` writes it as an i2 chart; `network_rows` as rows for xlsx/csv.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.linking import services as linking_services
from fraudcase.linking.models import Series
from fraudcase.reports.enums import IdentifierKind
from fraudcase.reports.models import Identifier, Report, Suspect

from . import rules
from .models import OrganisedCrimeGroup
from .services import EXPORT_MOST, linked_series, nominals, ocg_reports


@dataclass(frozen=True)
class Entity:
    """One thing on the chart: `key` unique in the chart, `kind` its entity type."""

    key: str
    kind: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Link:
    end1: str
    end2: str
    label: str


@dataclass
class Network:
    title: str
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


# Entity types on a chart, by identifier kind.
IDENTIFIER_TYPES: dict[str, str] = {
    IdentifierKind.PHONE: "Telephone",
    IdentifierKind.EMAIL: "E-mail address",
    IdentifierKind.WEBSITE: "Website",
    IdentifierKind.UK_BANK_ACCOUNT: "Bank account",
    IdentifierKind.IBAN: "Bank account",
}


def _reports_network(net: Network, reports: list[Report], hub: str | None) -> None:
    """Add the reports, their suspect identifiers, suspects' names and repeat victims (three
    more queries), each report linked to `hub` when given."""
    ids = [r.pk for r in reports]
    refs = {r.pk: r.local_reference for r in reports}
    kinds = dict(IdentifierKind.choices)
    for r in reports:
        loss = f"; loss £{r.loss_gbp}" if r.loss_gbp is not None else ""
        net.entities.append(
            Entity(
                f"report:{r.local_reference}",
                "Report",
                r.local_reference,
                f"{r.get_status_display()}; received {timezone.localtime(r.received_at).date()}"
                + loss,
            )
        )
        if hub:
            net.links.append(Link(hub, f"report:{r.local_reference}", "Linked report"))
    seen: set[str] = set()
    for report_id, kind, value in (
        Identifier.objects.filter(report_id__in=ids)
        .values_list("report_id", "kind", "normalised")
        .distinct()
        .order_by("kind", "normalised", "report_id")
    ):
        key = f"{kind}:{value}"
        if key not in seen:
            seen.add(key)
            net.entities.append(
                Entity(key, IDENTIFIER_TYPES.get(kind, "Identifier"), value, str(kinds.get(kind)))
            )
        net.links.append(Link(f"report:{refs[report_id]}", key, str(kinds.get(kind, kind))))
    for report_id, name_key, name in (
        Suspect.objects.filter(report_id__in=ids)
        .exclude(name_key="")
        .values_list("report_id", "name_key", "name")
        .distinct()
        .order_by("name_key", "report_id")
    ):
        key = f"suspect:{name_key}"
        if key not in seen:
            seen.add(key)
            net.entities.append(Entity(key, "Suspect", name, "Suspect's name on a report"))
        net.links.append(Link(f"report:{refs[report_id]}", key, "Suspect named"))
    # The same victim on several of these reports (a repeat victim, linking.persons).
    for person_id, (name, report_ids) in linking_services.repeat_victims(ids).items():
        key = f"person:{person_id}"
        net.entities.append(
            Entity(key, "Victim", name, f"The same victim on {len(report_ids)} reports")
        )
        for report_id in report_ids:
            net.links.append(Link(f"report:{refs[report_id]}", key, "Victim"))


def network(user: User, ocg: OrganisedCrimeGroup) -> Network:
    """The group, its nominals, series, the reports of it the user may see, and their
    identifiers and suspects' names, with the links between them (five queries)."""
    hub = f"ocg:{ocg.reference}"
    net = Network(f"{ocg.reference} {ocg.name}")
    threat = f"; threat {ocg.get_threat_level_display().lower()}" if ocg.threat_level else ""
    net.entities.append(
        Entity(hub, "Organised crime group", ocg.name, f"{ocg.get_status_display()}{threat}")
    )
    for n in nominals(ocg):
        key = f"nominal:{n.pk}"
        kind = "Professional enabler" if n.role == rules.NominalRole.ENABLER else "Person"
        net.entities.append(Entity(key, kind, n.name, n.profession or n.get_role_display()))
        net.links.append(Link(hub, key, n.get_role_display()))
    for s in linked_series(ocg):
        key = f"series:{s.reference}"
        net.entities.append(Entity(key, "Series", s.reference, "Series of linked reports"))
        net.links.append(Link(hub, key, "Series"))
    reports = list(ocg_reports(user, ocg)[:EXPORT_MOST])
    _reports_network(net, reports, hub)
    return net


def series_network(user: User, series: Series) -> Network:
    """A series' reports the user may see, their identifiers and suspects' names."""
    hub = f"series:{series.reference}"
    net = Network(f"Series {series.reference}")
    net.entities.append(Entity(hub, "Series", series.reference, "Series of linked reports"))
    reports = list(linking_services.series_reports(user, series)[:EXPORT_MOST])
    _reports_network(net, reports, hub)
    return net


def network_rows(net: Network) -> list[dict[str, str]]:
    """The network as a spreadsheet: one row per link, both ends named and typed."""
    by_key = {e.key: e for e in net.entities}
    return [
        {
            "from_type": by_key[link.end1].kind,
            "from": by_key[link.end1].label,
            "link": link.label,
            "to_type": by_key[link.end2].kind,
            "to": by_key[link.end2].label,
            "to_detail": by_key[link.end2].description,
        }
        for link in net.links
    ]


def audit_export(user: User, ocg: OrganisedCrimeGroup, what: str, net: Network) -> None:
    """An export of the group's network, audited as a disclosure."""
    reports = sum(1 for e in net.entities if e.kind == "Report")
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "ocg",
        ocg.reference,
        f"Exported OCG {ocg.reference} as {what} ({reports} reports)",
    )


def audit_series_export(user: User, series: Series, what: str, net: Network) -> None:
    """An export of a series' network, audited as a disclosure."""
    reports = sum(1 for e in net.entities if e.kind == "Report")
    audit.record(
        user,
        AuditAction.DISCLOSURE,
        "series",
        series.reference,
        f"Exported series {series.reference} as {what} ({reports} reports)",
    )
