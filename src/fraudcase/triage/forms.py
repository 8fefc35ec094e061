"""The assessment form: every §5.2 heading on one page, the matrix pre-filled where data allows."""

from django import forms

from fraudcase.forms import GovukMixin

from . import rules

YES_NO = [("yes", "Yes"), ("no", "No")]


class AssessmentForm(GovukMixin, forms.Form):
    def __init__(self, *args, scoring: dict, prefill: dict[str, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
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
        for name in rules.THRIVE:
            f[f"thrive_{name.lower()}"] = forms.CharField(
                label=name, required=False, widget=forms.Textarea
            )
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
        f["recommendation"] = forms.ChoiceField(
            label="Recommendation",
            widget=forms.RadioSelect,
            choices=[(r.value, label) for r, label in rules.RECOMMENDATION_LABELS.items()],
        )
        f["rationale"] = forms.CharField(
            label="Rationale (required for no further action)",
            required=False,
            widget=forms.Textarea,
        )


class DecisionForm(GovukMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[(r.value, label) for r, label in rules.RECOMMENDATION_LABELS.items()],
    )
    reason = forms.CharField(
        label="Reason (required for no further action)", required=False, widget=forms.Textarea
    )
    retask_direction = forms.ChoiceField(
        label="Change the tier",
        required=False,
        choices=[("", "Keep the tier"), ("up", "Task up a tier"), ("down", "Task down a tier")],
    )
    retask_reason = forms.ChoiceField(
        label="Reason for the change",
        required=False,
        choices=[
            ("", "No change"),
            ("complexity", "Complexity"),
            ("reputational_or_organisational_risk", "Reputational or organisational risk"),
            ("resources", "Resources"),
        ],
    )
    retask_explanation = forms.CharField(
        label="Explain the change of tier", required=False, widget=forms.Textarea
    )
