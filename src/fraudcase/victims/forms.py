from django import forms

from fraudcase.forms import GovukMixin


class VictimListUploadForm(GovukMixin, forms.Form):
    file = forms.FileField(label="NFIB victim list", help_text="A .csv or .xlsx file.")
    profile = forms.CharField(
        label="Import profile",
        initial="default",
        required=False,
        help_text="Leave as 'default' unless the file's headings need mapping.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a .csv or .xlsx file")
        return upload
