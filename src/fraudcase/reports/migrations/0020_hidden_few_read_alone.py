"""The partial index of the reports some users may not see carries the two columns that decide
who may not (marking, team), so that the hidden few are read from the index alone by every
"not on a hidden report" filter (the pack, the calls to double-key, the reconciliation).
Built before the old one goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0019_timed_moves_read_from_the_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("handling_marking", "OFFICIAL"), _negated=True)
                | models.Q(("restricted_to_team__isnull", False)),
                fields=["id", "handling_marking", "restricted_to_team"],
                name="report_hidden_few",
            ),
        ),
        migrations.RemoveIndex(model_name="report", name="report_not_for_everyone"),
    ]
