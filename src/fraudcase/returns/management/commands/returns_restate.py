"""`fraudcase returns restate [--check]`: bring every NFRC number's stored reconciliation state
up to date with the outcomes, returns and erasures it is derived from (docs/admin-guide.md
"The reconciliation's stored states"). With --check, only say how many are out of date."""

from django.core.management.base import BaseCommand
from django.db import transaction

from fraudcase.returns import services


class Command(BaseCommand):
    help = "Restate every NFRC number's reconciliation state (or, with --check, count the stale)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="count the stale states; change nothing"
        )

    def handle(self, *args, **options):
        stale = services.misstated()
        if options["check"]:
            self.stdout.write(f"{stale} NFRC numbers with a stale reconciliation state")
            if stale:
                raise SystemExit(1)
            return
        with transaction.atomic():
            services.restate()
        self.stdout.write(f"Restated every NFRC number ({stale} were stale)")
