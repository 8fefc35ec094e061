"""The assessment form: every §5.2 heading on one page, the matrix pre-filled where data allows."""

from django import forms

from fraudcase.core.forms import GovukMixin, optional_text

from . import rules
from .models import EvidenceFrom

YES_NO = [("yes", "Yes"), ("no", "No")]


class AssessmentForm(GovukMixin, forms.Form):
    conditional = ("rationale",)

    def __init__(self, *args, scoring: dict, prefill: dict[str, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["hocr_compliant"] = forms.ChoiceField(
            label="Is the crime recorded in line with the Home Office Counting Rules?",
            choices=YES_NO,
            widget=forms.RadioSelect,
        )
        f["hocr_notes"] = optional_text("What needs correcting")
        for name, label in rules.ASSESSMENT_NARRATIVE:
            f[name] = optional_text(label)
        f["four_ps"] = forms.MultipleChoiceField(
            label="Which of the 4Ps apply",
            required=False,
            choices=[(p, p) for p in rules.FOUR_PS],
            widget=forms.CheckboxSelectMultiple,
        )
        for i, text in enumerate(rules.VCOP_ENTITLEMENTS):
            f[f"entitlement_{i}"] = forms.DateField(
                label=text,
                required=False,
                widget=forms.DateInput(),
                help_text="Date given, e.g. 2026-11-21",
            )
        f["repeat_victim"] = forms.BooleanField(
            label="The victim is a repeat victim", required=False
        )
        f["enhanced_service"] = forms.BooleanField(
            label="The victim is entitled to the enhanced service",
            required=False,
            help_text="Vulnerable, intimidated, persistently targeted, or a victim of the most "
            "serious crime: updates within 1 working day instead of 5.",
        )
        for name in rules.THRIVE:
            f[f"thrive_{name.lower()}"] = optional_text(name)
        f["ndm_rationale"] = forms.CharField(
            label="National Decision Model rationale", widget=forms.Textarea
        )
        f["factors_for"] = forms.MultipleChoiceField(
            label="Factors tending towards investigation",
            required=False,
            choices=list(enumerate(rules.FACTORS_TOWARDS_INVESTIGATION)),
            widget=forms.CheckboxSelectMultiple,
        )
        f["factors_caution"] = forms.MultipleChoiceField(
            label="Factors tending towards a more cautious approach",
            required=False,
            choices=list(enumerate(rules.FACTORS_TOWARDS_CAUTION)),
            widget=forms.CheckboxSelectMultiple,
        )
        for i, question in enumerate(rules.PROPORTIONALITY_QUESTIONS):
            f[f"proportionality_{i}"] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect
            )
        for heading, spec in scoring["headings"].items():
            option, why = prefill.get(heading, ("", ""))
            f[f"matrix_{heading}"] = forms.ChoiceField(
                label=spec["label"],
                widget=forms.RadioSelect,
                choices=[(key, label) for key, (label, _points) in spec["options"].items()],
                initial=option or None,
                help_text=f"Pre-filled: {why}. Confirm or change it." if why else "",
            )
        f["multipliers"] = forms.MultipleChoiceField(
            label="Special considerations (multipliers)",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(key, label) for key, (label, _f) in scoring["multipliers"].items()],
        )
        f["tier_facts"] = forms.MultipleChoiceField(
            label="Appendix D: which of these apply?",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(fact.name, fact.label) for fact in rules.ASKED_FACTS],
            help_text="Any that applies sets the tier, whatever the matrix score: "
            "Appendix D wins over the score. Select all that apply.",
        )
        f["recommendation"] = forms.ChoiceField(
            label="Recommendation",
            widget=forms.RadioSelect,
            choices=rules.Recommendation.choices,
        )
        f["rationale"] = optional_text("Rationale (required for no further action)")
        self.style_fields()


class DecisionForm(GovukMixin, forms.Form):
    """The supervisor's route, and any re-tasking to another tier (App. D note)."""

    conditional = ("reason", "retask_reason", "retask_explanation")

    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=rules.Recommendation.choices,
    )
    reason = optional_text("Reason (required for no further action)")
    retask_to = forms.TypedChoiceField(
        label="Tier", required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )
    retask_reason = forms.ChoiceField(
        label="Reason for the change of tier (required to change it)",
        required=False,
        widget=forms.RadioSelect,
        choices=rules.TaskingReason.choices,
    )
    retask_explanation = optional_text("Explain the change of tier (required to change it)")

    def __init__(self, *args, current_tier: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = f"Keep tier {current_tier}" if current_tier else "Keep the tier"
        self.fields["retask_to"].choices = [("", keep)] + [
            (int(t), f"Task to tier {int(t)}: {rules.TEAM_FOR_TIER[t]}")
            for t in rules.Tier
            if int(t) != current_tier
        ]
        self.fields["retask_to"].initial = ""
        if current_tier:
            self.fields["retask_to"].help_text = (
                f"Now tier {current_tier}. A report may be tasked up or down by one or more "
                "tiers for its complexity, reputational or organisational risk, or the "
                "resources it needs (Appendix D)."
            )
        self.style_fields()


class EvidenceRequestForm(GovukMixin, forms.Form):
    asked_of = forms.ChoiceField(
        label="Asked of", widget=forms.RadioSelect, choices=EvidenceFrom.choices
    )
    what = forms.CharField(label="Evidence asked for", widget=forms.Textarea)


class EvaluationForm(GovukMixin, forms.Form):
    """App. F on one page: stage 1 (suspect and crime) then stage 2 (Fraud Investigation Model)."""

    # Stage 2 is needed to complete the evaluation, not to save stage 1.
    conditional = (*rules.STAGE_2_FIELDS, "recommendation")

    summary = forms.CharField(
        label="What has occurred: the type of fraud and the trace of payments",
        widget=forms.Textarea,
    )
    checks_made = forms.MultipleChoiceField(
        label="Suspect intelligence checks made",
        required=False,
        choices=[(c, c) for c in rules.EVALUATION_CHECKS],
        widget=forms.CheckboxSelectMultiple,
    )
    checks_notes = optional_text("What the checks found")
    disruption_done = forms.MultipleChoiceField(
        label="Disruption done or possible",
        required=False,
        choices=[(d, d) for d in rules.EVALUATION_DISRUPTION],
        widget=forms.CheckboxSelectMultiple,
    )
    disruption_notes = optional_text("Disruption notes")
    case_summary = optional_text("Case summary")
    ideal_outcome = optional_text("Ideal outcome: what the victim wants, and whether it is likely")
    nature_of_offending = optional_text("Nature of offending")
    evidence_assessment = optional_text(
        "Evidence: what we have, what we need, what is easy or hard to get"
    )
    tracing_assessment = optional_text("Tracing of suspects")
    proportionality = optional_text("Proportionality of investigating")
    enforcement_assessment = optional_text("Enforcement: arrest, search, warrant")
    recommendation = forms.ChoiceField(
        label="Recommendation",
        required=False,
        widget=forms.RadioSelect,
        choices=rules.EvaluationRecommendation.choices,
    )
    recommendation_reasons = optional_text("Because")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in rules.EVALUATION_REQUIREMENTS:
            self.fields[f"requirement_{key}"] = forms.CharField(
                label=f"{key}. {label}", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.style_fields()
