"""The moves' (transition, at) index carries the columns the pack's time from receipt reads, so
a year of moves is counted from the index alone (issue 12). The new index is built before the
old one goes, so the allocation board's timings always have one."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0018_pack_covering_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(
                fields=["transition", "at", "from_status", "days_from_receipt", "report"],
                name="statuschange_timed",
            ),
        ),
        migrations.RemoveIndex(model_name="statuschange", name="statuschange_transition_at"),
    ]
