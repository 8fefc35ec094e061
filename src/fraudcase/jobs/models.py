"""Long jobs started from a page (imports of large files), with the progress they report."""

import uuid

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    REJECTED = "rejected", "Rejected: nothing was written"
    FAILED = "failed", "Failed: nothing was written"


class JobKind(models.TextChoices):
    NFIB_PACKAGE = "nfib_package", "NFIB dissemination package import"
    VICTIM_LIST = "victim_list", "NFIB victim list import"
    LINKING = "linking", "Linking reports into series"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.RUNNING)
    stage = models.CharField(max_length=200, default="Waiting to start")
    percent = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    problems = models.JSONField(null=True, blank=True)
    profile = models.CharField(max_length=60, blank=True)
    # What else the page passed to the runner (e.g. when an NFIB package was received).
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The process running the job ("host:pid:start", the start time telling a reused pid apart)
    # and when it last said it is alive: a job whose worker is gone is reported interrupted.
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
