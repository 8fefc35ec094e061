"""Each audit entry records its lane (audit.services.record_many); entries already written are
lane 1, whose chain is the single chain they formed.

On PostgreSQL a column with a constant default is added without rewriting or scanning the
table (no CHECK constraint, hence a SmallIntegerField), and the default stays in the database
so that the previous version, still serving during an upgrade, appends to lane 1 as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_append_only_trigger'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='lane',
            field=models.SmallIntegerField(db_default=1),
        ),
    ]
