"""GOV.UK-styled form widgets shared by every app: error messages that name the field, date
inputs in three boxes, and the classes GOV.UK Frontend styles."""

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.functional import lazy

from fraudcase.core import dates, filelimits
from fraudcase.core.dates import Allowed
from fraudcase.core.errors import FileRejected

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    _Form = forms.BaseForm  # the mixin is only ever used on forms
else:
    _Form = object

Input = TypeVar("Input", bound="DataclassInstance")


def optional_text(label: str) -> forms.CharField:
    """A free-text answer that may be left blank (a GOV.UK textarea)."""
    return forms.CharField(label=label, required=False, widget=forms.Textarea)


def filled(input_class: type[Input], cleaned_data: Mapping[str, Any]) -> Input:
    """A service's input dataclass from a form's cleaned data: each field from its namesake."""
    return input_class(**{f.name: cleaned_data[f.name] for f in fields(input_class)})


# GOV.UK error messages (design-system.service.gov.uk/components/error-message/), by error
# code: "{name}" is what the field is called ("the date the task is due"), "{Name}" the same
# with a capital. They replace Django's defaults ("This field is required."); a message a
# field sets itself is kept.
ENTER = "Enter {name}"
SELECT = "Select {name}"
MESSAGES: dict[str, str] = {
    "required": ENTER,
    "max_length": "{Name} must be %(limit_value)d characters or fewer",
    "min_length": "{Name} must be %(limit_value)d characters or more",
    "invalid": "{Name} must be a number",
    "min_value": "{Name} must be %(limit_value)s or more",
    "max_value": "{Name} must be %(limit_value)s or less",
    "max_digits": "{Name} must be %(max)s digits or fewer",
    "max_decimal_places": "{Name} must have no more than %(max)s decimal places, like 123.45",
    "max_whole_digits": "{Name} must be %(max)s digits or fewer before the decimal point",
    "invalid_choice": "Select {name} from the list",
    "invalid_list": SELECT,
    "missing": "Select {name}",
    "empty": "The selected file is empty",
    "contradiction": "Select {name}, or remove the one chosen",
}
CHOSEN = (forms.ChoiceField, forms.MultipleChoiceField, forms.BooleanField, forms.FileField)


def called(label: str) -> str:
    """What a field is called in its messages, from its label: "Victim's last name" ->
    "victim's last name"; a leading acronym keeps its capitals ("NFIB code")."""
    text = str(label).strip().rstrip("?:").strip()
    first = text.split(" ", 1)[0]
    if first.isupper() or not text:
        return text
    return text[0].lower() + text[1:]


def django_message(field: forms.Field, code: str) -> str | None:
    """Django's own message for `code` on this kind of field (None if it has none)."""
    for cls in type(field).__mro__:
        message = getattr(cls, "default_error_messages", {}).get(code)
        if message is not None:
            return str(message)
    return None


def govuk_messages(field: forms.Field, name: str) -> None:
    """Give `field` a GOV.UK message for every error Django would word for it."""
    table = dict(MESSAGES)
    if isinstance(field, CHOSEN):
        table["required"] = SELECT
    if isinstance(field, forms.EmailField):
        table["invalid"] = "Enter {name} in the correct format, like name@example.com"
    if isinstance(field, forms.DateField):
        table["invalid"] = "{Name} must be a real date"
    if isinstance(field, forms.DateTimeField):
        table["invalid"] = "{Name} must be a real date and time"
    if isinstance(field, forms.FileField):
        table["invalid"] = "Select {name}"
    if isinstance(field, GovukDateField):
        table.update(GovukDateField.messages)
    capital = name[:1].upper() + name[1:]
    worded_before = vars(field).setdefault("govuk_worded", {})
    for code, template in table.items():
        current = field.error_messages.get(code)
        if current is None or str(current) in (
            django_message(field, code),
            worded_before.get(code),
        ):
            worded = template.replace("{name}", name).replace("{Name}", capital)
            field.error_messages[code] = worded_before[code] = worded


class DateParts(forms.Widget):
    """A GOV.UK date input: day, month and year boxes (posted as name-day, name-month,
    name-year). A date question that lets a past date through once confirmed adds a checkbox
    (name-confirm) when it asks."""

    template_name = "core/date_input.html"
    input_type = "date"  # includes/field.html puts it in a fieldset with a legend
    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, ...]:
        parts = [str(data.get(f"{name}-{part}") or "").strip() for part, _, _ in self.PARTS]
        if not any(parts) and data.get(name):
            # One ISO date (2026-12-01) from a client that does not send three boxes.
            year, _, rest = str(data.get(name)).strip().partition("-")
            month, _, day = rest.partition("-")
            parts = [day, month, year]
        return (*parts, "yes" if data.get(f"{name}-confirm") else "")

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}-{p}" not in data for p, _, _ in self.PARTS)

    def id_for_label(self, id_: str) -> str:
        # A label or an error summary link goes to the day box.
        return f"{id_}-day" if id_ else ""

    def format_value(self, value: Any) -> tuple[str, ...]:  # type: ignore[override]
        if isinstance(value, date):
            return (str(value.day), str(value.month), str(value.year), "")
        if isinstance(value, str) and value:
            return self.value_from_datadict({"v": value}, None, "v")
        if isinstance(value, tuple | list):
            return tuple(value) + ("",) * (4 - len(value))
        return ("", "", "", "")

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        shown = widget["value"]
        attrs = widget["attrs"]
        base = attrs.get("id", "")
        wrong = " govuk-input--error" if attrs.get("data-error") else ""
        widget["parts"] = [
            {
                "id": f"{base}-{part}",
                "name": f"{name}-{part}",
                "label": label,
                "value": shown[i],
                "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}{wrong}",
            }
            for i, (part, label, width) in enumerate(self.PARTS)
        ]
        widget["confirm"] = (
            {"id": f"{base}-confirm", "name": f"{name}-confirm", "checked": bool(shown[3])}
            if attrs.get("data-confirm")
            else None
        )
        return context


class GovukDateField(forms.Field):
    """A date asked as day, month and year, checked as GOV.UK asks: every part given, a real
    date, and (with `allowed`) in the past or today or later. With `confirm_past`, a date
    before today is not refused outright: the user ticks that it is right."""

    widget = DateParts
    messages: ClassVar[dict[str, str]] = {
        "required": ENTER,
        "incomplete": "{Name} must include a %(missing)s",
        "invalid": "{Name} must be a real date",
        "year": "Year must include 4 numbers",
        Allowed.PAST: "{Name} must be in the past",
        Allowed.TODAY_OR_PAST: "{Name} must be today or in the past",
        Allowed.TODAY_OR_FUTURE: "{Name} must be today or in the future",
        "confirm": "{Name} is in the past: check it, or tick the box to confirm it",
    }
    default_error_messages = {  # noqa: RUF012 (Django's own attribute name)
        code: text.replace("{Name}", "The date").replace("{name}", "a date")
        for code, text in messages.items()
    }

    def __init__(
        self, *, allowed: Allowed | None = None, confirm_past: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.allowed = allowed
        self.confirm_past = confirm_past
        # A date already saved is accepted as it stands (a plan updated after its date).
        self.saved: date | None = None

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date) or value in self.empty_values:
            return value or None
        if isinstance(value, str):
            value = DateParts().format_value(value)
        day, month, year = (str(part) for part in value[:3])
        if not (day or month or year):
            return None
        missing = [p for p, given in (("day", day), ("month", month), ("year", year)) if not given]
        if missing:
            raise forms.ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": " and ".join(missing)},
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise forms.ValidationError(self.error_messages["year"], code="year")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:  # 31 February, month 13
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def clean(self, value: Any) -> date | None:
        day: date | None = super().clean(value)
        if day is None or self.allowed is None or day == self.saved:
            return day
        today = timezone.localdate()
        if dates.allowed(day, self.allowed, today):
            return day
        confirmed = isinstance(value, tuple | list) and len(value) > 3 and bool(value[3])
        if self.confirm_past and day < today:
            if confirmed:
                return day
            raise forms.ValidationError(self.error_messages["confirm"], code="confirm")
        raise forms.ValidationError(self.error_messages[self.allowed], code=str(self.allowed))

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except forms.ValidationError:
            return True


def _example() -> str:
    day = timezone.localdate() + timedelta(days=14)
    return f"For example, {day.day} {day.month} {day.year}"


# Worked out when the page is drawn, not when the form is imported.
_example_ahead = lazy(_example, str)


def date_field(
    label: str, *, allowed: Allowed | None = None, confirm_past: bool = False, **kwargs: Any
) -> GovukDateField:
    """A GOV.UK date question; the hint is an example date on the right side of today unless
    one is given."""
    kwargs.setdefault(
        "help_text",
        _example_ahead() if allowed == Allowed.TODAY_OR_FUTURE else "For example, 27 3 2007",
    )
    return GovukDateField(label=label, allowed=allowed, confirm_past=confirm_past, **kwargs)


class GovukMixin(_Form):
    """Give each widget its GOV.UK Frontend class, each field GOV.UK error messages that name
    it, and mark the fields in error (red border, message read with the input).

    Fields named in `conditional` are required only in some cases (the rule says when, and its
    label or hint says so): they are not labelled "(optional)". `names` says what a field is
    called in its error messages where its label does not read well after "Enter" or
    "Select" ({"assignee": "who to assign the task to"}).
    """

    conditional: tuple[str, ...] = ()
    names: ClassVar[dict[str, str]] = {}

    CLASSES: ClassVar[dict[type[forms.Widget], str]] = {
        forms.TextInput: "govuk-input",
        forms.EmailInput: "govuk-input",
        forms.NumberInput: "govuk-input govuk-input--width-10",
        forms.DateInput: "govuk-input govuk-input--width-10",
        forms.Textarea: "govuk-textarea",
        forms.Select: "govuk-select",
        forms.ClearableFileInput: "govuk-file-upload",
        forms.FileInput: "govuk-file-upload",
        forms.PasswordInput: "govuk-input",
    }
    ERROR_CLASSES: ClassVar[dict[str, str]] = {
        "govuk-input": "govuk-input--error",
        "govuk-textarea": "govuk-textarea--error",
        "govuk-select": "govuk-select--error",
        "govuk-file-upload": "govuk-file-upload--error",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Style every field; forms that add fields in their own __init__ call it again."""
        for name in self.conditional:
            if name in self.fields:
                # Read by the field templates; Django's Field declares no such attribute.
                vars(self.fields[name])["conditional"] = True
        for name, field in self.fields.items():
            widget = field.widget
            css = self.CLASSES.get(type(widget))
            if css and "class" not in widget.attrs:
                widget.attrs["class"] = css
            if field.help_text and not isinstance(widget, DateParts):
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)
            govuk_messages(field, self.names.get(name) or called(str(field.label or name)))

    def add_error(self, field: str | None, error: Any) -> None:
        """Django's add_error, then GOV.UK's error styling on every field in error."""
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                self._mark_error(name)

    def _mark_error(self, name: str) -> None:
        widget = self.fields[name].widget
        if isinstance(widget, DateParts):
            widget.attrs["data-error"] = "yes"
            if any(e.code == "confirm" for e in self.errors[name].as_data()):
                widget.attrs["data-confirm"] = "yes"
            return
        classes = widget.attrs.get("class", "").split()
        wrong = self.ERROR_CLASSES.get(classes[0]) if classes else None
        if wrong and wrong not in classes:
            widget.attrs["class"] = " ".join([*classes, wrong])
        error_id = f"{self[name].auto_id}-error"
        described = widget.attrs.get("aria-describedby", "").split()
        if error_id not in described:
            widget.attrs["aria-describedby"] = " ".join([*described, error_id])


class FileUploadForm(GovukMixin, forms.Form):
    """A csv or xlsx file and the import profile that maps its headings."""

    names: ClassVar[dict[str, str]] = {"file": "a file"}

    file = forms.FileField(label="File", help_text="A .csv or .xlsx file.")
    profile = forms.CharField(
        label="Import profile",
        initial="default",
        required=False,
        help_text="Leave as 'default' unless the file's headings need mapping.",
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a .csv or .xlsx file")
        if (upload.size or 0) > settings.FRAUDCASE_IMPORT_MAX_BYTES:
            raise forms.ValidationError("The file is too large")
        if name.endswith(".xlsx"):
            # Before the upload is kept for its job: a zip bomb is refused on this page.
            try:
                assert upload.file is not None  # an upload always holds its file
                filelimits.check_spreadsheet(upload.file)
            except FileRejected as rejected:
                raise forms.ValidationError(rejected.problems[0].problem) from None
        return upload
