"""A job whose worker process stopped says "interrupted" at once, and leaves no upload behind."""

import io
import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from fraudcase.jobs import services, workers
from fraudcase.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def running_job(user, *, worker, heartbeat_at, settings) -> tuple[Job, object]:
    job = Job.objects.create(kind="nfib_package", user=user, filename="big.csv")
    Job.objects.filter(pk=job.pk).update(worker=worker, heartbeat_at=heartbeat_at)
    upload = settings.DATA_DIR / "uploads" / f"{job.pk}-abc.csv"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_text("NFRC\n")
    return job, upload


def test_a_job_whose_worker_process_is_gone_is_interrupted_at_once(assessor, client, settings):
    job, upload = running_job(
        assessor,
        worker=workers.identity(dead_pid()),
        heartbeat_at=timezone.now(),
        settings=settings,
    )
    client.force_login(assessor)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 422
    assert "interrupted" in page.content.decode()
    # Opening the page changed nothing; the next sweep (a job or the worker starting, or
    # `fraudcase jobs clean`) records it and removes the upload.
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    services.clean_uploads()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert not upload.exists()


def test_a_job_whose_heartbeat_is_a_minute_old_is_interrupted(assessor, settings):
    old = timezone.now() - workers.HEARTBEAT_STALE - timedelta(seconds=1)
    job, upload = running_job(
        assessor, worker="another-host:123:456", heartbeat_at=old, settings=settings
    )
    assert services.get_job(assessor, job.pk).status == JobStatus.FAILED
    services.clean_uploads()
    assert not upload.exists()


def test_a_job_whose_worker_is_alive_and_beating_keeps_running(assessor, settings):
    job, upload = running_job(
        assessor, worker=workers.identity(), heartbeat_at=timezone.now(), settings=settings
    )
    assert services.get_job(assessor, job.pk).status == JobStatus.RUNNING
    assert upload.exists()


def test_a_pid_reused_by_a_later_process_is_not_the_worker():
    host, pid, started = workers.identity().split(":")
    if not started:
        pytest.skip("process start times need /proc")
    earlier = f"{host}:{pid}:{int(started) - 1}"
    assert workers.gone(earlier, timezone.now(), timezone.now())
    assert not workers.gone(workers.identity(), timezone.now(), timezone.now())


def test_uploads_of_jobs_no_longer_running_are_removed(assessor, settings):
    _alive, kept = running_job(
        assessor, worker=workers.identity(), heartbeat_at=timezone.now(), settings=settings
    )
    finished, left = running_job(
        assessor, worker=workers.identity(), heartbeat_at=timezone.now(), settings=settings
    )
    Job.objects.filter(pk=finished.pk).update(status=JobStatus.DONE)
    orphan = settings.DATA_DIR / "uploads" / "00000000-0000-0000-0000-000000000000-x.csv"
    orphan.write_text("x")
    hours_ago = time.time() - services.ORPHAN_AGE.total_seconds() - 60
    os.utime(orphan, (hours_ago, hours_ago))  # no job claimed it within the hour
    said = io.StringIO()
    call_command("jobs_clean", stdout=said)
    assert said.getvalue().startswith("Removed 2 upload(s)")
    assert kept.exists() and not left.exists() and not orphan.exists()


def test_the_heartbeat_is_written_while_the_job_runs(assessor, monkeypatch, transactional_db):
    job = Job.objects.create(kind="nfib_package", user=assessor, filename="big.csv")
    monkeypatch.setattr(workers, "HEARTBEAT_EVERY", timedelta(seconds=0.05))
    with workers.Heartbeat(job.pk):
        time.sleep(0.5)
    job.refresh_from_db()
    assert job.heartbeat_at is not None
    assert timezone.now() - job.heartbeat_at < timedelta(seconds=5)


def test_an_upload_whose_job_another_request_is_still_saving_is_kept(settings):
    # Another request has written its upload but not yet committed its job's row: a sweep
    # now must not take the file from under it. An hour on, nothing will ever claim it.
    folder = settings.DATA_DIR / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    young = folder / f"{uuid.uuid4()}-young.csv"
    young.write_text("NFRC\n")
    abandoned = folder / f"{uuid.uuid4()}-old.csv"
    abandoned.write_text("NFRC\n")
    hours_ago = time.time() - services.ORPHAN_AGE.total_seconds() - 60
    os.utime(abandoned, (hours_ago, hours_ago))
    assert services.clean_uploads() == 1
    assert young.exists() and not abandoned.exists()


def test_a_job_that_ended_while_it_waited_is_not_run(assessor, settings, monkeypatch):
    # Found interrupted by a sweep while still queued: when the worker reaches it, it keeps
    # that answer instead of running and failing on its removed upload.
    from fraudcase.jobs import registry

    job, upload = running_job(assessor, worker="", heartbeat_at=None, settings=settings)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)

    def never(_upload):
        raise AssertionError("an ended job was run")

    monkeypatch.setitem(registry._RUNNERS, "nfib_package", never)
    services.run(job.pk, upload)
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert not upload.exists()
