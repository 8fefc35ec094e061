"""Forms for ILOR/EIO requests and Banking Protocol incidents (GOV.UK styled)."""

from typing import ClassVar

from django import forms
from django.utils import timezone

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.accounts.models import Team, User
from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field

from . import rules, services


def _local_time(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "govuk-input govuk-input--width-20"},
            format="%Y-%m-%dT%H:%M",
        ),
        help_text="UK time, for example 2026-11-30 10:15.",
    )


class MarkingMixin(forms.Form):
    handling_marking = forms.ChoiceField(
        label="Handling marking", choices=HandlingMarking.choices, initial=HandlingMarking.OFFICIAL
    )
    restricted_to_team = forms.ModelChoiceField(
        label="Restrict to a team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Not restricted",
        help_text="Only that team's members will see it.",
    )

    def restrict_to(self, user: User) -> None:
        """Offer only the user's own teams to restrict to; the marking questions come last."""
        last = ["handling_marking", "restricted_to_team"]
        self.order_fields([name for name in self.fields if name not in last] + last)
        field = self.fields["restricted_to_team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = user.teams.all()


class RequestForm(GovukMixin, MarkingMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "kind": "whether it is an ILOR or an EIO",
        "country": "the requesting country",
        "authority": "the requesting authority",
        "their_reference": "the requesting authority's reference",
        "received_on": "the date the request was received",
        "asked_for": "what is asked for",
        "team": "the team the request is with",
        "response_due": "the response due date",
    }

    kind = forms.ChoiceField(
        label="Kind of request", choices=rules.RequestKind.choices, widget=forms.RadioSelect
    )
    country = forms.ChoiceField(
        label="Requesting country", choices=[("", "Select a country"), *rules.COUNTRIES]
    )
    authority = forms.CharField(
        label="Requesting authority",
        max_length=200,
        help_text="For example, Parquet de Paris, or Staatsanwaltschaft Köln.",
    )
    their_reference = forms.CharField(label="Their reference", max_length=100)
    received_on = date_field("Date received", allowed=Allowed.TODAY_OR_PAST)
    asked_for = forms.ChoiceField(
        label="What is asked for",
        choices=rules.AskedFor.choices,
        widget=forms.RadioSelect,
        initial=rules.AskedFor.BANKING,
    )
    asked_for_detail = forms.CharField(
        label="Details of what is asked for",
        required=False,
        widget=forms.Textarea,
        help_text="For example, statements for two accounts at Barclays, 2024 to 2025.",
    )
    officer = forms.ModelChoiceField(
        label="Officer it is with",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not yet given to an officer",
    )
    team = forms.ModelChoiceField(label="Team it is with", queryset=Team.objects.none())
    response_due = date_field(
        "Response due by",
        required=False,
        help_text="The date the requesting authority asks for, if they give one. Left blank, "
        "it is 120 days from receipt for an EIO and the force's target for an ILOR.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.restrict_to(user)
        officer = self.fields["officer"]
        team = self.fields["team"]
        assert isinstance(officer, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelChoiceField)
        officer.queryset = services.officers()
        team.queryset = Team.objects.all()
        team.initial = user.teams.values_list("pk", flat=True).first()
        self.style_fields()


class MoveForm(GovukMixin, forms.Form):
    """A move on a request: when, and the reason (to decline) or what was sent."""

    names: ClassVar[dict[str, str]] = {"on": "the date"}

    on = date_field("Date", allowed=Allowed.TODAY_OR_PAST, required=False)
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea)
    detail = forms.CharField(label="What was sent", required=False, widget=forms.Textarea)
    conditional = ("reason",)


class IncidentForm(GovukMixin, MarkingMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "bank_name": "the bank's name",
        "branch_name": "the branch",
        "called_at": "when the branch called",
        "results": "the result",
        "attended_at": "when the police attended",
        "victim_dob": "the victim's date of birth",
    }

    bank_name = forms.CharField(label="Bank", max_length=100)
    branch_name = forms.CharField(label="Branch", max_length=100)
    branch_postcode = forms.CharField(label="Branch postcode", max_length=10, required=False)
    called_at = _local_time("When the branch called")
    attended = forms.BooleanField(label="The police attended", required=False)
    attended_at = _local_time("When the police attended", required=False)
    attending_officer = forms.CharField(
        label="Attending officer", max_length=100, required=False, help_text="Name and number."
    )
    victim_name = forms.CharField(label="Victim's name", max_length=200, required=False)
    victim_dob = date_field("Victim's date of birth", allowed=Allowed.PAST, required=False)
    victim_postcode = forms.CharField(label="Victim's postcode", max_length=10, required=False)
    safeguarded = forms.BooleanField(label="The victim was safeguarded", required=False)
    safeguarding = forms.CharField(
        label="How the victim was safeguarded",
        required=False,
        widget=forms.Textarea,
        help_text="For example, bank stopped the payment, family called, referred to the FVO.",
    )
    results = forms.MultipleChoiceField(
        label="Result",
        choices=rules.BankingResult.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply; no offence stands alone.",
    )
    crime_reference = forms.CharField(
        label="Crime report's local reference or NFRC",
        max_length=30,
        required=False,
        help_text="If a crime was recorded and its report is on fraudcase.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    conditional = ("attended_at", "safeguarding")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.restrict_to(user)
        self.style_fields()

    def clean_called_at(self):
        called = self.cleaned_data["called_at"]
        if called and called > timezone.now():
            raise forms.ValidationError("The time of the call must be in the past")
        return called


class EraseForm(GovukMixin, forms.Form):
    reason = forms.CharField(label="Reason for erasure", widget=forms.Textarea)
