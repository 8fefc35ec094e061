"""Reads and writes of the performance app: the pack (every measure's table), the reports behind
a figure, and the Victims' Code dip sample (issue 12 item 4; seed 001 §9).

Every figure starts from `reports.services.visible_reports(user)` (in `measures`): a user's
pack counts only what they may see. `user=None` is the whole unit, for the command line.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, QuerySet, Window
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone

from fraudcase.accounts.models import Team, User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.reports.models import Report
from fraudcase.reports.services import visible_reports

from . import measures, rules, victim_measures  # noqa: F401 (registers its measures)
from .models import DipResult, DipSample, DipSampleItem
from .registry import MEASURES, Cell, Measure, Scope, Table, register

# ---------------------------------------------------------------- the pack


@dataclass
class Computed:
    measure: Measure
    table: Table


def pack(user: User | None, year: int, month: int, team_id: int | None = None) -> list[Computed]:
    """Every measure's table for the month (its year to date and the same month last year)."""
    scope = Scope(year, month, team_id)
    with transaction.atomic(), measures.sharing():
        plan_for_ranges()
        return [Computed(m, m.compute(user, scope)) for m in MEASURES.values()]


def plan_for_ranges() -> None:
    """Inside the pack's transaction, on PostgreSQL: plan each measure as the index-range read
    it is. No JIT (each aggregate runs well under a second: compiling it costs more than it
    saves, about 0.2 s a query at 2,000,000 reports), and a random read costed as on SSD storage
    (1.1, the usual setting; docs/admin-guide.md "Running on PostgreSQL"): with the default
    (4, for spinning disks) the planner reads whole tables instead (2 s against 0.6 s for time
    from receipt at 2,000,000 reports). For this transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL random_page_cost = 1.1")


def teams() -> list[Team]:
    """The teams a pack may be filtered to (few: one query)."""
    return list(Team.objects.order_by("name"))


def team_exists(team_id: int) -> bool:
    """Whether a team filter names a team."""
    return Team.objects.filter(pk=team_id).exists()


def reports_behind(user: User, scope: Scope, key: str, figure: str) -> QuerySet[Report] | None:
    """The reports a figure counts (None when the measure or figure is unknown): the same
    filters as the figure, on the reports this user may see, newest first."""
    measure = MEASURES.get(key)
    if measure is None or measure.reports is None:
        return None
    found = measure.reports(user, scope, figure)
    if found is None:
        return None
    return found.filter(pk__in=visible_reports(user).values("pk")) if user else found


def may_read(user: User) -> bool:
    """Whether this user reads the dashboard and the pack (rules.READERS)."""
    return rules.may_read(getattr(user, "role", ""))


# ---------------------------------------------------------------- dip sample


def _hashed(seed: int) -> ExpressionWrapper[Any]:
    """(report id + seed) * K mod P: the same order for the same seed on both databases."""
    return ExpressionWrapper(
        Mod(
            (F("pk") + seed % rules.DIP_HASH_MODULUS) * rules.dip_hash_multiplier(),
            rules.DIP_HASH_MODULUS,
        ),
        output_field=IntegerField(),
    )


def dip_candidates(quarter: date, per_team: int, seed: int) -> list[tuple[int, int]]:
    """(report id, team id) of N finalised reports per team for the quarter: those finalised in
    it, ranked within their team by a hash of (seed, id); one query with a window function."""
    end = rules.add_months(quarter, 3)
    ranked = (
        Report.objects.filter(measures.within("finalisation__finalised_at", quarter, end))
        .filter(case__isnull=False)
        .annotate(
            dip_hash=_hashed(seed),
            team_id=F("case__team_id"),
            rank=Window(
                RowNumber(),
                partition_by=[F("case__team_id")],
                order_by=[F("dip_hash").asc(), F("pk").asc()],
            ),
        )
        .filter(rank__lte=per_team)
        .values_list("pk", "team_id")
    )
    return sorted(ranked, key=lambda pair: (pair[1], pair[0]))


def draw_dip_sample(user: User, quarter: date, per_team: int, seed: int | None = None) -> DipSample:
    """Draw and keep a quarter's sample (the seed and the references drawn)."""
    if not rules.may_review_dip_sample(user.role):
        raise NotPermitted("Only a supervisor or the ECU manager draws a dip sample")
    if not 1 <= per_team <= rules.MAX_DIP_SAMPLE:
        raise InvalidInput(
            {"per_team": f"Choose between 1 and {rules.MAX_DIP_SAMPLE} reports per team"}
        )
    quarter = rules.quarter_of(quarter)
    if seed is None:
        import secrets

        seed = secrets.randbelow(2**31)
    with transaction.atomic():
        sample = DipSample.objects.create(
            quarter=quarter, per_team=per_team, seed=seed, drawn_by=user, drawn_at=timezone.now()
        )
        DipSampleItem.objects.bulk_create(
            DipSampleItem(sample=sample, report_id=report_id, team_id=team_id)
            for report_id, team_id in dip_candidates(quarter, per_team, seed)
        )
        audit.record(
            user,
            AuditAction.COLLECTION,
            "dip_sample",
            str(sample.pk),
            f"Drew a dip sample for {sample}: {sample.items.count()} reports",
        )
    return sample


def dip_samples(user: User) -> QuerySet[DipSample]:
    """The samples drawn, latest quarter first, with how many reports each holds."""
    return DipSample.objects.annotate(size=Count("items")).order_by("-quarter", "-id")


def dip_items(user: User, sample: DipSample) -> QuerySet[DipSampleItem]:
    """The sample's reports this user may see (a restricted one drawn stays hidden from others)."""
    return (
        DipSampleItem.objects.filter(sample=sample)
        .filter(report__in=visible_reports(user))
        .select_related("report", "team", "reviewed_by")
        .order_by("team__name", "report__local_reference")
    )


def record_dip_result(user: User, item_id: int, result: str, notes: str) -> DipSampleItem:
    """A supervisor's review of one sampled report: compliant or not, with notes."""
    if not rules.may_review_dip_sample(user.role):
        raise NotPermitted("Only a supervisor or the ECU manager reviews a dip sample")
    if result not in (DipResult.COMPLIANT, DipResult.NOT_COMPLIANT):
        raise InvalidInput({"result": "Choose compliant or not compliant"})
    if result == DipResult.NOT_COMPLIANT and not notes.strip():
        raise InvalidInput({"notes": "Say what was not compliant"})
    with transaction.atomic():
        item = (
            DipSampleItem.objects.select_for_update()
            .filter(pk=item_id, report__in=visible_reports(user))
            .select_related("report")
            .first()
        )
        if item is None:
            raise InvalidInput({"item": "No such sampled report"})
        item.result = result
        item.notes = notes.strip()
        item.reviewed_by = user
        item.reviewed_at = timezone.now()
        item.save(update_fields=["result", "notes", "reviewed_by", "reviewed_at"])
        audit.record(
            user,
            AuditAction.ALTERATION,
            "report",
            item.report.local_reference,
            f"Dip sample review: {DipResult(result).label}",
        )
    return item


def dip_summary(user: Any, scope: Scope) -> Table:
    """The dip samples of the month's quarter, by team: drawn, reviewed, compliant (one query)."""
    quarter = rules.quarter_of(rules.month_start(scope.year, scope.month))
    items = DipSampleItem.objects.filter(sample__quarter=quarter)
    if user is not None:
        items = items.filter(report__in=visible_reports(user))
    if scope.team_id:
        items = items.filter(team_id=scope.team_id)
    found = (
        items.values("team__name")
        .annotate(
            drawn=Count("pk"),
            reviewed=Count("pk", filter=~Q(result=DipResult.PENDING)),
            compliant=Count("pk", filter=Q(result=DipResult.COMPLIANT)),
        )
        .order_by("team__name")
    )
    table = Table(["Team", "Drawn", "Reviewed", "Compliant", "Compliant (%)"])
    for row in found:
        table.rows.append(
            [
                Cell(row["team__name"]),
                Cell(row["drawn"]),
                Cell(row["reviewed"]),
                Cell(row["compliant"]),
                Cell(rules.rate(row["compliant"], row["reviewed"])),
            ]
        )
    return table


register(
    Measure(
        "dip_sample",
        "Victims' Code dip sample (this quarter)",
        dip_summary,
        note="Reports drawn at random per team for the quarter, and the supervisors' reviews.",
    )
)
