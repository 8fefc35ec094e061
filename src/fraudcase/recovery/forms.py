"""Forms for accreditations, register entries, their steps and the App. E assessment."""

from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field

from . import rules, services
from .models import StepKind


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.username})"


def _officers() -> OfficerChoice:
    return OfficerChoice(
        queryset=User.objects.filter(is_active=True).order_by("username"),
        label="Officer",
        required=False,
        empty_label="Choose an officer",
    )


class AccreditationForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"officer": "the officer", "kind": "the accreditation"}

    officer = OfficerChoice(
        queryset=User.objects.filter(is_active=True).order_by("username"), label="Officer"
    )
    kind = forms.ChoiceField(label="Accreditation", choices=rules.Accreditation.choices)
    awarded_on = date_field("Date awarded", allowed=Allowed.TODAY_OR_PAST)
    expires_on = date_field(
        "Expiry date", required=False, help_text="Leave blank if it does not expire."
    )
    reference = forms.CharField(label="Certificate reference", required=False, max_length=60)


LABELS = {
    "seized_on": "Date of seizure",
    "applied_on": "Date applied for",
    "granted_on": "Date granted (order made)",
    "served_on": "Date served",
    "response_due": "Response due",
    "received_on": "Date received",
    "expires_on": "Expiry date",
    "review_on": "Next review",
    "pay_by": "Time to pay ends",
}


class EntryForm(GovukMixin, forms.Form):
    """Every field a register may ask; `__init__` keeps those of the kind (rules.FIELDS)."""

    names: ClassVar[dict[str, str]] = {"report": "the local reference of the report"}

    report = forms.CharField(
        label="Report (local reference)", max_length=40, help_text="For example, LOC-2026-000123."
    )
    ocg = forms.CharField(
        label="Organised crime group",
        required=False,
        max_length=20,
        help_text="For example, OCG-000042.",
    )
    subject = forms.CharField(label="Subject", max_length=200, help_text="The person or business.")
    officer = _officers()
    status = forms.ChoiceField(label="Status")
    court = forms.CharField(label="Court", required=False, max_length=200)
    amount_gbp = forms.CharField(label="Amount in pounds", required=False, max_length=20)
    below_minimum_reason = forms.CharField(
        label="Under the minimum amount: power used instead and why",
        required=False,
        widget=forms.Textarea,
    )
    benefit_gbp = forms.CharField(label="Benefit figure in pounds", required=False, max_length=20)
    available_gbp = forms.CharField(
        label="Available amount in pounds", required=False, max_length=20
    )
    pursued = forms.BooleanField(label="Confiscation is pursued", required=False, initial=True)
    pursuit_reason = forms.CharField(
        label="Why confiscation is or is not pursued",
        required=False,
        widget=forms.Textarea,
        help_text="Required when the available amount is under £300 (seed 001 §7.4).",
    )
    order_gbp = forms.CharField(
        label="Amount of the order in pounds", required=False, max_length=20
    )
    compensation_gbp = forms.CharField(
        label="Compensation to victims in pounds", required=False, max_length=20
    )
    conditions = forms.CharField(label="Conditions", required=False, widget=forms.Textarea)
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name, label in LABELS.items():
            if name in rules.FIELDS[kind]:
                self.fields[name] = date_field(label, required=False)
        keep = {"report", "ocg", "subject", "officer", "status", "notes", *rules.FIELDS[kind]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        order = ["report", "ocg", "subject", "officer", "status", *rules.FIELDS[kind], "notes"]
        self.order_fields(order)
        self.fields["status"].choices = [(s.value, s.label) for s in rules.STATUSES[kind]]
        needed = rules.required_for(kind)
        if needed:
            self.fields["officer"].help_text = (
                "Needs a current "
                + " or ".join(sorted(a.label.lower() for a in needed))
                + " accreditation (seed 001 §8)."
            )
        self.style_fields()

    def clean_officer(self) -> User | None:
        officer = self.cleaned_data.get("officer")
        problem = services.officer_problem(self.kind, officer, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return officer


class StepForm(GovukMixin, forms.Form):
    kind = forms.ChoiceField(label="What happened")
    on = date_field("Date", allowed=Allowed.TODAY_OR_PAST)
    amount = forms.CharField(label="Amount in pounds", required=False, max_length=20)
    until = date_field("Further detention ends", required=False)
    court = forms.CharField(label="Court", required=False, max_length=200)
    text = forms.CharField(label="Details", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, entry_kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = services.STEPS.get(entry_kind, (StepKind.NOTE,))
        self.fields["kind"].choices = [(k, StepKind(k).label) for k in allowed]
        if StepKind.EXTENSION not in allowed:
            del self.fields["until"]
        self.style_fields()


class AssessmentForm(GovukMixin, forms.Form):
    """App. E: each factor Yes/No with comments, the recommendation and the allocation."""

    recommendation = forms.ChoiceField(
        label="Recommendation", choices=rules.Recommendation.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        widget=forms.Textarea,
        help_text="Required for the civil route (seed 001 §7.3).",
    )
    non_acceptance = forms.CharField(
        label="Rationale for non-acceptance", required=False, widget=forms.Textarea
    )
    allocated_to = OfficerChoice(
        queryset=User.objects.filter(is_active=True).order_by("username"),
        label="Allocated to (accredited financial investigator)",
        required=False,
        empty_label="Not allocated",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for factor in rules.Factor:
            self.fields[f"factor_{factor.value}"] = forms.BooleanField(
                label=f"{factor.label}: allocation yes", required=False
            )
            self.fields[f"comment_{factor.value}"] = forms.CharField(
                label=f"{factor.label}: comments", required=False, max_length=500
            )
        self.order_fields(
            [n for f in rules.Factor.values for n in (f"factor_{f}", f"comment_{f}")]
            + ["recommendation", "rationale", "non_acceptance", "allocated_to"]
        )
        self.style_fields()

    def factors(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            f: {"yes": bool(data.get(f"factor_{f}")), "comment": data.get(f"comment_{f}", "")}
            for f in rules.Factor.values
        }
