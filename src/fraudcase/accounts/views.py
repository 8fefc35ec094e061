"""The signed-in user's own account: password and API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from fraudcase.core import paging

from . import oidc, services
from .forms import ChangePasswordForm, NewTokenForm, SignInForm


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": oidc.enabled(),
            "oidc_label": settings.FRAUDCASE_OIDC_LABEL,
        }


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    success_url = reverse_lazy("password-change-done")


def tokens(request):
    """List the user's API tokens; create one (its secret is shown on this answer only)."""
    secret = None
    form = NewTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        secret = services.issue_token(
            request.user, form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = NewTokenForm()
    page = paging.paginate(request, services.own_tokens(request.user))
    page.rows = services.with_states(page.rows)
    return render(
        request,
        "accounts/tokens.html",
        {
            "page": page,
            "form": form,
            "secret": secret,
            "most_days": settings.FRAUDCASE_API_TOKEN_DAYS,
        },
    )


@require_POST
def token_revoke(request, token_id: int):
    token = services.revoke_token(request.user, token_id)
    if token is None:
        raise Http404
    messages.success(request, f"Token '{token.name}' revoked: it no longer works.")
    return redirect("account-tokens")
