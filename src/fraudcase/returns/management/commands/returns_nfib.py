"""`fraudcase returns nfib --month YYYY-MM --out FILE.csv|xlsx [--json]`: write a month's NFIB
outcome return for the whole unit (the system's view: every report), and with --json print
its figures (docs/user-guide.md "The monthly NFIB return")."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.returns import rules, services


class Command(BaseCommand):
    help = "Write a month's NFIB outcome return (csv or xlsx) for the whole unit."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="the month, YYYY-MM")
        parser.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        month = rules.parse_month(options["month"])
        problem = rules.month_problem(month, timezone.localdate())
        if problem:
            raise CommandError(f"--month '{options['month']}': {problem}")
        assert month is not None
        out: Path = options["out"]
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError(f"--out '{out}': the file must end .csv or .xlsx")
        if not out.parent.is_dir():
            raise CommandError(f"--out '{out}': no such folder {out.parent}")
        services.ensure_months()
        ret = services.month_return(None, month.year, month.month)
        rows = list(ret.rows)
        out.write_bytes(services.file_bytes(rows, fmt))
        audit.record(
            None,
            AuditAction.DISCLOSURE,
            "nfib-return",
            ret.key,
            f"NFIB return for {ret.key} written to {out.name} by the command ({len(rows)} rows)",
        )
        d, w = services.disseminated(None, month)
        figures = {
            "month": ret.key,
            "due": ret.due.isoformat(),
            "outcomes": ret.outcomes,
            "corrections": ret.corrections,
            "disseminated": d,
            "without_outcome": w,
        }
        if options["json"]:
            self.stdout.write(json.dumps(figures))
        else:
            self.stdout.write(
                f"{ret.key}: {ret.outcomes} outcomes and {ret.corrections} corrections written "
                f"to {out} (due {ret.due:%d %B %Y}). NFRC numbers received in the month: {d}, "
                f"{w} of them without an outcome yet."
            )
