"""`fraudcase victims scan`: the FVO's monthly job, fast enough to script.

A plain scan (default profile, no --user) runs without starting Django, so a month's list of a
few hundred rows is done in about a second; it reads accounts with the default repeat-victim
phrases (rules.REPEAT_PHRASES), as the administrator's list is in the database. Naming a user
(to find repeat victims among the reports held, audited as a combination) or a stored profile
starts Django as usual, and the administrator's phrases are used.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from fraudcase.core.cli import file_arguments


def add_arguments(parser) -> None:
    file_arguments(
        parser,
        user_help="check repeat victims against the reports this user may see (default "
        "FRAUDCASE_USER); without a user only repeats within the list are found",
    )
    parser.add_argument("--out", type=Path, required=True, help="OUT.csv or OUT.xlsx")
    parser.add_argument(
        "--with-victim-columns",
        action="store_true",
        help="copy the victim's details (names, dates, postcode, loss) from the list into the "
        "output; by default it has the NFRC number and the findings, row for row",
    )


def run(options: dict, stdout=None, stderr=None) -> int:
    """Scan and report. Returns the exit status: 0 done, 1 list rejected, 2 usage error."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    from fraudcase.core.errors import FileRejected
    from fraudcase.core.spinner import spinner
    from fraudcase.victims.scanning import scan_victim_list

    path: Path = options["file"]
    if not path.exists():
        stderr.write(f"No such file: {path}\n")
        return 2
    username = options.get("user") or os.environ.get("FRAUDCASE_USER")
    user = None
    # Without Django the repeat-victim phrases are the defaults (rules.REPEAT_PHRASES); once
    # Django is started for a user or a profile, the administrator's list is read.
    repeat_phrases = None
    if username or options["profile"] != "default":
        user = _django_user(username)
        from fraudcase.victims.services import repeat_phrases_in_use

        repeat_phrases = repeat_phrases_in_use()
    try:
        with spinner(f"Scanning {path.name}...", show=not options["json"] and stderr.isatty()):
            result = scan_victim_list(
                path,
                out=options["out"],
                user=user,
                profile_name=options["profile"],
                victim_columns=options.get("with_victim_columns", False),
                repeat_phrases=repeat_phrases,
            )
    except FileRejected as rejected:
        if options["json"]:
            stdout.write(rejected.as_json() + "\n")
        else:
            stderr.write(rejected.ending("No output written.") + "\n")
        return 1
    if result.held_reports_checked:
        from fraudcase.audit import services as audit
        from fraudcase.audit.models import AuditAction

        audit.record(
            user,
            AuditAction.COMBINATION,
            "victim_list",
            path.name[:100],
            f"Victim list of {result.rows} rows compared with reports held",
        )
    if options["json"]:
        stdout.write(json.dumps(result.as_dict()) + "\n")
    else:
        counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
        stdout.write(
            f"{result.rows} rows scanned: {counts}. Under 18: {result.under_18}. "
            f"Written to {result.output}.\n"
        )
        if not result.held_reports_checked:
            stdout.write("Repeat victims were checked within the list only (no --user given).\n")
        if result.repeat_phrases == "defaults":
            stdout.write(
                "Accounts were read with the default repeat-victim phrases; give --user to use "
                "the list edited in /admin/.\n"
            )
    return 0


def _django_user(username: str | None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")
    import django

    django.setup()
    from fraudcase.accounts.cli import acting_user

    return acting_user(username)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="fraudcase victims scan",
        description=(
            "Scan an NFIB victim list: one vulnerability status per row (REFERRED, BUSINESS, VS4, "
            "VS3, VS2, VS1, NONE) with the reasons, written to a csv or xlsx file."
        ),
    )
    add_arguments(parser)
    return run(vars(parser.parse_args(argv)))
