"""The task a worker runs for a job (django-tasks: `fraudcase db_worker`)."""

from pathlib import Path

from django_tasks import task

from . import services


@task()
def run_job(job_id: str, path: str) -> None:
    services.run(job_id, Path(path))
