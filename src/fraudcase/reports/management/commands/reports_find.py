import json

from django.core.management.base import BaseCommand, CommandError

from fraudcase.accounts.cli import acting_user
from fraudcase.reports import services


class Command(BaseCommand):
    help = (
        "Find reports by local reference, NFRC number, victim name, postcode or suspect "
        "identifier, as the named user sees them."
    )

    def add_arguments(self, parser):
        parser.add_argument("term")
        parser.add_argument("--user", help="search as this user (default FRAUDCASE_USER)")
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--justification", default="", help="why, when any result is restricted (audited)"
        )

    def handle(self, *args, **options):
        user = acting_user(options["user"], required=True)
        found = services.search_reports(user, options["term"])
        shown = found[: options["limit"]]
        try:
            services.audit_search(
                user, options["term"], shown, justification=options["justification"]
            )
        except services.JustificationRequired as needed:
            raise CommandError(
                f"{needed.restricted} of the {needed.total} reports found are restricted: "
                "give your reason with --justification"
            ) from needed
        rows = list(shown)
        data = [
            {
                "local_reference": r.local_reference,
                "nfrc_numbers": services.nfrc_numbers(r),
                "victim": r.victim.display_name,
                "postcode": r.victim.postcode,
                "source": r.source,
                "received_at": r.received_at.isoformat(),
            }
            for r in rows
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        if not data:
            self.stdout.write("No reports found.")
        for row in data:
            self.stdout.write(
                f"{row['local_reference']}  {', '.join(row['nfrc_numbers'])}  {row['victim']}  "
                f"{row['postcode']}  {row['source']}"
            )
