"""Forms for the file for the CPS (GOV.UK styled)."""

from typing import Any, ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field

from .rules import (
    ChargingOutcome,
    DecisionMaker,
    DocumentKind,
    HearingKind,
    HearingResult,
    InterviewKind,
    OfficerDecision,
    ProsecutorDecision,
)


class DocumentForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "kind": "what kind of document it is",
        "title": "a title",
        "author": "who made it",
        "dated": "the date on the document",
        "upload": "the file",
    }
    kind = forms.ChoiceField(label="Kind", choices=[("", "Select a kind"), *DocumentKind.choices])
    title = forms.CharField(label="Title", max_length=200)
    author = forms.CharField(
        label="Author",
        max_length=200,
        help_text="The witness who made the statement, or the author.",
    )
    dated = date_field("Date on the document", allowed=Allowed.TODAY_OR_PAST)
    upload = forms.FileField(label="File", help_text="Kept with its SHA-256 fingerprint.")


class VersionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"upload": "the file", "note": "what changed"}
    upload = forms.FileField(label="File of the new version")
    note = forms.CharField(label="What changed", max_length=300)


class ItemForm(GovukMixin, forms.Form):
    """An item of unused material; the decision (MG6C) or the sensitivity (MG6D) is removed
    by the view for the other schedule."""

    names: ClassVar[dict[str, str]] = {
        "description": "a description of the item",
        "location": "where the material is kept",
        "decision": "the disclosure officer's decision",
        "sensitivity": "why the material is sensitive",
    }
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Describe this item on its own, clearly enough for the prosecutor to judge it.",
    )
    location = forms.CharField(label="Where it is kept", max_length=200)
    decision = forms.ChoiceField(
        label="Disclosure officer's decision",
        choices=OfficerDecision.choices,
        widget=forms.RadioSelect,
    )
    sensitivity = forms.CharField(
        label="Reason it is sensitive", widget=forms.Textarea, max_length=5000
    )

    def __init__(self, *args: Any, sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["decision" if sensitive else "sensitivity"]


class WithdrawForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"reason": "why the item is withdrawn"}
    reason = forms.CharField(label="Why it is withdrawn", max_length=300)


class ProsecutorForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"prosecutor_decision": "the prosecutor's decision"}
    prosecutor_decision = forms.ChoiceField(
        label="Prosecutor's decision",
        choices=[("", "Select a decision"), *ProsecutorDecision.choices[1:]],
    )


class CertifyForm(GovukMixin, forms.Form):
    attention = forms.CharField(
        label="Material for the prosecutor's attention",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        help_text="Anything that might undermine the prosecution case or assist the defence.",
    )
    certified = forms.BooleanField(
        label="I certify that the material has been retained, recorded and reviewed, and that "
        "the schedules are complete."
    )


def _suspect_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label="Suspect", coerce=int)


class _SuspectForm(GovukMixin, forms.Form):
    def __init__(self, *args: Any, suspects: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suspect"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Select a suspect"), *suspects]
        self.style_fields()


class InterviewForm(_SuspectForm):
    names: ClassVar[dict[str, str]] = {"kind": "the type of interview", "held_on": "the date"}
    suspect = _suspect_field()
    held_on = date_field("Date of the interview", allowed=Allowed.TODAY_OR_PAST)
    kind = forms.ChoiceField(label="Type", choices=InterviewKind.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)


class ChargingRequestForm(_SuspectForm):
    names: ClassVar[dict[str, str]] = {
        "decision_maker": "who makes the decision",
        "requested_on": "the date it was requested",
    }
    suspect = _suspect_field()
    decision_maker = forms.ChoiceField(
        label="Decision by", choices=DecisionMaker.choices, widget=forms.RadioSelect
    )
    requested_on = date_field("Date requested", allowed=Allowed.TODAY_OR_PAST)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, max_length=5000, required=False)


class ChargingDecisionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"decision": "the decision", "decided_on": "the date"}
    decision = forms.ChoiceField(
        label="Decision", choices=[("", "Select the decision"), *ChargingOutcome.choices]
    )
    decided_on = date_field("Date of the decision", allowed=Allowed.TODAY_OR_PAST)


class HearingForm(_SuspectForm):
    names: ClassVar[dict[str, str]] = {"held_on": "the date of the hearing", "kind": "the type"}
    suspect = _suspect_field()
    held_on = date_field("Date of the hearing")
    court = forms.CharField(label="Court", max_length=200)
    kind = forms.ChoiceField(label="Type", choices=[("", "Select a type"), *HearingKind.choices])


class HearingResultForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"result": "the result"}
    result = forms.ChoiceField(
        label="Result", choices=[("", "Select the result"), *HearingResult.choices[1:]]
    )
    notes = forms.CharField(label="Notes", max_length=2000, required=False)
