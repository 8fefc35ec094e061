"""Forms of the report itself: search, the enquiry log, the reason for a restricted record."""

from typing import ClassVar

from django import forms

from fraudcase.core.forms import GovukMixin

from .enums import ReportStatus, Source

# Dates typed into a filter: 1/10/2026, 1 10 2026 or 2026-10-01.
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]


def _filter_date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 1/10/2026",
        error_messages={"invalid": f"{label} must be a real date, for example 1/10/2026"},
    )


class SearchForm(GovukMixin, forms.Form):
    q = forms.CharField(
        label="Search reports",
        required=False,
        max_length=200,
        help_text="Local reference, NFRC number, victim name, postcode, or a suspect's phone, "
        "e-mail, website or bank account.",
    )


class SearchFiltersForm(SearchForm):
    """The search with the filters people narrow it by: source, status, when received."""

    source = forms.ChoiceField(
        label="Source", required=False, choices=[("", "All sources"), *Source.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ReportStatus.choices]
    )
    received_from = _filter_date("Received from")
    received_to = _filter_date("Received to")

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return data

    def filters(self) -> dict:
        """The filters chosen, as search_reports takes them."""
        return {
            k: self.cleaned_data.get(k) or ("" if k in ("source", "status") else None)
            for k in ("source", "status", "received_from", "received_to")
        }

    def described(self) -> str:
        """What was searched, in words, for the audit log: the term and each filter."""
        data = self.cleaned_data
        parts = [data["q"].strip()] if data.get("q", "").strip() else []
        if data.get("source"):
            parts.append(f"source {Source(data['source']).label}")
        if data.get("status"):
            parts.append(f"status {ReportStatus(data['status']).label}")
        if data.get("received_from"):
            parts.append(f"received from {data['received_from']:%d/%m/%Y}")
        if data.get("received_to"):
            parts.append(f"received to {data['received_to']:%d/%m/%Y}")
        return ", ".join(parts)


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
