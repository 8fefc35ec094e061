"""The page of one long job: progress while it runs, then its result or every problem.

While the job runs, the page asks `job_status` every few seconds (static/fraudcase.js) and,
once the job has ended, shows the result in place; without JavaScript its Refresh link does
the same. Only the job's owner sees either: anyone else's job does not exist for them."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from . import services
from .models import JobKind, JobStatus

# How often the page asks for the job's progress, in milliseconds.
POLL_MS = 2000
# The new reports the finished page links to; the search finds the rest.
FIRST_REFERENCES = 20


def job_detail(request, job_id):
    job = services.get_job(request.user, job_id)
    context = {"job": job, "poll_ms": POLL_MS}
    if job.status == JobStatus.DONE and job.kind == JobKind.VICTIM_LIST:
        context["next_url"] = reverse("victim-list", kwargs={"list_id": job.result["list_id"]})
    if job.status == JobStatus.DONE and job.kind == JobKind.NFIB_PACKAGE:
        references = job.result.get("local_references", [])
        context["first_references"] = references[:FIRST_REFERENCES]
    if job.status == JobStatus.DONE and job.kind == JobKind.LINKING:
        context["next_url"] = reverse("series-list")
    status = 422 if job.status in (JobStatus.REJECTED, JobStatus.FAILED) else 200
    return render(request, "jobs/job.html", context, status=status)


def job_status(request, job_id):
    """The job's progress as JSON, for its page to poll: status, stage, percent, finished."""
    job = services.get_job(request.user, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "stage": job.stage,
            "percent": job.percent,
            "finished": job.status != JobStatus.RUNNING,
        }
    )
