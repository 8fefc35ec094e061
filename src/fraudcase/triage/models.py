"""Screening-matrix scoring versions (App. B). Assessments will record the version they used."""

from django.conf import settings
from django.db import models


class ScoringVersion(models.Model):
    """A complete scoring of App. B. Change the scoring by adding a version and making it active."""

    version = models.SlugField(max_length=60, unique=True)
    scoring = models.JSONField(help_text="Points per option, multipliers and tier thresholds.")
    is_active = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_scoring_version",
            )
        ]

    def __str__(self) -> str:
        return self.version + (" (active)" if self.is_active else "")
