import json

from django.core.management.base import BaseCommand

from fraudcase.accounts.cli import acting_user


class Command(BaseCommand):
    help = (
        "Link every report held into series (reports sharing a normalised suspect identifier), "
        "with a progress bar. Identifiers on the stop list never join; one on more reports than "
        "FRAUDCASE_LINKING_CAP is listed for an administrator to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="username recorded as running it (audit log)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options):
        from fraudcase.linking.linkrun import link_everything

        user = acting_user(options["user"])
        if options["json"]:
            result = link_everything(user=user)
            self.stdout.write(json.dumps(result.as_dict()))
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
            bar.update(task, completed=100)
        self.stdout.write(result.message)
