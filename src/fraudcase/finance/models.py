"""Tables of the finance app: Suspicious Activity Reports and their DAML consent clocks.

A SAR is read only through services.visible_sars: the financial intelligence role sees every
SAR, anyone else only those they are named on (rules.may_keep_register; seed 001 §7.2)."""

from django.conf import settings
from django.db import models

from fraudcase.victims.rules import VulnerabilityStatus

from .rules import DamlDecision, DamlState


class SarVictimReferral(models.Model):
    """A victim the App. C scan found in a SAR, referred to the vulnerability team (§6.2). It
    carries the victim and the reason, never the SAR or its reporter (§7.2: the source of the
    intelligence is protected): the SAR points to the referral, the referral knows no SAR."""

    victim_name = models.CharField(max_length=200)
    victim_dob = models.DateField(null=True, blank=True)
    victim_postcode = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=VulnerabilityStatus.choices)
    reason = models.CharField(max_length=500)
    referred_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["referred_on", "id"], name="sar_victim_referred")]


class Sar(models.Model):
    """A Suspicious Activity Report disclosed to the UKFIU and passed to the force."""

    ukfiu_reference = models.CharField(max_length=40, unique=True)
    disclosed_on = models.DateField()
    reporting_institution = models.CharField(max_length=200)
    subjects = models.TextField()  # one subject a line
    reason = models.TextField()  # the reporter's reason for suspicion
    amount_gbp = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    linked_references = models.TextField(blank=True)  # local references or NFRCs, one a line
    named_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="named_on_sars"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    imported = models.BooleanField(default=False)
    # The victim the SAR names, if any: scanned with the App. C rules (services.scan_for_victims).
    victim_name = models.CharField(max_length=200, blank=True)
    victim_dob = models.DateField(null=True, blank=True)
    victim_postcode = models.CharField(max_length=10, blank=True)
    victim_referral = models.ForeignKey(
        SarVictimReferral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # DAML (defence against money laundering): the consent request and its clock.
    daml = models.BooleanField(default=False)
    daml_state = models.CharField(max_length=12, choices=DamlState.choices, default=DamlState.NONE)
    notice_ends = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=12, choices=DamlDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    first_moratorium_ends = models.DateField(null=True, blank=True)
    moratorium_ends = models.DateField(null=True, blank=True)
    # The next statutory deadline while the clock runs (rules.next_due); None once it stops.
    daml_due = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["disclosed_on", "id"], name="sar_disclosed"),
            models.Index(fields=["daml_state", "disclosed_on"], name="sar_daml_state"),
            models.Index(
                fields=["daml_due"],
                condition=models.Q(daml_due__isnull=False),
                name="sar_daml_owed",
            ),
        ]

    def __str__(self) -> str:
        return self.ukfiu_reference

    @property
    def subject_list(self) -> list[str]:
        return [s for s in self.subjects.splitlines() if s.strip()]

    @property
    def linked_list(self) -> list[str]:
        return [s for s in self.linked_references.splitlines() if s.strip()]


class MoratoriumExtension(models.Model):
    """A Crown Court extension of a SAR's moratorium (POCA s.336A)."""

    sar = models.ForeignKey(Sar, on_delete=models.CASCADE, related_name="extensions")
    granted_on = models.DateField()
    extended_to = models.DateField()
    court = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["granted_on", "id"]
