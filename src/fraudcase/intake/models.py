"""The ways reports come in: calls for service, referrals, import profiles (seed 001 §5.1;
DOMAIN.md "Where reports come from"). The report itself is `fraudcase.reports`."""

from django.conf import settings
from django.db import models

from fraudcase.core.enums import Choices
from fraudcase.reports.models import Report


class ReferrerType(Choices):
    PUBLIC_BODY = "public_body", "Public body"
    BUSINESS = "business", "Business"
    INDIVIDUAL = "individual", "Individual"
    COMPLAINT = "complaint", "Complaint"
    INTERNAL = "internal", "Internal department"
    CHIEF_OFFICER = "chief_officer", "Chief officer"
    CPS = "cps", "Crown Prosecution Service"
    # Action Fraud became Report Fraud in December 2025 (§2, §5.4: victim support referrals).
    REPORT_FRAUD = "report_fraud", "Report Fraud (formerly Action Fraud)"
    OTHER = "other", "Other"


class Referral(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="referral")
    referrer_type = models.CharField(max_length=20, choices=ReferrerType.choices)
    referrer_name = models.CharField(max_length=200)
    received_on = models.DateField()
    storage_decision = models.TextField(
        blank=True, help_text="Where physical or oversized material is kept, and why."
    )


class Criterion(Choices):
    """When a fraud reported in force is a call for service (§5.1; DOMAIN.md)."""

    OFFENDER_ARRESTED = "offender_arrested", "Offender arrested for a fraud offence"
    IN_PROGRESS = "in_progress", "Offence in progress or recently committed"
    SUSPECT_KNOWN_LOCAL = (
        "suspect_known_local",
        (
            "Suspect known and local (including goods to be delivered to an address in the "
            "force area)"
        ),
    )
    VICTIM_VULNERABLE = "victim_vulnerable", "Victim is vulnerable"
    RECOVERY_PROSPECT = "recovery_prospect", "Prospect of recovering funds or property"
    PROPERTY_AT_RISK = (
        "property_at_risk",
        ("Property or money immediately at risk and suitable for PNC circulation"),
    )
    OTHER_REASON = "other_reason", "Accepted for another reason"


class CallForServiceDecision(Choices):
    ACCEPTED = "accepted", "Accepted as a call for service"
    ADVISED_ACTION_FRAUD = "advised_action_fraud", "Caller advised to report to Action Fraud"


class CallForService(models.Model):
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    caller_forename = models.CharField(max_length=100)
    caller_surname = models.CharField(max_length=100)
    caller_phone = models.CharField(max_length=30, blank=True)
    caller_postcode = models.CharField(max_length=10, blank=True)
    summary = models.TextField()
    criteria = models.JSONField(default=list)
    other_reason = models.TextField(blank=True)
    decision = models.CharField(max_length=30, choices=CallForServiceDecision.choices)
    advice_given = models.TextField(blank=True)
    report = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="call_for_service"
    )
    nfib_sent_at = models.DateTimeField(null=True, blank=True)
    nfib_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nfib_reference = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["taken_at"]
        indexes = [
            # The calls waiting to be double-keyed, oldest first, without reading those sent.
            models.Index(
                fields=["taken_at"],
                condition=models.Q(decision="accepted", nfib_sent_at__isnull=True),
                name="cfs_to_double_key",
            )
        ]


class ImportKind(Choices):
    NFIB_PACKAGE = "nfib_package", "NFIB dissemination package"
    VICTIM_LIST = "victim_list", "NFIB victim list"
    SAR = "sar", "UKFIU SAR file"


class ImportProfile(models.Model):
    """Maps another file's headings onto the default columns, with no code change."""

    name = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    column_map = models.JSONField(
        default=dict,
        help_text='{"default column": "heading in the file"}, e.g. {"nfrc": "Crime Ref"}',
    )
    date_format = models.CharField(
        max_length=20,
        blank=True,
        help_text="strftime format, e.g. %d/%m/%Y; blank tries ISO then UK day-first.",
    )
    victim_type_map = models.JSONField(
        default=dict,
        blank=True,
        help_text='Extra victim type spellings, e.g. {"Person": "individual"}',
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_profile")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
