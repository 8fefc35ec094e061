import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.intake.management.commands._user import acting_user
from fraudcase.tables import FileRejected
from fraudcase.victims.scanning import scan_victim_list


class Command(BaseCommand):
    requires_system_checks = []  # start fast: the FVO's list should not wait for URL checks
    help = (
        "Scan an NFIB victim list: one vulnerability status per row (REFERRED, BUSINESS, VS4, "
        "VS3, VS2, VS1, NONE) with the reasons, written to a csv or xlsx file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--out", type=Path, required=True, help="OUT.csv or OUT.xlsx")
        parser.add_argument("--profile", default="default", help="import profile name")
        parser.add_argument(
            "--user",
            help="check repeat victims against the reports this user may see (default "
            "FRAUDCASE_USER); without a user only repeats within the list are found",
        )
        parser.add_argument("--json", action="store_true", help="print counts per status")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        user = acting_user(options["user"])
        try:
            if options["json"]:
                result = scan_victim_list(
                    path, out=options["out"], user=user, profile_name=options["profile"]
                )
            else:
                with Console(stderr=True).status(f"Scanning {path.name}..."):
                    result = scan_victim_list(
                        path, out=options["out"], user=user, profile_name=options["profile"]
                    )
        except FileRejected as rejected:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {
                            "rejected": True,
                            "profile": rejected.profile,
                            "problems": [p.as_dict() for p in rejected.problems],
                        }
                    )
                )
                raise CommandError("List rejected: no output written") from None
            raise CommandError(f"{rejected}\nNo output written.") from None
        if result.held_reports_checked:
            audit.record(
                user,
                AuditAction.COMBINATION,
                "victim_list",
                path.name[:100],
                f"Victim list of {result.rows} rows compared with reports held",
            )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
            self.stdout.write(
                f"{result.rows} rows scanned: {counts}. Under 18: "
                f"{result.under_18}. Written to {result.output}."
            )
            if not result.held_reports_checked:
                self.stdout.write(
                    "Repeat victims were checked within the list only (no --user given)."
                )
