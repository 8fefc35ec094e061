from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_fill_name_keys"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="report",
            name="intake_repo_receive_91f7db_idx",
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["received_at", "id"], name="report_received_id"),
        ),
    ]
