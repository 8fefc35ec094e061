"""Organised crime groups (DOMAIN.md "Linking", seed 001 §7.1, seed 000): the group, its
reports and series, its nominals and its dated entries (never edited)."""

from typing import Any

from django.conf import settings
from django.db import models

from fraudcase.linking.models import Series
from fraudcase.reports.models import Report

from . import rules


class AppendOnlyError(Exception):
    """An OCG's dated entry, once recorded, is never changed or deleted."""


class OrganisedCrimeGroup(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=30, choices=rules.OcgStatus.choices, default=rules.OcgStatus.IDENTIFIED
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ocgs_led",
    )
    # The threat assessment (MoRiLE-style level, with its rationale and date).
    threat_level = models.CharField(max_length=20, choices=rules.ThreatLevel.choices, blank=True)
    threat_rationale = models.TextField(blank=True)
    threat_assessed_on = models.DateField(null=True, blank=True)
    # The evaluation at closure (seed 000): what worked, what to improve.
    evaluation_worked = models.TextField(blank=True)
    evaluation_improve = models.TextField(blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organised crime group"
        indexes = [models.Index(fields=["status", "-updated_at", "-id"], name="ocg_by_status")]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    @property
    def reference(self) -> str:
        return rules.ocg_reference(self.pk)

    @property
    def evaluated(self) -> bool:
        return self.evaluated_at is not None


class OcgReport(models.Model):
    """A report linked to the group (by hand, or with a series)."""

    ocg = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="ocg_links")
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ocg", "report"], name="ocg_report_once")]
        indexes = [models.Index(fields=["report", "ocg"], name="ocg_report_by_report")]


class OcgSeries(models.Model):
    """A series linked to the group. Linking runs rewrite series and may dissolve one: the
    reference is kept, and the link to the series goes (its reports stay with the group)."""

    ocg = models.ForeignKey(
        OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="series_links"
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="ocg_links"
    )
    reference = models.CharField(max_length=20)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ocg", "reference"], name="ocg_series_once")]


class Nominal(models.Model):
    """A person in the group; a professional enabler is a nominal with a profession."""

    ocg = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="nominals")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=rules.NominalRole.choices)
    profession = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["role", "name", "id"]


class EntryQuerySet(models.QuerySet["OcgEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("OCG entries cannot be changed: record a later one")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("OCG entries cannot be deleted")


class OcgEntry(models.Model):
    """A dated entry: the OCG meeting's decision, a regional tasking or JAG briefing, a status
    change. Appended, never edited."""

    ocg = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=30, choices=rules.EntryKind.choices)
    on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["ocg", "-on", "-id"], name="ocg_entry_by_ocg")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("OCG entries cannot be changed: record a later one")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("OCG entries cannot be deleted")
