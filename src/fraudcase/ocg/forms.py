"""Forms for organised crime groups (GOV.UK styled)."""

from typing import Any, ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field

from . import rules, services


class _Lead(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_role_display()})"


class OcgForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"name": "the group's name"}
    name = forms.CharField(label="Name", max_length=200, help_text="The group's working name.")
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="Its planning, control, co-ordination and structure, as known.",
    )
    lead_officer = _Lead(
        label="Lead officer",
        queryset=services.lead_officers(),
        required=False,
        empty_label="None yet",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class NominalForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "name": "the nominal's name",
        "role": "the nominal's role in the group",
        "profession": "the professional enabler's profession",
    }
    conditional = ("profession",)
    name = forms.CharField(label="Name", max_length=200)
    role = forms.ChoiceField(
        label="Role in the group", choices=rules.NominalRole.choices, widget=forms.RadioSelect
    )
    profession = forms.CharField(
        label="Profession",
        max_length=200,
        required=False,
        help_text="For a professional enabler: for example solicitor, accountant, "
        "company formation agent.",
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False, max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class EntryForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "kind": "the kind of entry",
        "on": "the date",
        "text": "what was decided or briefed",
    }
    kind = forms.ChoiceField(
        label="Kind of entry",
        choices=[(k.value, k.label) for k in rules.WRITTEN_KINDS],
        widget=forms.RadioSelect,
    )
    on = date_field("Date of the meeting or briefing", allowed=Allowed.TODAY_OR_PAST)
    text = forms.CharField(
        label="What was decided or briefed", widget=forms.Textarea, max_length=10000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class ThreatForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "level": "the threat level",
        "rationale": "the rationale for the threat level",
        "on": "the date of the assessment",
    }
    level = forms.ChoiceField(
        label="Threat level", choices=rules.ThreatLevel.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea,
        max_length=10000,
        help_text="The threat, harm and risk scored (MoRiLE), and what supports it.",
    )
    on = date_field("Date of the assessment", allowed=Allowed.TODAY_OR_PAST)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class StatusForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "status": "the new status",
        "reason": "why the status changes",
    }
    status = forms.ChoiceField(label="New status", choices=(), widget=forms.RadioSelect)
    reason = forms.CharField(label="Why", widget=forms.Textarea, max_length=5000)

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in rules.next_statuses(current)]
        self.style_fields()


class EvaluationForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"worked": "what worked", "improve": "what to improve"}
    worked = forms.CharField(label="What worked", widget=forms.Textarea, max_length=10000)
    improve = forms.CharField(label="What to improve", widget=forms.Textarea, max_length=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class ReportLinkForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"local_reference": "the report's reference"}
    local_reference = forms.CharField(label="Report reference", max_length=30)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()
