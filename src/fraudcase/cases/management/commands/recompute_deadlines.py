"""`fraudcase recompute-deadlines`: restamp the stored deadlines.

Run it after the bank holidays change (an upgrade of the `holidays` package that adds or
moves one, e.g. a state funeral or a coronation) or a deadline rule changes: every first
update still owed and every decision not to investigate still to be explained gets its due
date again from the day it was received or decided, and so does every clock an app above
registers with a `restamp` (the DAML notice periods still running, among them). Set-based;
safe to run at any time.
"""

from django.core.management.base import BaseCommand

from fraudcase.cases import clocks
from fraudcase.triage import deadlines


class Command(BaseCommand):
    help = "Restamp the stored deadlines after a bank holiday or rule change."

    def handle(self, *args, **options):
        moved = deadlines.recompute()
        self.stdout.write(
            f"First updates moved: {moved.first_updates}. "
            f"Decisions to explain moved: {moved.decisions}. "
            f"First contacts of the cyber and Protect teams moved: {moved.routed_contacts}."
        )
        for label, count in clocks.restamp_registered().items():
            self.stdout.write(f"{label} moved: {count}.")
