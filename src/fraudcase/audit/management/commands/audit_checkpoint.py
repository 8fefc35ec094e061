import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudcase.audit import services


class Command(BaseCommand):
    help = (
        "Verify the audit log, then append a signed checkpoint (entry count; each lane's count, "
        "last entry and its hash; time) to a file kept away from the database, for "
        "`fraudcase audit verify`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            metavar="FILE",
            help="JSON-lines file to append to, or - for standard output; default "
            "$FRAUDCASE_AUDIT_CHECKPOINT_FILE or var/audit-checkpoints/checkpoints.jsonl",
        )

        parser.add_argument(
            "--adopt-unkeyed",
            action="store_true",
            help="sign even though entries from before the audit key are not yet covered by a "
            "checkpoint (once, after upgrading, if the log verified before)",
        )

    def handle(self, *args, **options):
        out = options["out"]
        try:
            signed, result = services.checkpoint(out, adopt_unkeyed=options["adopt_unkeyed"])
        except services.BrokenLog as error:
            where, problem = error.args[0]
            raise CommandError(
                "No checkpoint taken: the audit log does not verify "
                f"({f'entry {where}: ' if where else ''}{problem})"
            ) from None
        if out is not None and str(out) == "-":
            self.stdout.write(json.dumps(signed, sort_keys=True))
            return
        target = out or services.default_checkpoint_file()
        self.stdout.write(
            f"Checkpoint appended to {target}: {signed['entries']} entries in "
            f"{len(result.lanes)} lane(s), up to entry {signed['last_id']}. Keep a copy away "
            "from the database server."
        )
