# Reports routed to the cyber team or the Protect team as they come in (issue 12 item 3).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_specials_and_volunteers'),
        ('reports', '0014_report_restricted_team_partial_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='route',
            field=models.CharField(blank=True, choices=[('cyber', 'Cyber-dependent dissemination'), ('crime_in_action', 'Crime in action'), ('victim_support', 'Victim support only')], db_default='', default='', max_length=20),
        ),
        migrations.AddField(
            model_name='report',
            name='route_contacted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='report',
            name='route_due',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name='report',
            name='source',
            field=models.CharField(choices=[('nfib', 'NFIB dissemination'), ('call_for_service', 'Call for service'), ('referral', 'Referral'), ('victim_support_only', 'Victim support only (Report Fraud, formerly Action Fraud)'), ('ilor_eio', 'ILOR or EIO')], max_length=30),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('route', ''), _negated=True), fields=['route', 'received_at', 'id'], name='report_routed_received'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('route_contacted_at__isnull', True), ('route_due__isnull', False)), fields=['route_due', 'id'], name='report_route_contact_owed'),
        ),
    ]
