from typing import ClassVar

from django import forms
from django.conf import settings
from django.utils import timezone

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import FileUploadForm, GovukMixin, date_field
from fraudcase.reports.enums import FraudType
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


def fraud_type_field() -> forms.ChoiceField:
    """The NFIB fraud type, chosen from the codes (reports.enums.FraudType); may be left for
    NFIB to set when the report is double-keyed."""
    return forms.ChoiceField(
        label="Fraud type",
        required=False,
        choices=[("", "Not known yet"), *FraudType.choices],
        help_text="The NFIB code Action Fraud would record it under.",
    )


class CallForServiceForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "caller_forename": "the caller's first name",
        "caller_surname": "the caller's last name",
        "caller_dob": "the caller's date of birth",
        "caller_phone": "the caller's telephone number",
        "caller_postcode": "the caller's postcode",
        "fraud_type": "the fraud type",
        "loss_gbp": "the loss in pounds",
    }

    caller_forename = forms.CharField(label="Caller's first name", max_length=100)
    caller_surname = forms.CharField(label="Caller's last name", max_length=100)
    caller_dob = date_field(
        "Caller's date of birth",
        allowed=Allowed.PAST,
        required=False,
        help_text="For example, 12 3 1948",
    )
    caller_phone = forms.CharField(label="Caller's telephone", max_length=30, required=False)
    caller_postcode = forms.CharField(label="Caller's postcode", max_length=10, required=False)
    fraud_type = fraud_type_field()
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
    names: ClassVar[dict[str, str]] = {
        "referrer_type": "who referred it",
        "referrer_name": "the referrer's name or organisation",
        "received_on": "the date the referral was received",
        "victim_type": "the victim type",
        "fraud_type": "the fraud type",
    }

    referrer_type = forms.ChoiceField(label="Who referred it", choices=ReferrerType.choices)
    referrer_name = forms.CharField(label="Referrer's name or organisation", max_length=200)
    received_on = date_field("Date received", allowed=Allowed.TODAY_OR_PAST)
    victim_type = forms.ChoiceField(label="Victim type", choices=VictimType.choices)
    fraud_type = fraud_type_field()
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
    victim_support_only = forms.BooleanField(
        label="Victim support only",
        required=False,
        help_text="A Report Fraud (Action Fraud) referral for victim support only: it goes to "
        "the Protect team, not to assessment.",
    )
    crime_in_action = forms.BooleanField(
        label="Crime in action",
        required=False,
        help_text="The offending is happening now: the cyber team acts the same day.",
    )

    def clean(self):
        data = super().clean()
        kind = data.get("victim_type")
        if kind == VictimType.INDIVIDUAL and not (data.get("forename") or data.get("surname")):
            self.add_error("surname", "Enter the victim's name")
        if kind and kind != VictimType.INDIVIDUAL and not data.get("business_name"):
            self.add_error("business_name", "Enter the organisation's name")
        return data
