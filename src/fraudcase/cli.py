"""The `fraudcase` command: Django management commands, with two-word names spelled as words.

`fraudcase import nfib-package FILE` runs the `import_nfib_package` command,
`fraudcase reports find TERM` runs `reports_find`, and any other Django command works as is
(`fraudcase migrate`, `fraudcase runserver`, `fraudcase createsuperuser`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if args[1:3] == ["victims", "scan"]:
        # The FVO's scan starts without Django unless it needs the database.
        from fraudcase.victims.cli import main as scan

        sys.exit(scan(args[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    commands = get_commands()
    if len(args) >= 3:
        joined = f"{args[1]}_{args[2]}".replace("-", "_")
        if joined in commands:
            args = [args[0], joined, *args[3:]]
    if len(args) >= 2 and args[1].replace("-", "_") in commands:
        args[1] = args[1].replace("-", "_")
    from django.db import InterfaceError, OperationalError

    from fraudcase.core.health import reason, where

    try:
        execute_from_command_line(args)
    except (OperationalError, InterfaceError) as error:
        # One line, no traceback: what could not be reached and why.
        print(
            f"fraudcase: cannot reach the database at {where()}: {reason(error)}", file=sys.stderr
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
