"""Arguments the commands that read a file share, defined once (plain argparse: usable by
`fraudcase victims scan` before Django starts)."""

import argparse
from pathlib import Path


def file_arguments(parser: argparse.ArgumentParser, *, user_help: str) -> None:
    """The file to read, the import profile, who runs it (`user_help` says what for) and
    --json for a machine-readable answer."""
    parser.add_argument("file", type=Path)
    parser.add_argument("--profile", default="default", help="import profile name")
    parser.add_argument("--user", help=user_help)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
