from django.core.management.base import BaseCommand

from fraudcase.jobs import services


class Command(BaseCommand):
    help = (
        "Mark interrupted the jobs whose worker is gone and remove the uploads of every job "
        "that is not running (also done whenever a job starts)."
    )

    def handle(self, *args, **options):
        removed = services.clean_uploads()
        self.stdout.write(f"Removed {removed} upload(s) of jobs no longer running.")
