from django import forms
from django.conf import settings
from django.utils import timezone

from fraudcase.core.forms import FileUploadForm, GovukMixin
from fraudcase.reports.models import VictimType

from . import rules
from .models import Criterion, ReferrerType


class NFIBUploadForm(FileUploadForm):
    """The package file, and when the force received it if that was before this upload."""

    received_at = forms.DateTimeField(
        label="When the force received the package",
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "govuk-input govuk-input--width-20"},
            format="%Y-%m-%dT%H:%M",
        ),
        help_text="Leave blank if it arrived just now: the 24 hours to record it run from "
        "the upload. UK time, for example 2026-11-30 08:15.",
    )
    received_reason = forms.CharField(
        label="Why it is imported later than it was received",
        required=False,
        widget=forms.Textarea,
        help_text="Needed with an earlier time, for example: arrived on the NFIB portal on "
        "Saturday while the unit was closed.",
    )
    conditional = ("received_reason",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Dissemination package file"
        self.fields["file"].help_text = "A .csv or .xlsx file with one row per victim."
        self.uploaded_at = timezone.now()

    def clean(self):
        data = super().clean()
        wrong = rules.receipt_problems(
            data.get("received_at"), data.get("received_reason") or "", now=self.uploaded_at
        )
        for field, problem in wrong.items():
            self.add_error(field, problem)
        return data

    def job_options(self) -> dict:
        """What the import job needs to know about receipt (JSON values)."""
        received = self.cleaned_data.get("received_at")
        return {
            "uploaded_at": self.uploaded_at.isoformat(),
            "received_at": received.isoformat() if received else "",
            "received_reason": self.cleaned_data.get("received_reason") or "",
        }


class CallForServiceForm(GovukMixin, forms.Form):
    caller_forename = forms.CharField(label="Caller's first name", max_length=100)
    caller_surname = forms.CharField(label="Caller's last name", max_length=100)
    caller_dob = forms.DateField(
        label="Caller's date of birth",
        required=False,
        widget=forms.DateInput(),
        help_text="For example, 1948-03-12",
    )
    caller_phone = forms.CharField(label="Caller's telephone", max_length=30, required=False)
    caller_postcode = forms.CharField(label="Caller's postcode", max_length=10, required=False)
    fraud_type = forms.CharField(label="Fraud type (NFIB code)", max_length=20, required=False)
    loss_gbp = forms.DecimalField(
        label="Loss in pounds", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    summary = forms.CharField(label="What happened", widget=forms.Textarea)
    criteria = forms.MultipleChoiceField(
        label="Which call-for-service criteria are met?",
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. A vulnerable victim is always a call for service. "
        "If none applies, the caller is advised to report to Action Fraud.",
    )
    other_reason = forms.CharField(
        label="Reason for accepting for another reason", widget=forms.Textarea, required=False
    )


class ReferralForm(GovukMixin, forms.Form):
    referrer_type = forms.ChoiceField(label="Who referred it", choices=ReferrerType.choices)
    referrer_name = forms.CharField(label="Referrer's name or organisation", max_length=200)
    received_on = forms.DateField(
        label="Date received", widget=forms.DateInput(), help_text="For example, 2026-10-05"
    )
    victim_type = forms.ChoiceField(label="Victim type", choices=VictimType.choices)
    forename = forms.CharField(label="Victim's first name", max_length=100, required=False)
    surname = forms.CharField(label="Victim's last name", max_length=100, required=False)
    business_name = forms.CharField(
        label="Business or organisation name", max_length=200, required=False
    )
    postcode = forms.CharField(label="Victim's postcode", max_length=10, required=False)
    summary = forms.CharField(label="What is alleged", widget=forms.Textarea)
    attachment = forms.FileField(
        label="Material",
        required=False,
        help_text=f"PDF, image, text, e-mail, Word or Excel; up to "
        f"{settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB.",
    )
    storage_decision = forms.CharField(
        label="Storage decision for physical or oversized material",
        required=False,
        widget=forms.Textarea,
        help_text="Where it is kept, by whom, and why.",
    )

    def clean(self):
        data = super().clean()
        kind = data.get("victim_type")
        if kind == VictimType.INDIVIDUAL and not (data.get("forename") or data.get("surname")):
            self.add_error("surname", "Enter the victim's name")
        if kind and kind != VictimType.INDIVIDUAL and not data.get("business_name"):
            self.add_error("business_name", "Enter the organisation's name")
        return data
