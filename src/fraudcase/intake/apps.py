from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from fraudcase.jobs.registry import Upload


class IntakeConfig(AppConfig):
    name = "fraudcase.intake"
    label = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from fraudcase.jobs import registry as jobs
        from fraudcase.jobs.models import JobKind
        from fraudcase.reports import services as report_services

        from . import services

        report_services.on_erasure(services.erase_call_for_service)
        jobs.register(JobKind.NFIB_PACKAGE, _run_import_job)


def _run_import_job(upload: "Upload") -> dict[str, object]:
    # The import (and polars with it) is loaded when a job runs, not when any command starts.
    from .importing import run_import_job

    return run_import_job(upload)
