"""The file for the CPS's tables. Every row hangs off a report that is a case (cases.Case),
so access is the report's (investigation.services.open_file)."""

from django.conf import settings
from django.db import models

from .rules import (
    ChargingOutcome,
    DecisionMaker,
    DocumentKind,
    HearingKind,
    HearingResult,
    InterviewKind,
    OfficerDecision,
    ProsecutorDecision,
    ScheduleKind,
)


class Document(models.Model):
    """A statement (MG11) or other document on the case, numbered 1, 2, 3... on it; its file
    is in versions, each kept."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="case_documents"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200)  # the witness or author
    dated = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="document_number_once"),
        ]

    @property
    def reference(self) -> str:
        return (
            f"S{self.number}" if self.kind in ("mg11", "officer_statement") else f"DOC{self.number}"
        )


class DocumentVersion(models.Model):
    """One version of a document's file, stored as reports' material is with its SHA-256.
    Never changed: a new version is a new row."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    filename = models.CharField(max_length=255)
    storage_name = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=300, blank=True)  # what changed
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_once"),
        ]


class Schedule(models.Model):
    """A case's MG6C or MG6D, with when the disclosure officer last reviewed it."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="disclosure_schedules"
    )
    kind = models.CharField(max_length=4, choices=ScheduleKind.choices)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_schedule_of_a_kind"),
        ]


class ScheduleItem(models.Model):
    """One item of unused material on a schedule, numbered consecutively (rules.next_item_
    number); withdrawn items keep their number and stay on the schedule."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField()
    description = models.TextField()
    location = models.CharField(max_length=200)
    # MG6C: the disclosure officer's decision.
    decision = models.CharField(max_length=3, choices=OfficerDecision.choices, blank=True)
    # MG6D: why it is sensitive, and the prosecutor's decision.
    sensitivity = models.TextField(blank=True)
    prosecutor_decision = models.CharField(
        max_length=10, choices=ProsecutorDecision.choices, blank=True
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "number"], name="schedule_item_once"),
        ]


class DisclosureReport(models.Model):
    """The disclosure officer's report (MG6E): a certification signed on a date; a later one
    is a new row (the latest is current)."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="disclosure_reports"
    )
    attention = models.TextField(blank=True)  # material for the prosecutor's attention
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    certified_at = models.DateTimeField()

    class Meta:
        ordering = ["-certified_at", "-pk"]


class Interview(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="suspect_interviews"
    )
    # None once the report's personal data is erased (the record itself stays).
    suspect = models.ForeignKey(
        "reports.Suspect", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_on = models.DateField()
    kind = models.CharField(max_length=20, choices=InterviewKind.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]


class ChargingDecision(models.Model):
    """A charging decision requested (to the police or the CPS) and, once received, what was
    decided."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="charging_decisions"
    )
    # None once the report's personal data is erased (the record itself stays).
    suspect = models.ForeignKey(
        "reports.Suspect", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_maker = models.CharField(max_length=10, choices=DecisionMaker.choices)
    requested_on = models.DateField()
    decision = models.CharField(max_length=30, choices=ChargingOutcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["requested_on", "pk"]


class Hearing(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="court_hearings"
    )
    # None once the report's personal data is erased (the record itself stays).
    suspect = models.ForeignKey(
        "reports.Suspect", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_on = models.DateField()
    court = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=HearingKind.choices)
    result = models.CharField(max_length=20, choices=HearingResult.choices, blank=True)
    result_notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]
