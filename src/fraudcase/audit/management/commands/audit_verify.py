import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudcase.audit import rules, services


def describe(problem: tuple[int, tuple[int, str]]) -> str:
    """One lane's problem as a sentence: `Audit log broken in lane 3 at entry 40: ...`."""
    lane, (where, text) = problem
    if lane == services.WHOLE_LOG:
        return f"Audit log broken at entry {where}: {text}" if where else text
    return f"Audit log broken in lane {lane} at entry {where}: {text}" if where else text


class Command(BaseCommand):
    help = (
        "Check the audit log's keyed hash chains (one per lane), and each against the checkpoints "
        "taken with `fraudcase audit checkpoint`; report, for each lane, the first entry "
        "altered, forged or removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--checkpoint",
            action="append",
            type=Path,
            metavar="FILE",
            help="checkpoint file to check against (repeatable); default "
            "$FRAUDCASE_AUDIT_CHECKPOINT_FILE or var/audit-checkpoints/checkpoints.jsonl",
        )
        parser.add_argument(
            "--no-checkpoint-ok",
            action="store_true",
            help="pass without any checkpoint (first-time set-up only: then take one with "
            "`fraudcase audit checkpoint`); without it, no checkpoint fails",
        )

    def handle(self, *args, **options):
        files = options["checkpoint"]
        for path in files or []:
            if not path.exists():
                raise CommandError(f"No checkpoint file at {path}")
        result = services.verify(files)
        missing = rules.missing_checkpoint_problem(result.checked, result.checkpoints)
        if result.ok and missing and not options["no_checkpoint_ok"]:
            result.add(services.WHOLE_LOG, 0, missing)
        trigger = services.append_only_trigger()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "checked": result.checked,
                        "ok": result.ok,
                        "first_bad_entry": result.problem[0] if result.problem else None,
                        "problem": result.problem[1] if result.problem else None,
                        "unkeyed": result.unkeyed,
                        "problems": [
                            {"lane": lane or None, "entry": where or None, "problem": problem}
                            for lane, (where, problem) in sorted(result.problems.items())
                        ],
                        "lanes": {
                            lane: {"entries": end.entries, "last_id": end.last_id}
                            for lane, end in sorted(result.lanes.items())
                        },
                        "checkpoints_checked": result.checkpoints,
                        "latest_checkpoint": result.latest_checkpoint,
                        "append_only_trigger": trigger,
                    }
                )
            )
        if result.problems:
            raise CommandError("; ".join(map(describe, sorted(result.problems.items()))))
        if trigger not in (None, "enabled"):
            self.stderr.write(
                f"Warning: the database trigger that refuses changes to audit entries is "
                f"{trigger}: someone with owner rights on the audit table switched it off. "
                "Restore it with `fraudcase migrate audit 0002 && fraudcase migrate audit`, "
                "or by re-enabling it, and find out why."
            )
        if options["json"]:
            return
        self.stdout.write(
            f"Audit log intact: {result.checked} entries checked in {len(result.lanes)} lane(s)."
        )
        if result.unkeyed:
            self.stdout.write(
                f"The first {result.unkeyed} entries are from before the audit key; a "
                "checkpoint covers them."
            )
        if result.latest_checkpoint:
            latest = result.latest_checkpoint
            self.stdout.write(
                f"Agrees with {result.checkpoints} checkpoint(s); the latest, taken at "
                f"{latest['at']}, recorded {latest['entries']} entries up to entry "
                f"{latest['last_id']}."
            )
        else:
            self.stdout.write(
                "Warning: no checkpoint to check against (--no-checkpoint-ok): entries removed "
                "from the end, or the whole log, would go unnoticed. Take one now with "
                "`fraudcase audit checkpoint` and keep a copy elsewhere."
            )
