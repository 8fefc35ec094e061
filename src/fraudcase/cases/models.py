"""Cases: allocated reports under investigation, to their Home Office outcome (§5.4-§5.7)."""

from django.conf import settings
from django.db import models

from fraudcase.accounts.models import Team
from fraudcase.core.enums import Choices

from .rules import DisruptionKind, UpdateMethod


class Case(models.Model):
    """An allocated report: who has it, and when the next review and victim update are due."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="case")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases"
    )
    tier = models.PositiveSmallIntegerField()
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField()
    allocation_reason = models.TextField(blank=True)
    next_review_due = models.DateField()
    update_every_days = models.PositiveSmallIntegerField(
        default=28, help_text="How often the victim contract says updates are given."
    )
    next_update_due = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # The soonest due date of the investigation plan's actions still without a result: stored
    # by the investigation app's services when an action is added or done (None: none owed),
    # so My cases sorts by it without reading the plan (issue 15 item 9).
    next_action_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["investigator", "closed_at"]),
            models.Index(
                fields=["next_action_due"],
                condition=models.Q(closed_at__isnull=True, next_action_due__isnull=False),
                name="case_open_action_due",
            ),
            models.Index(fields=["next_review_due"]),
            models.Index(fields=["next_update_due"]),
            # The allocation board (issue 16): open cases counted per investigator and tier, and
            # the open cases whose review is due, soonest first; closed cases are never read.
            models.Index(
                fields=["investigator", "tier"],
                condition=models.Q(closed_at__isnull=True),
                name="case_open_by_investigator",
            ),
            models.Index(
                fields=["next_review_due"],
                condition=models.Q(closed_at__isnull=True),
                name="case_open_review_due",
            ),
        ]


class SupervisorReview(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reviewed_at = models.DateTimeField()
    notes = models.TextField()
    recommendations = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]


class Task(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_tasks"
    )
    due = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due"])]


class DisruptionAction(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="disruption_actions"
    )
    kind = models.CharField(max_length=30, choices=DisruptionKind.choices)
    on = models.DateField()
    detail = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-on", "-id"]


class VictimUpdate(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="victim_updates"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    method = models.CharField(max_length=20, choices=UpdateMethod.choices)
    summary = models.TextField()

    class Meta:
        ordering = ["-at", "-id"]


class Finalisation(models.Model):
    """The Home Office outcome (§5.7). `positive` is as configured when it was recorded."""

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="finalisation"
    )
    outcome = models.PositiveSmallIntegerField()
    positive = models.BooleanField()
    rationale = models.TextField(blank=True)
    cease_and_desist = models.JSONField(null=True, blank=True)
    untraceable_action = models.CharField(max_length=40, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    finalised_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The monthly NFIB return reads one month's outcomes (fraudcase.returns).
            models.Index(fields=["finalised_at"], name="finalisation_at"),
        ]


class LetterKind(Choices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement with the guidance sheet"
    NO_INVESTIGATION = "no_investigation", "Decision not to investigate"
    FINALISATION = "finalisation", "Finalisation"


class Letter(models.Model):
    """Each letter produced for a victim: the Victims' Code clock looks for it."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    produced_at = models.DateTimeField()
    produced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-produced_at", "-id"]
