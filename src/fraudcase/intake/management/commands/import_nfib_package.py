import json
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fraudcase.accounts.cli import acting_user
from fraudcase.core.cli import file_arguments
from fraudcase.core.errors import FileRejected, ImportClash
from fraudcase.core.spinner import spinner
from fraudcase.intake.importing import LONDON, import_nfib_package


def _received_at(text: str | None) -> datetime | None:
    """'2026-11-30 08:15' (UK time) or ISO 8601 with an offset; CommandError if neither."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--received-at '{text}' is not a date and time, e.g. '2026-11-30 08:15'"
        ) from None
    return timezone.make_aware(moment, LONDON) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Import an NFIB dissemination package (csv or xlsx). A bad file is rejected whole."

    def add_arguments(self, parser):
        file_arguments(parser, user_help="username recorded as the importer (audit log)")
        parser.add_argument(
            "--received-at",
            help="when the force received the package, if earlier than now (UK time, e.g. "
            "'2026-11-30 08:15'): the 24 hours to record run from it; needs --received-reason",
        )
        parser.add_argument(
            "--received-reason", default="", help="why it is imported later than received"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        user = acting_user(options["user"])
        receipt = {
            "received_at": _received_at(options["received_at"]),
            "received_reason": options["received_reason"],
        }
        try:
            with spinner(f"Checking and importing {path.name}...", show=not options["json"]):
                result = import_nfib_package(
                    path, user=user, profile_name=options["profile"], **receipt
                )
        except ImportClash as clash:
            raise CommandError(clash.message) from None
        except FileRejected as rejected:
            if options["json"]:
                self.stdout.write(rejected.as_json())
                raise CommandError("File rejected: nothing was imported") from None
            raise CommandError(rejected.ending("Nothing was imported.")) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write(f"{path.name}: {result.message}")
