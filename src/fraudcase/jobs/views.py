"""The page of one long job: progress while it runs, then its result or every problem."""

from django.shortcuts import render
from django.urls import reverse

from . import services
from .models import JobKind, JobStatus

REFRESH_SECONDS = 2


def job_detail(request, job_id):
    job = services.get_job(request.user, job_id)
    context = {"job": job, "refresh": REFRESH_SECONDS if job.status == JobStatus.RUNNING else 0}
    if job.status == JobStatus.DONE and job.kind == JobKind.VICTIM_LIST:
        context["next_url"] = reverse("victim-list", kwargs={"list_id": job.result["list_id"]})
    if job.status == JobStatus.DONE and job.kind == JobKind.NFIB_PACKAGE:
        context["first_references"] = job.result.get("local_references", [])[:20]
    status = 422 if job.status in (JobStatus.REJECTED, JobStatus.FAILED) else 200
    return render(request, "jobs/job.html", context, status=status)
