"""Screening-matrix scoring versions (App. B). Assessments will record the version they used."""

from django.conf import settings
from django.db import models

from fraudcase.core.enums import Choices

from .rules import ASKED_FACTS, Recommendation


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


class Assessment(models.Model):
    """The assessor's record of §5.2 for one report, with the matrix score and App. D tier."""

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="assessment"
    )
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    assessed_at = models.DateTimeField(auto_now_add=True)
    hocr_compliant = models.BooleanField(
        default=True, help_text="Recorded in line with the Home Office Counting Rules"
    )
    hocr_notes = models.TextField(blank=True)
    full_account = models.TextField(blank=True)
    solvability = models.TextField(blank=True)
    recoverable_assets = models.TextField(blank=True)
    disruption_opportunities = models.TextField(blank=True)
    four_ps = models.JSONField(default=list)
    entitlements = models.JSONField(default=dict, help_text="VCOP entitlement -> date given")
    repeat_victim = models.BooleanField(default=False)
    enhanced_service = models.BooleanField(
        default=False,
        help_text="Vulnerable, intimidated, persistently targeted or most serious crime: "
        "updates within 1 working day instead of 5 (Victims' Code).",
    )
    thrive = models.JSONField(default=dict)
    ndm_rationale = models.TextField()
    factors_towards_investigation = models.JSONField(default=list)
    factors_towards_caution = models.JSONField(default=list)
    proportionality = models.JSONField(default=dict)
    matrix_answers = models.JSONField(default=dict)
    multipliers = models.JSONField(default=list)
    tier_facts = models.JSONField(
        default=list,
        blank=True,
        help_text="The Appendix D facts the assessor ticked (names of triage.rules.ASKED_FACTS).",
    )
    scoring_version = models.CharField(max_length=60)
    score = models.FloatField()
    tier = models.PositiveSmallIntegerField()
    team = models.CharField(max_length=60)
    reasons = models.JSONField(default=list)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    rationale = models.TextField(blank=True)

    @property
    def tier_fact_labels(self) -> list[str]:
        """The ticked Appendix D facts in words, for the report page."""
        labels = {fact.name: fact.label for fact in ASKED_FACTS}
        return [labels.get(name, name) for name in self.tier_facts]


class AssessmentDraft(models.Model):
    """One assessor's unfinished assessment of a report: theirs alone, kept (across sign-outs)
    until the assessment is recorded. Answers are kept as posted, unchecked."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="assessment_drafts"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict, help_text="Form field name -> the answer as posted.")
    sections = models.JSONField(
        default=dict, help_text="Section key -> its status (triage.rules.SectionStatus)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "author"], name="one_assessment_draft_per_assessor"
            )
        ]


class SupervisorDecision(models.Model):
    """The VFT supervisor's route for an assessed report (§5.3), with any change of tier."""

    # More than one: a report sent for evaluation comes back to the supervisor (App. F).
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="supervisor_decisions"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=20, choices=Recommendation.choices)
    reason = models.TextField(blank=True)
    tier_before = models.PositiveSmallIntegerField()
    tier = models.PositiveSmallIntegerField()
    retask_reason = models.CharField(max_length=40, blank=True)
    retask_explanation = models.TextField(blank=True)
    # A decision not to investigate: when its letter to the victim is due (5 working days);
    # None for other decisions and once the letter is sent (triage.services.decide,
    # cases.services.record_letter).
    explanation_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["explanation_due", "id"],
                condition=models.Q(explanation_due__isnull=False),
                name="decision_explanation_owed",
            )
        ]


class EvidenceFrom(Choices):
    VICTIM = "victim", "The victim"
    THIRD_PARTY = "third_party", "A third party (bank, business, other)"


class EvidenceRequest(models.Model):
    """Evidence asked of the victim or a third party (§5.2): 28 days, then filed pending."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="evidence_requests"
    )
    asked_of = models.CharField(max_length=20, choices=EvidenceFrom.choices)
    what = models.TextField()
    requested_on = models.DateField()
    due_on = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["received_on", "due_on"])]


class Evaluation(models.Model):
    """The two-stage evaluation of App. F, returned to the supervisor for decision."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    # Stage 1: suspect and crime evaluation.
    summary = models.TextField(help_text="What has occurred, the type of fraud, payment trace.")
    checks_made = models.JSONField(default=list)
    checks_notes = models.TextField(blank=True)
    disruption_done = models.JSONField(default=list)
    disruption_notes = models.TextField(blank=True)
    stage1_at = models.DateTimeField(null=True, blank=True)
    # Stage 2: Fraud Investigation Model evaluation.
    case_summary = models.TextField(blank=True)
    ideal_outcome = models.TextField(blank=True)
    requirements = models.JSONField(default=dict, help_text="App. F requirements a-e")
    nature_of_offending = models.TextField(blank=True)
    evidence_assessment = models.TextField(blank=True)
    tracing_assessment = models.TextField(blank=True)
    proportionality = models.TextField(blank=True)
    enforcement_assessment = models.TextField(blank=True)
    recommendation = models.CharField(max_length=20, blank=True)
    recommendation_reasons = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
