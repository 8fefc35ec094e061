from django.db import migrations, models

# The postcode's own index (and PostgreSQL's `_like` twin) are replaced by one on (postcode,
# report) that also serves a district's prefix. Dropped by name rather than by AlterField,
# which on SQLite would copy the whole victim table to drop an index.
OLD_INDEXES = ("intake_victim_postcode_665c5bfd", "intake_victim_postcode_665c5bfd_like")


def drop_old_indexes(apps, schema_editor):
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_report_received_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="victim",
                    name="postcode",
                    field=models.CharField(blank=True, max_length=10),
                ),
            ],
            database_operations=[migrations.RunPython(drop_old_indexes, elidable=True)],
        ),
        migrations.AddIndex(
            model_name="victim",
            index=models.Index(
                fields=["postcode", "report"],
                name="victim_postcode_report",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ),
    ]
