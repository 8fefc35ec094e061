from typing import ClassVar

from django.core.management.base import BaseCommand, CommandError

from fraudcase.victims import cli


class Command(BaseCommand):
    requires_system_checks: ClassVar[list[str]] = []
    help = (
        "Scan an NFIB victim list: one vulnerability status per row (REFERRED, BUSINESS, VS4, "
        "VS3, VS2, VS1, NONE) with the reasons, written to a csv or xlsx file."
    )

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        status = cli.run(options, stdout=self.stdout, stderr=self.stderr)
        if status:
            raise CommandError("List rejected: no output written" if status == 1 else "Failed")
