"""Run a long import in a worker process and report its progress on the Job row.

`start` keeps the upload and queues the job (django-tasks, database backend: `fraudcase
db_worker` runs it), so a file that takes the import down takes down a worker, not the web
server.

The page that started it shows the job's page, which refreshes itself until the job ends: no
JavaScript needed, and closing the page does not stop the job. Progress is written outside the
import's own transaction so that it can be seen while the import runs; the import itself
is all-or-nothing as before. A running job records its worker process and a heartbeat
(jobs.workers): as soon as that process is gone, or its heartbeat is over a minute old, the job
is reported interrupted and its upload removed. A job that never started is interrupted after
`STALE_AFTER`. Uploads of jobs no longer running are removed whenever a job starts, is looked
at or listed, and by `fraudcase jobs clean`.
"""

import logging
import os
import tempfile
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.core.errors import FileRejected

from . import registry, workers
from .models import Job, JobStatus

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=30)


# An upload no job names is removed once it is this old (see clean_uploads).
ORPHAN_AGE = timedelta(hours=1)


def _upload_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _upload_of(job_id: uuid.UUID | str) -> list[Path]:
    return list(_upload_dir().glob(f"{job_id}-*"))


def clean_uploads() -> int:
    """Remove the upload of every job that has ended, and any file no job names that is older
    than ORPHAN_AGE (its request failed before the job was saved); how many.

    A file whose job row is not there yet is left alone while young: another request may be
    starting that job in a transaction this one cannot see (it would otherwise lose its file).
    """
    interrupt_gone(Job.objects.filter(status=JobStatus.RUNNING))
    files = {path.name[:36]: path for path in _upload_dir().iterdir() if path.is_file()}
    if not files:
        return 0
    known = dict(
        Job.objects.filter(pk__in=[k for k in files if _is_uuid(k)]).values_list("pk", "status")
    )
    status = {str(pk): value for pk, value in known.items()}
    old = timezone.now().timestamp() - ORPHAN_AGE.total_seconds()
    removed = 0
    for key, path in files.items():
        ended = key in status and status[key] != JobStatus.RUNNING
        orphan = key not in status and path.stat().st_mtime < old
        if ended or orphan:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def start(
    kind: str,
    user: User,
    upload: UploadedFile,
    profile: str = "default",
    options: dict[str, object] | None = None,
) -> Job:
    """Keep the upload and start the job; returns at once with the job to watch.

    `options` (JSON values) reach the runner as `Upload.options` (jobs.registry).
    """
    clean_uploads()
    filename = (upload.name or "")[:255]
    job = Job.objects.create(
        kind=kind, user=user, filename=filename, profile=profile, options=options or {}
    )
    suffix = Path(upload.name or "").suffix.lower()
    handle, name = tempfile.mkstemp(dir=_upload_dir(), suffix=suffix, prefix=f"{job.pk}-")
    with os.fdopen(handle, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    from .tasks import run_job

    # Queued in the same transaction as the job's row: the worker sees both or neither.
    run_job.enqueue(str(job.pk), name)
    return job


def run(job_id: uuid.UUID | str, path: Path) -> None:
    """Run one job to its end, whatever happens; the upload is removed afterwards."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != JobStatus.RUNNING:
        # Already ended while it waited in the queue (a sweep found it interrupted): it keeps
        # the answer it was given, and its upload goes.
        path.unlink(missing_ok=True)
        return
    Job.objects.filter(pk=job_id).update(worker=workers.identity(), heartbeat_at=timezone.now())

    def progress(stage: str, percent: int) -> None:
        Job.objects.filter(pk=job_id).update(
            stage=stage[:200], percent=max(0, min(100, percent)), updated_at=timezone.now()
        )

    try:
        work = registry.runner_for(job.kind)
        with workers.Heartbeat(job_id):
            result = work(
                registry.Upload(
                    path,
                    job.user,
                    job.filename,
                    job.profile or "default",
                    progress,
                    job.options or {},
                )
            )
    except FileRejected as rejected:
        _finish(
            job_id,
            JobStatus.REJECTED,
            problems=[p.as_dict() for p in rejected.problems],
            profile=rejected.profile,
        )
    except Exception:  # any failure: the job page must say it failed
        # The error's text may name tables, paths or data: it goes to the log, not the page.
        logger.exception("Job %s failed", job_id)
        problem = (
            "The import failed because of an error in fraudcase, not in your file. Nothing was "
            f"written. The error is in the server's log under job {job_id}: tell your "
            "administrator."
        )
        _finish(
            job_id, JobStatus.FAILED, problems=[{"row": 0, "column": "file", "problem": problem}]
        )
    else:
        _finish(job_id, JobStatus.DONE, result=result)
    finally:
        path.unlink(missing_ok=True)


def _finish(
    job_id: uuid.UUID | str,
    status: JobStatus,
    *,
    result: dict[str, object] | None = None,
    problems: list[dict[str, int | str]] | None = None,
    profile: str = "",
) -> None:
    fields: dict[str, object] = {
        "status": status,
        "result": result,
        "problems": problems,
        "percent": 100,
        "stage": JobStatus(status).label,
        "finished_at": timezone.now(),
    }
    if profile:
        fields["profile"] = profile
    Job.objects.filter(pk=job_id).update(**fields)


INTERRUPTED = (
    "The job was interrupted (its worker stopped). Nothing was written: upload the file again."
)


def _worker_gone(job: Job, now: datetime) -> bool:
    if job.worker:
        return workers.gone(job.worker, job.heartbeat_at, now)
    return now - job.updated_at > STALE_AFTER  # queued and never started


def interrupt_gone(jobs: Iterable[Job]) -> None:
    """Mark interrupted each running job whose worker is gone, and remove its upload."""
    now = timezone.now()
    for job in jobs:
        if job.status != JobStatus.RUNNING:
            continue
        if _worker_gone(job, now):
            _finish(
                job.pk,
                JobStatus.FAILED,
                problems=[{"row": 0, "column": "file", "problem": INTERRUPTED}],
            )
            for path in _upload_of(job.pk):
                path.unlink(missing_ok=True)


def get_job(user: User, job_id: uuid.UUID) -> Job:
    """The user's own job (anyone else's does not exist for them), as it stands now.

    A running job whose worker is gone is shown as interrupted at once; reading it changes
    nothing (no GET writes): the row and its upload are put right by the next sweep
    (`clean_uploads`, run when a job starts, when the worker starts, and by
    `fraudcase jobs clean`)."""
    job = Job.objects.filter(pk=job_id, user=user).first()
    if job is None:
        raise Http404("No such job")
    if job.status == JobStatus.RUNNING and _worker_gone(job, timezone.now()):
        job.status = JobStatus.FAILED
        job.stage = JobStatus.FAILED.label
        job.percent = 100
        job.problems = [{"row": 0, "column": "file", "problem": INTERRUPTED}]
    return job
