"""Forms of the report itself: search, the enquiry log, the reason for a restricted record."""

from typing import ClassVar

from django import forms

from fraudcase.core.forms import GovukMixin


class SearchForm(GovukMixin, forms.Form):
    q = forms.CharField(
        label="Search reports",
        required=False,
        max_length=200,
        help_text="Local reference, NFRC number, victim name, postcode, or a suspect's phone, "
        "e-mail, website or bank account.",
    )


class LogEntryForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"text": "what to add to the enquiry log"}

    text = forms.CharField(label="Add to the enquiry log", widget=forms.Textarea, max_length=10000)


class JustificationForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"justification": "why you need to see this record"}

    justification = forms.CharField(
        label="Why do you need to see this record?",
        widget=forms.Textarea,
        max_length=1000,
        help_text="This record is restricted. Your reason is kept in the audit log.",
    )


class ErasureForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"reason": "why this personal data is being erased"}

    reason = forms.CharField(
        label="Why is this personal data being erased?",
        widget=forms.Textarea,
        max_length=1000,
        help_text="For example, the retention period has ended (DPA 2018 s.47). Kept in the "
        "audit log.",
    )
