"""A large file imported from a page runs as a job whose page shows its progress."""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from fraudcase.intake.importing import import_nfib_package
from fraudcase.jobs.models import Job
from fraudcase.reports.models import Report
from tests.conftest import victim_row


def post_package(client, path):
    with path.open("rb") as handle:
        return client.post("/imports/nfib-package/", {"file": handle, "profile": ""})


@pytest.mark.django_db
def test_the_import_page_hands_over_to_a_job_page_with_the_result(
    assessor, supervisor, example_package, client
):
    client.force_login(assessor)
    answer = post_package(client, example_package)
    job = Job.objects.get()
    assert answer.url == f"/jobs/{job.pk}/"
    page = client.get(answer.url).content.decode()
    assert "Package imported" in page and "4 victims recorded" in page
    assert Report.objects.count() == 4
    client.force_login(supervisor)
    assert client.get(answer.url).status_code == 404  # someone else's job does not exist


@pytest.mark.django_db
def test_a_rejected_file_lists_every_problem_on_the_job_page(assessor, write_package, client):
    path = write_package([victim_row(1, loss_gbp="lots"), victim_row(2, dob="1950-02-30")])
    client.force_login(assessor)
    page = client.get(post_package(client, path).url)
    assert page.status_code == 422
    text = page.content.decode()
    assert "The file was not imported" in text and "is not an amount of money" in text
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_import_reports_each_stage_in_order(assessor, example_package):
    seen = []
    import_nfib_package(
        example_package,
        user=assessor,
        progress=lambda stage, percent: seen.append((stage, percent)),
    )
    assert [p for _, p in seen] == sorted(p for _, p in seen)
    assert seen[0][0] == "Reading the file"
    stages = [stage for stage, _ in seen]
    recorded = next(i for i, s in enumerate(stages) if s.startswith("Recording 4 victims"))
    # Then the new reports are linked into series, and their victims to the persons held
    # (issue 13): the import's last stages.
    assert stages[recorded + 1 :] == [
        "Linking the new reports into series",
        "Linking the new victims to the persons held",
    ]


@pytest.mark.django_db(transaction=True)
def test_the_page_queues_the_import_for_the_worker_which_runs_it(
    assessor, example_package, client, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(assessor)
    url = post_package(client, example_package).url
    first = client.get(url).content.decode()
    assert "data-job-status=" in first  # waiting: the web process did not run it
    assert Job.objects.get().status == "running" and not Report.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job = Job.objects.get()
    assert job.status == "done" and job.worker.split(":")[1] == str(os.getpid())
    page = client.get(url).content.decode()
    assert "4 victims recorded" in page and "data-job-status" not in page
    assert not list((settings.DATA_DIR / "uploads").iterdir())  # the upload went with the job


@pytest.mark.django_db
def test_a_job_that_stopped_saying_anything_is_reported_interrupted(assessor, client):
    job = Job.objects.create(kind="nfib_package", user=assessor, filename="big.csv")
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    client.force_login(assessor)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 422
    assert "interrupted" in page.content.decode()


def test_an_error_in_fraudcase_is_logged_and_the_page_says_so_without_its_text(
    assessor, example_package, client, caplog
):
    from fraudcase.jobs import registry
    from fraudcase.jobs.models import JobKind

    def broken(*args, **kwargs):
        raise RuntimeError("relation intake_report column secret_detail does not exist")

    kept = registry.runner_for(JobKind.NFIB_PACKAGE)
    registry.register(JobKind.NFIB_PACKAGE, broken)
    try:
        client.force_login(assessor)
        with example_package.open("rb") as upload:
            answer = client.post("/imports/nfib-package/", {"file": upload}, follow=True)
    finally:
        registry.register(JobKind.NFIB_PACKAGE, kept)
    page = answer.content.decode()
    assert "an error in fraudcase, not in your file" in page
    assert "secret_detail" not in page
    assert "secret_detail" in caplog.text
    assert Job.objects.get().status == "failed"
