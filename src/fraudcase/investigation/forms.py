"""Forms for the investigation file (GOV.UK styled)."""

from typing import Any, ClassVar

from django import forms

from fraudcase.core.dates import Allowed
from fraudcase.core.forms import GovukMixin, date_field
from fraudcase.reports.enums import IdentifierKind
from fraudcase.reports.rules import normalise_identifier

from .rules import PEOPLE, Disposal, NominalRole, PoleKind


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


class LineForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"heading": "the line of enquiry"}
    heading = forms.CharField(label="Line of enquiry", max_length=200)


class ActionForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "line": "the line of enquiry",
        "text": "what is to be done",
        "owner": "who owns the action",
        "due": "the date the action is due",
    }
    line = forms.TypedChoiceField(label="Line of enquiry", coerce=int)
    text = forms.CharField(label="Action", max_length=300, help_text="What is to be done.")
    owner = forms.TypedChoiceField(label="Owner", coerce=int)
    due = date_field("Due", allowed=Allowed.TODAY_OR_FUTURE)

    def __init__(
        self,
        *args: Any,
        lines: list[tuple[int, str]],
        owners: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        line = self.fields["line"]
        owner = self.fields["owner"]
        assert isinstance(line, forms.TypedChoiceField) and isinstance(
            owner, forms.TypedChoiceField
        )
        line.choices = [("", "Select a line of enquiry"), *lines]
        owner.choices = [("", "Select an owner"), *owners]
        self.style_fields()


class ResultForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"result": "the result of the action"}
    action = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.CharField(label="Result", widget=forms.Textarea, max_length=5000)


def _local_time(
    label: str, *, help_text: str = "UK time, for example 2026-11-30 10:15."
) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "govuk-input govuk-input--width-20"},
            format="%Y-%m-%dT%H:%M",
        ),
        help_text=help_text,
    )


class ExhibitForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "initials": "your initials",
        "description": "a description of the exhibit",
        "seized_from": "who or what it was seized from",
        "seized_where": "where it was seized",
        "seized_at": "when it was seized",
        "storage_location": "where it is stored",
        "upload": "a file",
    }
    initials = forms.CharField(
        label="Your initials",
        max_length=4,
        help_text="The exhibit's reference is your initials and the next number, like JS/1.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4"}),
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, max_length=5000)
    seized_from = forms.CharField(
        label="Seized from", max_length=200, help_text="A person, premises or vehicle."
    )
    seized_where = forms.CharField(label="Where it was seized", max_length=200)
    seized_at = _local_time("When it was seized")
    seal_number = forms.CharField(label="Seal number", max_length=50, required=False)
    storage_location = forms.CharField(label="Storage location", max_length=200)
    upload = forms.FileField(
        label="File (a digital exhibit)",
        required=False,
        help_text="Kept with its SHA-256 fingerprint.",
    )


class MoveForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "held_by": "who has the exhibit now",
        "at": "when it moved",
        "reason": "why it moved",
    }
    held_by = forms.CharField(
        label="Who has it now",
        max_length=200,
        help_text="Name and role, for example DC 1234 Patel, forensic laboratory.",
    )
    at = _local_time("When it passed to them")
    reason = forms.CharField(label="Why", max_length=300)


class DisposeForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {
        "disposal": "whether it was returned or destroyed",
        "authority": "the authority",
        "at": "when",
    }
    disposal = forms.ChoiceField(
        label="What became of it", choices=Disposal.choices, widget=forms.RadioSelect
    )
    authority = forms.CharField(
        label="Authority",
        max_length=300,
        help_text="Who authorised it, and on what basis (for example, CPS decision of 3 March).",
    )
    at = _local_time("When")


# ---------------------------------------------------------------- people and things


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NominalForm(GovukMixin, forms.Form):
    """A person, organisation, object, location or event on a report; identifiers one a line
    under each kind (a person may have several telephone numbers)."""

    names: ClassVar[dict[str, str]] = {
        "kind": "what you are recording",
        "role": "the part they play",
        "name": "the name",
        "reason": "the reason for the change",
    }
    conditional = ("role",)
    IDENTIFIERS: ClassVar[tuple[str, ...]] = (
        "phone",
        "email",
        "uk_bank_account",
        "iban",
        "website",
    )
    kind = forms.ChoiceField(
        label="What are you recording?", choices=PoleKind.choices, widget=forms.RadioSelect
    )
    role = forms.ChoiceField(
        label="Part played (a person or an organisation)",
        choices=[("", "Select the part played"), *NominalRole.choices],
        required=False,
    )
    name = forms.CharField(
        label="Name or short description",
        max_length=200,
        help_text="A name; for an object, location or event, what it is.",
    )
    details = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="Date of birth, address, description, when and where: what helps identify it.",
    )
    phone = forms.CharField(
        label="Telephone numbers",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One a line, in any format, for example 07700 900123 or +44 7700 900123.",
    )
    email = forms.CharField(
        label="E-mail addresses",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One a line.",
    )
    uk_bank_account = forms.CharField(
        label="UK sort codes and account numbers",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One a line, sort code then account number, for example 20-00-00 12345678.",
    )
    iban = forms.CharField(
        label="IBANs",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One a line.",
    )
    website = forms.CharField(
        label="Websites",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One a line.",
    )
    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Recorded on the report's timeline and in the audit log.",
    )

    def clean(self) -> dict[str, Any]:
        """Every problem at once, as the service would find it: the part a person plays, and
        each identifier line that cannot be read (named, with its line)."""
        data = super().clean() or {}
        if data.get("kind") in PEOPLE and not data.get("role"):
            self.add_error("role", "Select the part they play: suspect, victim, witness or other")
        for kind in self.IDENTIFIERS:
            for n, line in enumerate(_lines(data.get(kind, "")), start=1):
                if normalise_identifier(kind, line) is None:
                    label = IdentifierKind(kind).label.lower()
                    self.add_error(kind, f"Line {n}, '{line[:40]}', is not a valid {label}")
                    break
        return data

    def identifiers(self) -> list[tuple[str, str]]:
        """(kind, as typed) for every line of every identifier field."""
        data = self.cleaned_data
        return [(kind, line) for kind in self.IDENTIFIERS for line in _lines(data.get(kind, ""))]


class RemoveNominalForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"reason": "the reason for removing it"}
    reason = forms.CharField(
        label="Why are you removing it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The entry is kept, marked removed, with your reason.",
    )
