"""The append-only, hash-chained audit log of personal data processing (DPA 2018 s.62)."""

from django.conf import settings
from django.db import models

from fraudcase.core.enums import Choices


class AuditAction(Choices):
    """The processing operations s.62(1) requires a log of."""

    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=50)
    object_ref = models.CharField(max_length=100, db_index=True)
    summary = models.CharField(max_length=500)
    justification = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which audit key signed the hash (rules.key_id); "" for entries from before the key.
    key_id = models.CharField(max_length=16, blank=True, default="")
    # The chain ("lane") the entry was appended to: writers append to free lanes in parallel
    # (services.record_many). Entries from before lanes, and old code still running during an
    # upgrade, are in lane 1 (the database default).
    lane = models.SmallIntegerField(db_default=1)

    class Meta:
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_ref}"


class AuditHead(models.Model):
    """The head of one lane (its primary key is the lane's number), locked while appending so
    that the writers to that lane chain in order; other lanes take writers meanwhile."""

    last_hash = models.CharField(max_length=64)
