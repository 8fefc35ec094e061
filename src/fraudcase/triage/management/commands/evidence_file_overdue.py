"""`fraudcase evidence_file_overdue`: the daily job of §5.2 (run it from cron or a timer).

Files pending information every report whose evidence, asked of the victim or a third party,
has not arrived within 28 days. Safe to run more than once a day: nothing is filed twice.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from fraudcase.triage import services


class Command(BaseCommand):
    help = "File pending information the reports whose evidence is not in 28 days after asking."

    def handle(self, *args, **options):
        filed = services.file_overdue_evidence(timezone.localdate())
        for reference in filed:
            self.stdout.write(f"Filed pending information: {reference}")
        self.stdout.write(f"{len(filed)} report{'s' if len(filed) != 1 else ''} filed.")
