from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from fraudcase.jobs.registry import Upload


class VictimsConfig(AppConfig):
    name = "fraudcase.victims"
    label = "victims"
    verbose_name = "Victim vulnerability"

    def ready(self) -> None:
        from fraudcase.jobs import registry as jobs
        from fraudcase.jobs.models import JobKind

        jobs.register(JobKind.VICTIM_LIST, _run_import_job)


def _run_import_job(upload: "Upload") -> dict[str, object]:
    # The scan (and polars with it) is loaded when a job runs, not when any command starts.
    from .services import run_import_job

    return run_import_job(upload)
