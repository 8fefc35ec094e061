from typing import ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError

from fraudcase.core.forms import GovukMixin

from . import services


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying so when throttling refused the attempt."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if refusal := getattr(self.request, "sign_in_refusal", None):
                raise ValidationError(services.refusal_message(refusal), code="throttled") from None
            raise


class ChangePasswordForm(GovukMixin, PasswordChangeForm):
    names: ClassVar[dict[str, str]] = {
        "old_password": "your current password",
        "new_password1": "a new password",
        "new_password2": "the new password again",
    }


class NewTokenForm(GovukMixin, forms.Form):
    names: ClassVar[dict[str, str]] = {"days": "the number of days until it expires"}

    name = forms.CharField(
        label="What the token is for", max_length=100, help_text="For example: force CRM sync."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most = settings.FRAUDCASE_API_TOKEN_DAYS
        self.fields["days"] = forms.IntegerField(
            label="Days until it expires",
            min_value=1,
            max_value=most,
            initial=most,
            help_text=f"The token stops working after this many days ({most} at most).",
        )
        self.style_fields()
