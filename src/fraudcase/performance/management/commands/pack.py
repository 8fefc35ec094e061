"""`fraudcase pack --month YYYY-MM --out FILE.pdf|xlsx`: the monthly performance pack for the
whole unit (issue 12 item 5)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudcase.performance import documents, rules, services
from fraudcase.performance.registry import Scope


class Command(BaseCommand):
    help = "Write the monthly performance pack for the whole unit as a PDF or an xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="the month, as YYYY-MM")
        parser.add_argument("--out", required=True, help="the file to write: .pdf or .xlsx")

    def handle(self, *args, month, out, **options):
        parsed = rules.parse_month(month)
        if parsed is None:
            raise CommandError(f"--month {month!r} is not a month like 2026-03")
        path = Path(out)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("pdf", "xlsx"):
            raise CommandError("--out must end in .pdf or .xlsx")
        scope = Scope(*parsed)
        computed = services.pack(None, *parsed)
        body = documents.pdf(computed, scope) if fmt == "pdf" else documents.xlsx(computed, scope)
        path.write_bytes(body)
        self.stdout.write(f"Wrote the {scope.month_text} pack ({len(computed)} measures) to {path}")
