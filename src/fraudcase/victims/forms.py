from typing import ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import FileUploadForm, GovukMixin, date_field

from .rules import PlanHow, PlanStatus, Response


class VictimListUploadForm(FileUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "NFIB victim list"


class _ContactDecision(GovukMixin, forms.Form):
    """What deciding a contact asks besides how and who: by when, and why no visit."""

    names: ClassVar[dict[str, str]] = {
        "response": "how the victim will be contacted",
        "assignee": "the officer",
        "assignee_id": "who to assign the chosen victims to",
        "due_on": "the date to contact the victim by",
    }

    due_on = date_field(
        "Contact by",
        allowed=Allowed.TODAY_OR_FUTURE,
        required=False,
        help_text="Leave blank for the default for the victim's status.",
    )
    no_visit_reason = forms.CharField(
        label="Reason for not visiting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when a VS4 or VS3 victim is not visited.",
    )


class DecisionForm(_ContactDecision):
    field_order = ("response", "assignee", "due_on", "no_visit_reason", "ecvcu_handover")
    response = forms.ChoiceField(
        label="How will the victim be contacted?", choices=(), widget=forms.RadioSelect
    )
    assignee = forms.TypedChoiceField(label="Officer", coerce=int, choices=())
    ecvcu_handover = forms.CharField(
        label="The national ECVCU's agreement to local contact",
        required=False,
        widget=forms.Textarea,
        help_text="This victim is with the national Economic Crime Victim Care Unit. Say who "
        "there agreed to, or handed over, local contact and when.",
    )

    def __init__(self, *args, officers=(), ecvcu=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ecvcu:
            # Asked only for a victim the national unit covers (WMP ¶63 iii).
            del self.fields["ecvcu_handover"]
        self.fields["response"].choices = Response.choices
        self.fields["assignee"].choices = _officer_choices(officers)


def _officer_choices(officers) -> list[tuple[int, str]]:
    return [(o.pk, f"{o} ({o.get_role_display()})") for o in officers]


class BulkForm(_ContactDecision):
    """A decision or an assignment for the victims chosen on a page of a list (issue 11); its
    fields are services.decide_many's arguments."""

    field_order = ("response", "assignee_id", "due_on", "no_visit_reason")
    response = forms.ChoiceField(
        label="How will the chosen victims be contacted?",
        choices=(),
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed to decide; not needed to assign victims already decided.",
    )
    assignee_id = forms.TypedChoiceField(
        label="Assign to", coerce=int, choices=(), required=False, empty_value=None
    )

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].choices = Response.choices
        self.fields["assignee_id"].choices = [
            ("", "Nobody yet: decide now, assign later"),
            *_officer_choices(officers),
        ]


class ResultForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"done_on": "the date of contact"}

    done_on = date_field("Date of contact", allowed=Allowed.TODAY_OR_PAST)
    result = forms.CharField(label="What happened", widget=forms.Textarea)
    financial_abuse = forms.BooleanField(
        label="Financial abuse found (raises a Public Protection Notice)", required=False
    )


class PartnerForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"partner": "the partner", "other_partner": "the partner"}

    partner = forms.ChoiceField(label="Partner", choices=())
    other_partner = forms.CharField(label="Other partner's name", required=False)
    consent = forms.BooleanField(label="The victim consents to this referral", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        from .models import Partner

        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = Partner.choices


class NextOfKinForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "name": "the name of the next of kin",
        "contacted_on": "the date the next of kin was contacted",
    }

    name = forms.CharField(label="Name of next of kin", max_length=200)
    relationship = forms.CharField(label="Relationship", max_length=100, required=False)
    phone = forms.CharField(label="Telephone", max_length=30, required=False)
    contacted_on = date_field("Contacted on", allowed=Allowed.TODAY_OR_PAST, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)


class ContactPlanForm(GovukMixin, forms.Form):
    """A business's contact plan (WMP ¶63 ii). Contact by is today or later; an earlier date is
    taken once the user ticks that it is right (a plan recorded after the contact), and the date
    already saved is kept without asking."""

    names: ClassVar[dict[str, str]] = {
        "how": "how the business will be contacted",
        "by_when": "the date to contact the business by",
        "status": "where the plan stands",
    }

    who = forms.CharField(
        label="Who will contact the business",
        max_length=200,
        help_text="For example, the Business Crime Coordinator, PC 1234 Smith",
    )
    how = forms.ChoiceField(label="How", choices=(), widget=forms.RadioSelect)
    by_when = date_field("Contact by", allowed=Allowed.TODAY_OR_FUTURE, confirm_past=True)
    status = forms.ChoiceField(label="Where the plan stands", choices=())
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea, help_text="The protect advice to give"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = PlanHow.choices
        self.fields["status"].choices = PlanStatus.choices
        self.fields["by_when"].saved = self.initial.get("by_when")  # type: ignore[attr-defined]
