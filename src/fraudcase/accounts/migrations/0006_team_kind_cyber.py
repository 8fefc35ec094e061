# A cyber crime unit team kind (issue 12 item 3).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_specials_and_volunteers'),
    ]

    operations = [
        migrations.AlterField(
            model_name='team',
            name='kind',
            field=models.CharField(choices=[('vft', 'Volume Fraud Team'), ('ecu', 'Economic Crime Unit'), ('neighbourhood', 'Neighbourhood team'), ('protect', 'Protect'), ('cyber', 'Cyber crime unit')], max_length=20),
        ),
    ]
