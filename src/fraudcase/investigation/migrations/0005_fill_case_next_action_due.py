"""Existing cases get their next action due from their plan's owed actions (set-based)."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    PlanAction = apps.get_model("investigation", "PlanAction")
    soonest = (
        PlanAction.objects.filter(report_id=OuterRef("report_id"), owed_due__isnull=False)
        .order_by()
        .values("report_id")
        .annotate(d=Min("owed_due"))
        .values("d")
    )
    Case.objects.update(next_action_due=Subquery(soonest))


class Migration(migrations.Migration):
    dependencies = [
        ("investigation", "0004_nominals"),
        ("cases", "0006_case_next_action_due"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
