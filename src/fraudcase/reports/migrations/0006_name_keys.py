import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_report_status_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=40)),
                (
                    "report",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="name_keys",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["key", "report"],
                        name="namekey_key_report",
                        opclasses=["varchar_pattern_ops", "int8_ops"],
                    ),
                    models.Index(
                        fields=["report", "key"],
                        name="namekey_report_key",
                        opclasses=["int8_ops", "varchar_pattern_ops"],
                    ),
                ],
            },
        ),
    ]
