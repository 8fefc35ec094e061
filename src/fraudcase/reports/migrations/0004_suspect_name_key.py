from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    """Suspects recorded before the key existed get theirs, a few thousand at a time."""
    from fraudcase.reports.rules import normalise_name

    Suspect = apps.get_model("reports", "Suspect")
    last = 0
    while True:
        batch = list(Suspect.objects.filter(pk__gt=last).exclude(name="").order_by("pk")[:5000])
        if not batch:
            return
        for suspect in batch:
            suspect.name_key = normalise_name(suspect.name)
        Suspect.objects.bulk_update(batch, ["name_key"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_package_received_at_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="suspect",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
