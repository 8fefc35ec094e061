"""The investigation file's tables: decisions (append-only, signed).

Every row hangs off a report that is a case (cases.Case), so access is the report's
(reports.services.on_visible_reports).
"""

from typing import Any

from django.conf import settings
from django.db import models

from fraudcase.reports.enums import IdentifierKind

from .rules import Capacity, Disposal, NominalRole, PoleKind


class AppendOnlyError(Exception):
    """A decision, once recorded, is never changed or deleted (issue 15: "never edited")."""


class DecisionQuerySet(models.QuerySet["Decision"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Decisions cannot be changed: record a later one that supersedes")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Decisions cannot be deleted")


class Decision(models.Model):
    """One entry of the decision log: what was decided, why, the options considered, who
    decided and when; numbered 1, 2, 3... on its case and signed (rules.decision_signature)
    over its content and the signature before it, so a change made in the database shows.

    There is no update path: a later entry may supersede it (`supersedes`), and the entry
    superseded is shown as such."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="investigation_decisions"
    )
    number = models.PositiveIntegerField()
    decision = models.TextField()
    reasons = models.TextField()
    options = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # As it was when signed.
    capacity = models.CharField(max_length=40, choices=Capacity.choices)
    recorded_at = models.DateTimeField()
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    signature = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)  # which key signed it (audit.rules.key_id)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="decision_number_once"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Decisions cannot be changed: record a later one")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Decisions cannot be deleted")

    @property
    def reference(self) -> str:
        return f"D{self.number}"


class LineOfEnquiry(models.Model):
    """A line of enquiry in the case's investigation plan: the Fraud Investigation Model's
    investigation requirements (seed 001 App. F stage 2, item 3 a-e) to begin with, and any
    the officer adds. Numbered 1, 2, 3... on its case."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="lines_of_enquiry"
    )
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    fim_item = models.CharField(max_length=1, blank=True)  # App. F stage 2 item 3: a-e
    notes = models.TextField(blank=True)  # the evaluator's text for this requirement, if any
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="line_number_once"),
        ]


class PlanAction(models.Model):
    """An action on a line of enquiry: what, who owns it, when it is due, and its result.

    `owed_due` is the due date while the action has no result, None once it has: the stored
    deadline the Deadlines page reads over a partial index (docs/architecture.md)."""

    line = models.ForeignKey(LineOfEnquiry, on_delete=models.CASCADE, related_name="actions")
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="investigation_actions"
    )
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="investigation_actions"
    )
    due = models.DateField()
    owed_due = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)
    result_at = models.DateTimeField(null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            models.Index(
                fields=["owner", "owed_due"],
                condition=models.Q(owed_due__isnull=False),
                name="inv_action_owed_by_owner",
            ),
            models.Index(
                fields=["owed_due"],
                condition=models.Q(owed_due__isnull=False),
                name="inv_action_owed",
            ),
        ]


class Exhibit(models.Model):
    """An exhibit seized on a case: its reference (the officer's initials and a number, unique
    on the case), what it is, where, when and from whom it was seized, its seal and storage,
    a file with its SHA-256 for a digital exhibit, and what finally became of it."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="exhibits")
    reference = models.CharField(max_length=20)
    initials = models.CharField(max_length=4)
    number = models.PositiveIntegerField()
    description = models.TextField()
    seized_from = models.CharField(max_length=200)
    seized_where = models.CharField(max_length=200)
    seized_at = models.DateTimeField()
    seized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    seal_number = models.CharField(max_length=50, blank=True)
    storage_location = models.CharField(max_length=200)
    # A digital exhibit: the file as received, stored as reports' material is.
    filename = models.CharField(max_length=255, blank=True)
    storage_name = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    disposal = models.CharField(max_length=20, choices=Disposal.choices, blank=True)
    disposal_authority = models.CharField(max_length=300, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["initials", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "reference"], name="exhibit_reference_once"),
        ]


class Movement(models.Model):
    """Who had an exhibit from when to when and why: one link of its chain of continuity."""

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="movements")
    held_by = models.CharField(max_length=200)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["start", "id"]


class Nominal(models.Model):
    """A person, organisation, object, location or event on a report (the POLE model, issue
    15 item 1), recorded by an officer on any report, whatever its source.

    A suspect is also a `reports.Suspect` (`suspect`), written through
    `reports.services.keep_suspect` so that search and linking use it as they use a suspect
    from an NFIB package. A removed entry is kept, with who removed it and why."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="nominals")
    kind = models.CharField(max_length=20, choices=PoleKind.choices)
    role = models.CharField(max_length=20, choices=NominalRole.choices, blank=True)
    name = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    suspect = models.OneToOneField(
        "reports.Suspect",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominal",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "role", "name", "id"]
        indexes = [models.Index(fields=["report", "removed_at"], name="nominal_by_report")]

    def __str__(self) -> str:
        return self.name


class NominalIdentifier(models.Model):
    """An identifier of a person or organisation as typed and normalised
    (`reports.rules.normalise_identifier`). A suspect's are also `reports.Identifier` rows,
    the ones search and linking read."""

    nominal = models.ForeignKey(Nominal, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    raw = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.raw}"
