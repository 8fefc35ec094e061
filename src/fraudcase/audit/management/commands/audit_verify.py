import json

from django.core.management.base import BaseCommand, CommandError

from fraudcase.audit import services


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first entry altered or removed."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        checked, broken = services.verify()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "checked": checked,
                        "ok": broken is None,
                        "first_bad_entry": broken[0] if broken else None,
                        "problem": broken[1] if broken else None,
                    }
                )
            )
        if broken:
            raise CommandError(f"Audit log broken at entry {broken[0]}: {broken[1]}")
        if not options["json"]:
            self.stdout.write(f"Audit log intact: {checked} entries checked.")
