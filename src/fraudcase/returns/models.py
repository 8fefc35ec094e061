"""Tables of the returns app: the monthly NFIB outcome returns, the rows each sent return held
(frozen), the last outcome NFIB was sent for each NFRC, and the NFRC numbers of erased reports
(seed 001 §5.7; DOMAIN.md "The monthly NFIB return")."""

from django.conf import settings
from django.db import models


class NFIBReturn(models.Model):
    """One month's outcome return to NFIB. A row exists for each month in which an outcome was
    recorded (made when the outcome is recorded, `services.ensure_months`), and for the month
    after the last one sent, so the next return (with its corrections) is always on the
    Deadlines page. Sent returns keep the file exactly as it was sent."""

    month = models.DateField(unique=True, help_text="The first day of the month.")
    due = models.DateField(help_text="The 7th working day after the month ends (§5.7).")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_format = models.CharField(max_length=4, blank=True)
    filename = models.CharField(max_length=80, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    rows_sent = models.PositiveIntegerField(default=0)
    corrections_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        indexes = [
            # The Deadlines page: returns not yet sent, by due date.
            models.Index(
                fields=["due", "id"],
                condition=models.Q(sent_at__isnull=True),
                name="nfibreturn_owed",
            ),
        ]

    def __str__(self) -> str:
        return f"NFIB return {self.month:%Y-%m}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class SentRow(models.Model):
    """One row of a sent return, as it was sent: never changed afterwards."""

    nfib_return = models.ForeignKey(NFIBReturn, on_delete=models.PROTECT, related_name="rows")
    # The report it was about, for need-to-know; the row's own values are what was sent.
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nfrc = models.CharField(max_length=30)
    local_reference = models.CharField(max_length=30)
    outcome = models.PositiveSmallIntegerField()
    finalised_at = models.DateTimeField()
    crime = models.BooleanField()
    team = models.CharField(max_length=100, blank=True)
    correction = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nfib_return", "nfrc"], name="sentrow_once")]


class ReturnedNFRC(models.Model):
    """The last outcome sent to NFIB for an NFRC (one row per NFRC, replaced when a later
    return sends it again): an outcome is returned while the report's outcome still matches."""

    nfrc = models.OneToOneField(
        "reports.NFRCNumber", on_delete=models.CASCADE, related_name="returned"
    )
    outcome = models.PositiveSmallIntegerField()
    finalised_at = models.DateTimeField()
    nfib_return = models.ForeignKey(NFIBReturn, on_delete=models.PROTECT, related_name="+")


class ErasedNFRC(models.Model):
    """The NFRC numbers of a report whose personal data was erased (reports.services
    erase_personal_data): a tombstone, so the number is still accounted for."""

    number = models.CharField(max_length=30, unique=True)
    nfrc = models.OneToOneField(
        "reports.NFRCNumber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erased",
    )
    erased_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.number
