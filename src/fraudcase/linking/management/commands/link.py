import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fraudcase.accounts.cli import acting_user
from fraudcase.linking.persons import Engine


class Command(BaseCommand):
    help = (
        "Link every report held into series (reports sharing a normalised suspect identifier), "
        "with a progress bar. Identifiers on the stop list never join; one on more reports than "
        "FRAUDCASE_LINKING_CAP is listed for an administrator to review. Then every victim is "
        "linked to a person (repeat victims), with the trained model held (--retrain to train "
        "it again). With FILE (a package "
        "in the import columns or a profile's), link the file without recording it and write "
        "OUT (csv: nfrc, person_id, series_id for each row); a bad file is rejected whole. "
        "--engine spark scores the person pairs on Spark (local mode, or the cluster named by "
        "FRAUDCASE_SPARK_MASTER: docs/admin-guide.md) instead of DuckDB."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", type=Path, help="a package file to link (csv or xlsx)"
        )
        parser.add_argument("--profile", default="default", help="import profile of FILE")
        parser.add_argument("--out", type=Path, help="where to write FILE's links (csv)")
        parser.add_argument("--user", help="username recorded as running it (audit log)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--engine",
            choices=[engine.value for engine in Engine],
            default=Engine.DUCKDB.value,
            help="where the person linkage scores pairs: duckdb (in the process) or spark",
        )
        parser.add_argument(
            "--retrain",
            action="store_true",
            help="train the person-linkage model again (otherwise the model held is reused)",
        )

    def handle(self, *args, **options):
        if options["file"] is not None:
            self._link_file(options)
            return
        if options["out"] is not None:
            raise CommandError("--out is for linking a FILE: give the file to link")
        from fraudcase.linking.linkrun import link_everything
        from fraudcase.linking.personrun import link_persons

        user = acting_user(options["user"])
        retrain = options["retrain"]
        engine = Engine(options["engine"])
        if options["json"]:
            result = link_everything(user=user)
            found = link_persons(user=user, retrain=retrain, engine=engine)
            self.stdout.write(json.dumps({**result.as_dict(), "persons": found.as_dict()}))
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task("Linking", total=100)

            def progress(stage: str, percent: int) -> None:
                bar.update(task, description=stage, completed=percent)

            result = link_everything(user=user, progress=progress)
            task = bar.add_task("Linking victims into persons", total=100)
            found = link_persons(user=user, progress=progress, retrain=retrain, engine=engine)
            bar.update(task, completed=100)
        self.stdout.write(result.message)
        self.stdout.write(found.message)

    def _link_file(self, options):
        from fraudcase.core.errors import FileRejected
        from fraudcase.linking.filelink import link_file

        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        if options["out"] is None:
            raise CommandError("Say where to write the links: --out OUT.csv")
        try:
            result = link_file(
                path,
                options["out"],
                profile_name=options["profile"],
                engine=Engine(options["engine"]),
            )
        except FileRejected as rejected:
            if options["json"]:
                self.stdout.write(rejected.as_json())
                raise CommandError("File rejected: nothing was linked") from None
            raise CommandError(rejected.ending("Nothing was linked.")) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            self.stdout.write(f"{path.name}: {result.message}; written to {options['out']}")
