"""Forms for the SAR register and its DAML decisions (GOV.UK styled)."""

from typing import ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import FileUploadForm, GovukMixin, date_field

from . import rules


class SarForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "ukfiu_reference": "the UKFIU reference",
        "disclosed_on": "the date of disclosure",
        "reporting_institution": "the reporting institution",
        "subjects": "at least one subject",
        "reason": "the reason for suspicion",
    }

    ukfiu_reference = forms.CharField(
        label="UKFIU reference", max_length=40, help_text="For example, 2026-0004711."
    )
    disclosed_on = date_field("Date of disclosure", allowed=Allowed.TODAY_OR_PAST)
    reporting_institution = forms.CharField(
        label="Reporting institution", max_length=200, help_text="For example, Castle Bank plc."
    )
    subjects = forms.CharField(
        label="Subjects", widget=forms.Textarea, help_text="One person or business a line."
    )
    reason = forms.CharField(label="Reason for suspicion", widget=forms.Textarea)
    amount_gbp = forms.CharField(
        label="Amount in pounds", required=False, max_length=20, help_text="For example, 1250.00."
    )
    daml = forms.BooleanField(
        label="It asks for consent (DAML)",
        required=False,
        help_text="A defence against money laundering request: the 7 working day notice "
        "period starts.",
    )
    linked_references = forms.CharField(
        label="Linked reports",
        required=False,
        help_text="Local references or NFRC numbers, separated by commas.",
    )
    named_users = forms.CharField(
        label="Officers named on it",
        required=False,
        help_text="Usernames, separated by commas. They will see this SAR.",
    )
    victim_name = forms.CharField(
        label="Victim's name",
        required=False,
        max_length=200,
        help_text="If the SAR names a victim: they are checked against the vulnerability rules "
        "(App. C) and referred to the vulnerability team without the SAR.",
    )
    victim_dob = date_field("Victim's date of birth", allowed=Allowed.PAST, required=False)
    victim_postcode = forms.CharField(label="Victim's postcode", required=False, max_length=10)


class ReasonForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"justification": "why you need to see it"}

    justification = forms.CharField(
        label="Why do you need to see it?",
        max_length=500,
        widget=forms.Textarea,
        help_text="Your reason is kept in the audit log with each time you look (DPA 2018 s.62).",
    )


class DecisionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"decision": "the decision", "on": "the date"}

    decision = forms.ChoiceField(
        label="Decision", choices=rules.DamlDecision.choices, widget=forms.RadioSelect
    )
    on = date_field("Date of the decision", allowed=Allowed.TODAY_OR_PAST, required=False)
    reason = forms.CharField(label="Why", widget=forms.Textarea, required=False)


class ExtensionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "granted_on": "the date the court granted it",
        "extended_to": "the new end of the moratorium",
        "court": "the Crown Court",
    }

    granted_on = date_field("Date the court granted it", allowed=Allowed.TODAY_OR_PAST)
    extended_to = date_field("Moratorium now ends on", help_text="At most 31 days later.")
    court = forms.CharField(label="Crown Court", max_length=200)


class EndForm(GovukMixin, forms.Form):
    reason = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        required=False,
        help_text="For example, the moratorium ran out, or a restraint order was made.",
    )


class SarUploadForm(FileUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "SARs from the UKFIU"
        self.fields["profile"].help_text = (
            "Leave as 'default' unless the file's headings need mapping (a profile of kind "
            "'UKFIU SAR file')."
        )
