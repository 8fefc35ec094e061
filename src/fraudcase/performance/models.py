"""Tables of the performance app: the quarterly Victims' Code dip sample (issue 12 item 4)."""

from django.conf import settings
from django.db import models

from fraudcase.accounts.models import Team
from fraudcase.core.enums import Choices


class DipResult(Choices):
    PENDING = "pending", "Not reviewed yet"
    COMPLIANT = "compliant", "Compliant"
    NOT_COMPLIANT = "not_compliant", "Not compliant"


class DipSample(models.Model):
    """A draw of N finalised reports per team for a quarter, reproducible from its seed: the
    same seed, quarter and N give the same reports (a hash of (seed, report id) orders them)."""

    quarter = models.DateField(help_text="The first day of the quarter sampled.")
    per_team = models.PositiveSmallIntegerField()
    seed = models.BigIntegerField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    drawn_at = models.DateTimeField()

    class Meta:
        ordering = ["-quarter", "-id"]

    def __str__(self) -> str:
        return (
            f"Dip sample {self.quarter:%Y}-Q{(self.quarter.month - 1) // 3 + 1} (seed {self.seed})"
        )


class DipSampleItem(models.Model):
    sample = models.ForeignKey(DipSample, on_delete=models.CASCADE, related_name="items")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=20, choices=DipResult.choices, default=DipResult.PENDING)
    notes = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["team__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "report"], name="dip_item_once_per_sample")
        ]
