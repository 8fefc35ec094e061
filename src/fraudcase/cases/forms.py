"""Forms for allocation, case work and finalisation."""

from dataclasses import fields
from typing import Any, ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field

from . import rules
from .rules import HOME_OFFICE_OUTCOMES, CeaseAndDesistFacts


class AllocationForm(GovukMixin, forms.Form):
    conditional = ("override_reason",)

    def __init__(self, *args, investigators, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"] = forms.TypedChoiceField(
            label="Investigator",
            coerce=int,
            widget=forms.RadioSelect,
            choices=investigators,
            help_text="Suitable investigators with the lightest load are listed first.",
        )
        self.fields["team"] = forms.TypedChoiceField(
            label="Team", coerce=int, choices=[("", "Choose a team"), *teams]
        )
        self.fields["update_every_days"] = forms.TypedChoiceField(
            label="Victim contract: update the victim every",
            coerce=int,
            initial=28,
            choices=[(d, f"{d} days") for d in rules.UPDATE_FREQUENCIES],
        )
        self.fields["override_reason"] = forms.CharField(
            label="Reason, if the investigator is not a suitable match",
            required=False,
            widget=forms.Textarea,
        )
        self.style_fields()


class ReviewForm(GovukMixin, forms.Form):
    notes = forms.CharField(label="What the review found", widget=forms.Textarea)
    recommendations = forms.CharField(
        label="Further recommendations", required=False, widget=forms.Textarea
    )


class TaskForm(GovukMixin, forms.Form):
    """A task on the case: assigned to the person adding it when they may take tasks; due
    today or later (a due date already past would be overdue the moment it is set)."""

    names: ClassVar[dict[str, str]] = {
        "text": "the task",
        "due": "the date the task is due",
        "assignee": "who to assign the task to",
    }

    text = forms.CharField(label="Task", max_length=300)
    due = date_field("Due", allowed=Allowed.TODAY_OR_FUTURE)

    def __init__(
        self, *args: Any, assignees: list[tuple[int, str]], me: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = forms.TypedChoiceField(
            label="Assign to",
            coerce=int,
            choices=[("", "Choose who to assign it to"), *assignees],
            initial=me if any(pk == me for pk, _ in assignees) else None,
        )
        self.style_fields()


class TaskDoneForm(forms.Form):
    """*Mark done* on a task: the task's number, posted by the button beside it."""

    task = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Choose the task to mark done",
            "invalid": "Choose the task to mark done",
            "min_value": "Choose the task to mark done",
        },
    )


class DisruptionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"kind": "the disruption", "on": "the date of the disruption"}

    kind = forms.ChoiceField(
        label="Disruption",
        choices=rules.recordable_disruptions,
        help_text="A cease and desist notice is recorded by finalising with outcome 10.",
    )
    on = date_field("Date", allowed=Allowed.TODAY_OR_PAST)
    detail = forms.CharField(label="Detail", required=False, widget=forms.Textarea)


class VictimUpdateForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"method": "how the victim was updated"}

    method = forms.ChoiceField(
        label="How",
        choices=rules.UpdateMethod.choices,
    )
    summary = forms.CharField(label="What the victim was told", widget=forms.Textarea)


class VictimContractForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"every_days": "how often to update the victim"}

    every_days = forms.TypedChoiceField(
        label="Update the victim every",
        coerce=int,
        choices=[(d, f"{d} days") for d in rules.UPDATE_FREQUENCIES],
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


# One checkbox per §5.7 fact, made from cases.rules.CeaseAndDesistFacts (its labels).
CeaseAndDesistFields = type(
    "CeaseAndDesistFields",
    (forms.Form,),
    {
        f.name: forms.BooleanField(label=f.metadata["label"], required=False)
        for f in fields(CeaseAndDesistFacts)
    },
)


class FinalisationForm(GovukMixin, CeaseAndDesistFields):
    conditional = ("rationale",)
    names: ClassVar[dict[str, str]] = {"outcome": "the Home Office outcome type"}

    outcome = forms.TypedChoiceField(
        label="Home Office outcome type",
        coerce=int,
        choices=[
            ("", "Choose an outcome"),
            *((n, f"{n}. {label}") for n, label in HOME_OFFICE_OUTCOMES.items()),
        ],
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        widget=forms.Textarea,
        help_text="Required unless someone was charged, cautioned or otherwise dealt with: the "
        "victim is told why.",
    )
    cease_and_desist = forms.BooleanField(
        label="The formal action is a cease and desist notice", required=False
    )
    suspect_traced = forms.ChoiceField(
        label="Could the suspect be traced to serve the notice?",
        choices=YES_NO,
        initial="yes",
        widget=forms.RadioSelect,
        required=False,
    )
    suspect_has_pnc_record = forms.BooleanField(
        label="The suspect has a PNC record", required=False
    )

    def facts(self):
        data = self.cleaned_data
        if not data.get("cease_and_desist"):
            return None
        return CeaseAndDesistFacts(
            **{f.name: bool(data.get(f.name)) for f in fields(CeaseAndDesistFacts)}
        )
