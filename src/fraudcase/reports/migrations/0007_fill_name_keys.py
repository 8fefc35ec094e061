from django.db import migrations


def fill_name_keys(apps, schema_editor):
    """Reports recorded before name keys existed get theirs: 20,000 reports at a time, read as
    values and written in bulk (issue 16)."""
    from fraudcase.reports.rules import report_name_keys

    Report = apps.get_model("reports", "Report")
    Victim = apps.get_model("reports", "Victim")
    Suspect = apps.get_model("reports", "Suspect")
    NameKey = apps.get_model("reports", "NameKey")
    step = 20000
    last = Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for low in range(0, last + 1, step):
        within = {"report_id__gte": low, "report_id__lt": low + step}
        victims = Victim.objects.filter(**within).values_list(
            "report_id", "forename", "surname", "business_name"
        )
        names = [(rid, name) for rid, fore, sur, business in victims for name in (f"{fore} {sur}", business)]
        names += Suspect.objects.filter(**within).values_list("report_id", "name")
        NameKey.objects.bulk_create(
            (NameKey(report_id=rid, key=key) for rid, key in report_name_keys(names)),
            batch_size=5000,
        )
    if schema_editor.connection.vendor == "sqlite":  # statistics for its planner (core.bulk)
        schema_editor.execute("PRAGMA analysis_limit=10000")
        schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_name_keys"),
    ]

    operations = [
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=True),
    ]
