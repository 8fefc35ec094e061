"""Any page that opens a restricted record without a reason asks for the reason first."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from .forms import JustificationForm
from .services import JustificationRequired


class JustificationMiddleware:
    """Turns JustificationRequired from any page into the reason form, then back to the page.

    For a list holding restricted records (reports.services.disclose), the form asks the
    reason for the list, kept for the session for that list: its page and the query that
    selects its records, so another search or filter asks again (reports.views.list_key).

    A form posted without a reason is not replayed: the user lands on the report afterwards.
    The API answers 428 itself (fraudcase.api)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, JustificationRequired):
            return None
        if exception.for_list:
            return self.ask_for_list(request, exception)
        reference = exception.args[0]
        back = request.get_full_path() if request.method == "GET" else ""
        target = reverse("report-justify", kwargs={"ref": reference})
        return redirect(f"{target}?{urlencode({'next': back})}" if back else target)

    def ask_for_list(self, request, exception):
        """A list holding restricted records: ask the reason here, kept for this list."""
        back = request.get_full_path() if request.method == "GET" else request.path
        return render(
            request,
            "reports/export_justify.html",
            {
                "form": JustificationForm(),
                "back": back,
                "restricted": exception.restricted,
                "total": exception.total,
                "export": "export" in request.GET,
            },
        )
