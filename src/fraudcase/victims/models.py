"""Victim lists and the vulnerability log (seed 001 §6, App. C; WMP seed ¶47-¶63)."""

from django.conf import settings
from django.db import models

from fraudcase.core.enums import Choices

# The enums live in rules.py (pure, used by the command-line scan without Django).
from .rules import PlanHow, PlanStatus, Response, VulnerabilityStatus


class VictimList(models.Model):
    """One uploaded NFIB victim list (monthly in Leicestershire, weekly in West Midlands)."""

    filename = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    first_report_date = models.DateField(null=True)
    last_report_date = models.DateField(null=True)
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    held_reports_checked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.uploaded_at:%d %b %Y})"


class VictimListEntry(models.Model):
    """A victim from a list, with the status and reasons the scan gave; one per NFRC number."""

    victim_list = models.ForeignKey(VictimList, on_delete=models.CASCADE, related_name="entries")
    row = models.PositiveIntegerField()
    nfrc = models.CharField(max_length=30, unique=True)
    report_date = models.DateField()
    victim_type = models.CharField(max_length=40)
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    business_name = models.CharField(max_length=200, blank=True)
    dob = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    loss_gbp = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    referred = models.BooleanField(default=False)
    fraud_type = models.CharField(max_length=20, blank=True)
    contact_method = models.CharField(max_length=60, blank=True)
    segment = models.CharField(max_length=10, blank=True)
    narrative = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=VulnerabilityStatus.choices, db_index=True)
    under_18 = models.BooleanField(default=False)
    dob_missing = models.BooleanField(default=False)
    keywords = models.CharField(max_length=300, blank=True)
    response = models.CharField(max_length=200, blank=True)
    reasons = models.TextField(blank=True)
    repeat_reports = models.PositiveIntegerField(default=0)
    # Already referred by the national Economic Crime Victim Care Unit: not contacted locally
    # (WMP seed ¶63 iii). Kept in step by services, set-based.
    ecvcu_referred = models.BooleanField(db_default=False)

    class Meta:
        ordering = ["victim_list", "row"]
        indexes = [
            # A list's segments, counted and read in the list's order (issue 16).
            models.Index(
                fields=["victim_list", "status", "ecvcu_referred", "row"],
                name="entry_list_segment_row",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nfrc} {self.display_name}"

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}".strip() or self.business_name

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.split(";") if k]


class EcvcuReferral(models.Model):
    """A victim the national Economic Crime Victim Care Unit has already referred."""

    nfrc = models.CharField(max_length=30, unique=True)
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    dob = models.DateField(null=True, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.nfrc


class ActionState(Choices):
    OPEN = "open", "To do"
    DONE = "done", "Done"


class VulnerabilityAction(models.Model):
    """A decided contact with a victim: a task in the officer's queue until its result is in.

    Together with partner referrals and next of kin this is the vulnerability log.
    """

    entry = models.ForeignKey(VictimListEntry, on_delete=models.CASCADE, related_name="actions")
    response = models.CharField(max_length=20, choices=Response.choices)
    is_follow_up = models.BooleanField(default=False)
    no_visit_reason = models.TextField(blank=True)
    # The victim is with the national ECVCU: who there agreed to, or handed over, local
    # contact (WMP ¶63 iii). Required for such a victim; see rules.decision_problems.
    ecvcu_handover = models.TextField(blank=True, db_default="")
    # Nobody yet when the response is decided for many victims and assigned later (issue 11).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="vulnerability_tasks",
        null=True,
        blank=True,
    )
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=ActionState.choices, default=ActionState.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)
    financial_abuse = models.BooleanField(default=False)
    ppn_raised = models.BooleanField(
        default=False, help_text="Public Protection Notice raised for financial abuse"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # The vulnerability log, latest decided first (issue 16).
            models.Index(fields=["decided_at"], name="action_decided_at"),
            # An officer's open tasks, soonest due first (issue 16).
            models.Index(
                fields=["assignee", "due_on"],
                condition=models.Q(state="open"),
                name="action_open_by_assignee",
            ),
        ]
        constraints = [
            # A victim has at most one open task: two officers are never sent to the same door.
            models.UniqueConstraint(
                fields=["entry"],
                condition=models.Q(state="open"),
                name="one_open_task_per_victim",
            )
        ]


class Partner(Choices):
    VICTIM_FIRST = "victim_first", "Victim First"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult Social Care"
    AGE_UK = "age_uk", "Age UK"
    NEIGHBOURHOOD_WATCH = "neighbourhood_watch", "Neighbourhood Watch"
    OTHER = "other", "Other"


class PartnerReferral(models.Model):
    entry = models.ForeignKey(
        VictimListEntry, on_delete=models.CASCADE, related_name="partner_referrals"
    )
    partner = models.CharField(max_length=30, choices=Partner.choices)
    other_partner = models.CharField(max_length=100, blank=True)
    consent = models.BooleanField()
    notes = models.TextField(blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    referred_at = models.DateTimeField(auto_now_add=True)


class NextOfKin(models.Model):
    entry = models.ForeignKey(VictimListEntry, on_delete=models.CASCADE, related_name="next_of_kin")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    contacted_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)


class RepeatPhrase(models.Model):
    """Words in an account saying the victim was defrauded before: VS2 (§6.6 step 5).

    Edited by administrators in /admin/; the defaults (`rules.REPEAT_PHRASES`) come with the
    data migration. Matched case-insensitively anywhere in the narrative.
    """

    phrase = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(
        default=True, help_text="Untick to stop using a phrase without losing it."
    )
    notes = models.CharField(max_length=200, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.phrase


class BusinessContactPlan(models.Model):
    """Who contacts a business on the week's top five, how and by when (WMP seed ¶63 ii)."""

    entry = models.OneToOneField(
        VictimListEntry, on_delete=models.CASCADE, related_name="contact_plan"
    )
    who = models.CharField(max_length=200)
    how = models.CharField(max_length=20, choices=PlanHow.choices)
    by_when = models.DateField()
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=PlanStatus.choices, default=PlanStatus.PLANNED.value
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Contact plan for {self.entry.nfrc}"
