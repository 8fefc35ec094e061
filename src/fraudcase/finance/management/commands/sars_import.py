"""`fraudcase sars import FILE --user USERNAME [--profile NAME] [--json]`: import the UKFIU's
SARs (the layout of docs/admin-guide.md "Importing SARs", or an import profile's of kind "UKFIU
SAR file"). A bad file is refused whole; SARs already recorded are left as they are."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudcase.accounts.cli import acting_user
from fraudcase.core.cli import file_arguments
from fraudcase.core.errors import FileRejected, NotPermitted
from fraudcase.finance.importing import import_sars


class Command(BaseCommand):
    help = "Import SARs from the UKFIU (csv or xlsx). A bad file is rejected whole."

    def add_arguments(self, parser):
        file_arguments(parser, user_help="the financial intelligence officer importing them")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        user = acting_user(options["user"], required=True)
        try:
            done = import_sars(path, user=user, profile_name=options["profile"])
        except NotPermitted as refused:
            raise CommandError(str(refused)) from None
        except FileRejected as rejected:
            if options["json"]:
                self.stdout.write(rejected.as_json())
                raise CommandError("File rejected: nothing was imported") from None
            raise CommandError(rejected.ending("Nothing was imported.")) from None
        if options["json"]:
            self.stdout.write(json.dumps({"added": done.added, "already": done.already}))
        else:
            self.stdout.write(
                f"{path.name}: {done.added} SARs imported, {done.already} already recorded."
            )
