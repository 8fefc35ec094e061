# Every package now has its receipt time (0002 filled the ones imported before): required from
# here. A migration of its own, so the fill is committed before the column changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_package_received_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='disseminationpackage',
            name='received_at',
            field=models.DateTimeField(),
        ),
    ]
