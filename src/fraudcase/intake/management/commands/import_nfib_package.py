import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from fraudcase.accounts.cli import acting_user
from fraudcase.core.errors import FileRejected, ImportClash
from fraudcase.intake.importing import import_nfib_package


class Command(BaseCommand):
    help = "Import an NFIB dissemination package (csv or xlsx). A bad file is rejected whole."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--profile", default="default", help="import profile name")
        parser.add_argument("--user", help="username recorded as the importer (audit log)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        user = acting_user(options["user"])
        try:
            if options["json"]:
                result = import_nfib_package(path, user=user, profile_name=options["profile"])
            else:
                with Console(stderr=True).status(f"Checking and importing {path.name}..."):
                    result = import_nfib_package(path, user=user, profile_name=options["profile"])
        except ImportClash as clash:
            raise CommandError(clash.message) from None
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
                raise CommandError("File rejected: nothing was imported") from None
            sep = "\n" if "\n" in str(rejected) else " "
            raise CommandError(f"{rejected}{sep}Nothing was imported.") from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write(f"{path.name}: {result.message}")
