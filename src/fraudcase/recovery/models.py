"""Tables of the recovery app: accreditations (§8), the asset recovery, ancillary order and
offender management registers (§7.3-7.6), and the financial crime assessments (App. E).

A register entry hangs off a report (and so its case), and is read only through
services.visible_entries: what the user may not see of the report does not exist here either.
An assessment hangs off a report or a SAR and is read through services.visible_assessments
(a SAR's through finance's own need-to-know rule)."""

from django.conf import settings
from django.db import models

from .rules import Accreditation, EntryKind, Recommendation, Status

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class OfficerAccreditation(models.Model):
    """One accreditation an officer holds, from the day it was awarded to its expiry."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accreditations"
    )
    kind = models.CharField(max_length=20, choices=Accreditation.choices)
    awarded_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=60, blank=True)  # the NCA certificate, say
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["officer__username", "kind", "-awarded_on"]
        indexes = [
            models.Index(fields=["officer", "kind"], name="accreditation_officer"),
            models.Index(fields=["expires_on"], name="accreditation_expires"),
        ]


class RegisterEntry(models.Model):
    """An entry of one of the registers (`kind`); the fields a kind uses are rules.FIELDS."""

    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="recovery_entries"
    )
    ocg = models.ForeignKey(
        "ocg.OrganisedCrimeGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recovery_entries",
    )
    subject = models.CharField(max_length=200)  # the person or business the order is against
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recovery_entries",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    court = models.CharField(max_length=200, blank=True)
    seized_on = models.DateField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    granted_on = models.DateField(null=True, blank=True)
    served_on = models.DateField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    first_order_on = models.DateField(null=True, blank=True)  # cash: the first s.295 order
    detained_until = models.DateField(null=True, blank=True)  # cash: the court's latest order
    breached_on = models.DateField(null=True, blank=True)
    amount_gbp = models.DecimalField(**MONEY)  # seized, frozen or restrained
    below_minimum_reason = models.TextField(blank=True)
    benefit_gbp = models.DecimalField(**MONEY)
    available_gbp = models.DecimalField(**MONEY)
    pursued = models.BooleanField(default=True)
    pursuit_reason = models.TextField(blank=True)  # the £300 rule (§7.4)
    order_gbp = models.DecimalField(**MONEY)
    pay_by = models.DateField(null=True, blank=True)
    compensation_gbp = models.DecimalField(**MONEY)
    paid_gbp = models.DecimalField(max_digits=14, decimal_places=2, default=0)  # sum of payments
    conditions = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    # The next deadline while a clock runs (rules.next_due), stored so the Deadlines page
    # reads an index range; None once nothing is owed.
    due_on = models.DateField(null=True, blank=True)
    due_what = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "-recorded_at", "id"], name="recovery_kind_recent"),
            models.Index(
                fields=["due_on"], condition=models.Q(due_on__isnull=False), name="recovery_owed"
            ),
            models.Index(fields=["kind", "granted_on"], name="recovery_kind_granted"),
        ]

    @property
    def outstanding_gbp(self):
        if self.order_gbp is None:
            return None
        return max(self.order_gbp - self.paid_gbp, 0)


class StepKind(models.TextChoices):
    EXTENSION = "extension", "Further detention ordered"
    VARIATION = "variation", "Varied"
    DISCHARGE = "discharge", "Discharged"
    PAYMENT = "payment", "Payment"
    ENFORCEMENT = "enforcement", "Enforcement"
    BREACH = "breach", "Breach"
    NOTE = "note", "Note"


class EntryStep(models.Model):
    """Something that happened to an entry: an extension, a variation, a payment, a breach."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    on = models.DateField()
    amount_gbp = models.DecimalField(**MONEY)
    until = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["kind", "on"], name="recovery_step_kind_on")]


class FinancialAssessment(models.Model):
    """The financial crime assessment of App. E, on a report (or its case) or a SAR."""

    report = models.ForeignKey(
        "reports.Report",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="financial_assessments",
    )
    sar = models.ForeignKey(
        "finance.Sar",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="financial_assessments",
    )
    # {factor: {"yes": bool, "comment": str}} for every rules.Factor.
    factors = models.JSONField(default=dict)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices)
    rationale = models.TextField(blank=True)
    non_acceptance = models.TextField(blank=True)
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField()
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, sar__isnull=True)
                | models.Q(report__isnull=True, sar__isnull=False),
                name="assessment_of_report_or_sar",
            )
        ]
