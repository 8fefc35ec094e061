"""The investigation file's tables: decisions (append-only, signed).

Every row hangs off a report that is a case (cases.Case), so access is the report's
(reports.services.on_visible_reports).
"""

from typing import Any

from django.conf import settings
from django.db import models

from .rules import Capacity


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
