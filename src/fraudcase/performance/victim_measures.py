"""The service to victims: Victims' Code compliance from the stored due dates (§5.6; DOMAIN.md
"Victims' Code deadlines") and Protect, the vulnerability process's figures (§6; seed 002 ¶50,
¶65; DOMAIN.md "Vulnerability process"). Registered after the measures in `measures`."""

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from fraudcase.cases.models import Case, VictimUpdate
from fraudcase.reports.models import Report
from fraudcase.victims import rules as victim_rules
from fraudcase.victims.models import PartnerReferral, VictimListEntry, VulnerabilityAction

from . import rules
from .measures import (
    PERIOD_COLUMNS,
    period_counts,
    period_of,
    period_row,
    period_totals,
    received_total,
    reports,
    rows_on_reports,
    split,
    within,
)
from .registry import Cell, Measure, Scope, Table, register

# ---------------------------------------------------------------- Victims' Code (§5.6)


def victims_code(user: Any, scope: Scope) -> Table:
    """From the stored due dates (DOMAIN.md "Victims' Code deadlines"): of the reports received
    in the period, first updates given, and still owed past their due date today; open cases
    whose victim-contract update is overdue today, and victim updates given in the period."""
    today = timezone.localdate()
    counted = {
        f"{p.key}_{kind}": figures[p.key]
        for kind, name in (("given", "first_given"), ("overdue", "first_overdue"), ("all", "n"))
        for figures in (received_total(user, scope, name),)
        for p in scope.periods
    }
    updates = period_counts(
        rows_on_reports(VictimUpdate, user, scope).annotate(one=F("pk") * 0), "at", "one", scope
    ).get(0, {})
    open_cases = (
        rows_on_reports(Case, user, scope)
        .filter(closed_at__isnull=True)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(next_update_due__lt=today)))
    )
    table = Table(["Victims' Code", *PERIOD_COLUMNS])
    for kind, label in (
        ("all", "Reports received"),
        ("given", "First update given"),
        ("overdue", f"First update owed and overdue on {today:%d %b %Y}"),
    ):
        table.rows.append(
            [Cell(label)]
            + [
                Cell(counted[f"{p.key}_{kind}"], f"{p.key}|first_update={kind}")
                for p in scope.periods
            ]
        )
    table.rows.append(
        [Cell("First update given (%)")]
        + [
            Cell(rules.rate(counted[f"{p.key}_given"], counted[f"{p.key}_all"]))
            for p in scope.periods
        ]
    )
    table.rows.append(
        period_row("Victim updates given during investigation", updates, scope, "updates", "all")
    )
    table.rows.append(
        [
            Cell(f"Open cases on {today:%d %b %Y}"),
            Cell(open_cases["open"], "now|cases=open"),
            Cell(None),
            Cell(None),
        ]
    )
    table.rows.append(
        [
            Cell("Open cases with the victim-contract update overdue"),
            Cell(open_cases["overdue"], "now|cases=overdue"),
            Cell(None),
            Cell(None),
        ]
    )
    return table


def victims_code_reports(user: Any, scope: Scope, figure: str) -> QuerySet[Report] | None:
    key, name, value = split(figure)
    today = timezone.localdate()
    if key == "now":
        found = reports(user, scope).filter(case__closed_at__isnull=True, case__isnull=False)
        return found.filter(case__next_update_due__lt=today) if value == "overdue" else found
    period = period_of(scope, key)
    if period is None:
        return None
    if name == "updates":
        given = VictimUpdate.objects.filter(within("at", period.start, period.end))
        return reports(user, scope).filter(pk__in=given.values("report_id"))
    found = reports(user, scope).filter(within("received_at", period.start, period.end))
    if value == "given":
        return found.filter(first_update_due__isnull=True)
    if value == "overdue":
        return found.filter(first_update_due__lt=today)
    return found


# ---------------------------------------------------------------- Protect (§6; seed 002 ¶50)


def protect(user: Any, scope: Scope) -> Table:
    """Victims on NFIB victim lists by vulnerability segment (by report date), visits and
    contacts due against done, ECVCU referrals, under-18s and partner referrals. Victim lists
    carry no handling marking: every reader sees the same figures (DOMAIN.md "Vulnerability
    process")."""
    segments = period_counts(
        VictimListEntry.objects.all(), "report_date", "status", scope, is_date=True
    )
    flags = period_totals(
        VictimListEntry.objects.all(),
        "report_date",
        scope,
        {name: Q(**{name: True}) for name in ("under_18", "ecvcu_referred")},
        is_date=True,
    )
    visits = period_totals(
        VulnerabilityAction.objects.all(),
        "due_on",
        scope,
        {"due": Q(), "done": Q(state="done")},
        is_date=True,
    )
    partners = period_counts(
        PartnerReferral.objects.annotate(one=F("pk") * 0), "referred_at", "one", scope
    ).get(0, {})
    linked = user is not None and victim_rules.may_work_vulnerability(getattr(user, "role", ""))

    def row(label: str, counts: dict[str, int], figure: str) -> list[Cell]:
        """A row of figures, each leading to the victims behind it for those who may see them
        (victims.views.protect_figure); a plain number for anyone else."""
        return [Cell(label)] + [
            Cell(
                counts.get(p.key, 0),
                href=_protect_href(scope, p, figure) if linked and counts.get(p.key) else "",
            )
            for p in scope.periods
        ]

    table = Table(["Protect", *PERIOD_COLUMNS])
    for status in sorted(segments):
        table.rows.append(row(f"Victims: {status}", segments[status], f"status:{status}"))
    for kind, label in (
        ("under_18", "Victims under 18"),
        ("ecvcu_referred", "Referred by the ECVCU"),
    ):
        table.rows.append(row(label, flags[kind], kind))
    for kind, label in (("due", "Visits and contacts due"), ("done", "Visits and contacts done")):
        table.rows.append(row(label, visits[kind], f"visits_{kind}"))
    table.rows.append(row("Partner referrals", partners, "partners"))
    return table


def _protect_href(scope: Scope, period: rules.Period, figure: str) -> str:
    query = {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "figure": figure,
        "month": scope.month_text,
    }
    return f"/vulnerability/figures/?{urlencode(query)}"


for measure in (
    Measure(
        "victims_code",
        "Victims' Code compliance",
        victims_code,
        victims_code_reports,
        note="From the stored due dates: owed and overdue is as of today.",
    ),
    Measure(
        "protect",
        "Protect: vulnerable victims",
        protect,
        note=(
            "From the NFIB victim lists, by report date; the lists carry no handling marking. "
            "These figures count victims on the lists, not reports: for those who work "
            "vulnerability each leads to the victims behind it."
        ),
    ),
):
    register(measure)
