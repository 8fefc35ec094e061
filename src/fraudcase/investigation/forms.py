"""Forms for the investigation file (GOV.UK styled)."""

from typing import Any, ClassVar

from django import forms

from fraudcase.core.forms import GovukMixin


class DecisionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "decision": "the decision",
        "reasons": "the reasons for the decision",
        "options": "the options considered",
        "signed": "that you sign the decision",
    }
    decision = forms.CharField(label="Decision", widget=forms.Textarea, max_length=5000)
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea, max_length=5000, help_text="Why you decided it."
    )
    options = forms.CharField(
        label="Options considered",
        widget=forms.Textarea,
        max_length=5000,
        help_text="The other courses you weighed, and why they were not taken.",
    )
    supersedes = forms.TypedChoiceField(
        label="Supersedes an earlier decision",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The earlier decision stays in the log, shown as superseded by this one.",
    )
    signed = forms.BooleanField(
        label="I sign this decision as mine. Once recorded it cannot be changed.",
    )

    def __init__(self, *args: Any, open_decisions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supersedes"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "No"), *open_decisions]
        self.style_fields()
