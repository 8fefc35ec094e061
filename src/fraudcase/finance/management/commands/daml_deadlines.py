"""`fraudcase daml deadlines [--user USERNAME] [--json]`: every open DAML consent request with
its next statutory deadline, soonest first: the user's visible SARs, or (without a user) the
whole register, the command's reading audited."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from fraudcase.accounts.cli import acting_user
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.finance import rules, services
from fraudcase.finance.models import Sar
from fraudcase.triage import rules as triage_rules


class Command(BaseCommand):
    help = "List every open DAML consent request with its next deadline."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="read as this user (default: the whole register)")
        parser.add_argument("--json", action="store_true", help="print the list as JSON")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        today = timezone.localdate()
        found = (
            services.open_requests(user)
            if user is not None
            else Sar.objects.filter(daml_due__isnull=False).order_by("daml_due", "pk")
        )
        rows = [
            {
                "ukfiu_reference": ref,
                "state": state,
                "deadline": due.isoformat(),
                "what": "notice period ends"
                if state == rules.DamlState.AWAITING
                else "moratorium ends",
                "status": triage_rules.deadline_state(due, today),
            }
            for ref, state, due in found.values_list("ukfiu_reference", "daml_state", "daml_due")
        ]
        audit.record(
            user,
            AuditAction.CONSULTATION,
            services.AUDITED,
            services.LIST_REF,
            f"DAML deadlines listed by the command ({len(rows)} open requests)",
            "fraudcase daml deadlines",
        )
        if options["json"]:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            self.stdout.write(
                f"{row['deadline']}  {row['ukfiu_reference']}  {row['what']} ({row['status']})"
            )
