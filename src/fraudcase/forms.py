"""GOV.UK-styled form widgets shared by every app."""

from django import forms


class GovukMixin:
    """Give each widget its GOV.UK Frontend class, and mark errors for the error summary."""

    CLASSES = {
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = self.CLASSES.get(type(widget))
            if css:
                widget.attrs["class"] = css
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)
