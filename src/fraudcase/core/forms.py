"""GOV.UK-styled form widgets shared by every app."""

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from fraudcase.core import filelimits
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


class GovukMixin(_Form):
    """Give each widget its GOV.UK Frontend class, and mark errors for the error summary.

    Fields named in `conditional` are required only in some cases (the rule says when, and its
    label or hint says so): they are not labelled "(optional)".
    """

    conditional: tuple[str, ...] = ()

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
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)


class FileUploadForm(GovukMixin, forms.Form):
    """A csv or xlsx file and the import profile that maps its headings."""

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
