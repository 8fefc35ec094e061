"""`fraudcase recompute-deadlines`: restamp the stored Victims' Code deadlines.

Run it after the bank holidays change (an upgrade of the `holidays` package that adds or
moves one, e.g. a state funeral or a coronation) or a deadline rule changes: every first
update still owed and every decision not to investigate still to be explained gets its due
date again from the day it was received or decided. Set-based; safe to run at any time.
"""

from django.core.management.base import BaseCommand

from fraudcase.triage import deadlines


class Command(BaseCommand):
    help = "Restamp the stored Victims' Code deadlines after a bank holiday or rule change."

    def handle(self, *args, **options):
        moved = deadlines.recompute()
        self.stdout.write(
            f"First updates moved: {moved.first_updates}. "
            f"Decisions to explain moved: {moved.decisions}. "
            f"First contacts of the cyber and Protect teams moved: {moved.routed_contacts}."
        )
