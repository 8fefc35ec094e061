"""Pages for the ways reports come in: request -> service -> template."""

from urllib.parse import urlencode

import polars as pl
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import (
    AttachmentRejected,
    Conflict,
    InvalidInput,
    JustificationRequired,
)
from fraudcase.core.forms import filled
from fraudcase.jobs import services as job_services
from fraudcase.jobs.models import JobKind
from fraudcase.reports import services as report_services
from fraudcase.reports.views import (
    justification_given,
    list_justification,
    list_justification_for,
)

from . import services
from .forms import CallForServiceForm, NFIBUploadForm, ReferralForm


def import_nfib(request):
    """Upload a package; the import runs as a job whose page shows its progress."""
    form = NFIBUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = job_services.start(
            JobKind.NFIB_PACKAGE,
            request.user,
            form.cleaned_data["file"],
            profile=form.cleaned_data["profile"] or "default",
            options=form.job_options(),
        )
        return redirect("job-detail", job_id=job.pk)
    return render(request, "intake/import.html", {"form": form})


def call_for_service_new(request):
    form = CallForServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.record_call_for_service(
                request.user,
                filled(services.CallForServiceInput, data),
            )
        except InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field, problem)
        else:
            if call.report:
                messages.success(
                    request,
                    f"Recorded as call for service {call.report}. It is on "
                    "the list to double-key to NFIB.",
                )
                return redirect("report-detail", ref=call.report.local_reference)
            return render(request, "intake/cfs_advised.html", {"call": call})
    return render(request, "intake/cfs_form.html", {"form": form})


# The double-key list's sortable columns (oldest call first by default).
# Oldest taken first, from the index of calls waiting; the other orders apply while the list is
# short enough (paging.Sort.unindexed).
DOUBLE_KEY_SORTS = {
    "reference": paging.Sort("Report", ("report__local_reference",), unindexed=True),
    "taken": paging.Sort("Taken", ("taken_at",)),
    "caller": paging.Sort("Caller", ("caller_surname", "caller_forename"), unindexed=True),
}


def double_key_list(request):
    """Accepted calls to double-key to NFIB. Restricted reports among them need a reason
    (asked once for this page in the session), kept in the audit log."""
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        calls = services.calls_to_double_key(request.user)
        frame = pl.DataFrame(
            [
                (
                    c.report.local_reference,
                    c.taken_at.isoformat(),
                    c.caller_forename,
                    c.caller_surname,
                    c.summary,
                )
                for c in calls
            ],
            schema=["local_reference", "taken_at", "forename", "surname", "summary"],
            orient="row",
        )
        report_services.disclose(
            request.user,
            calls,
            list_justification(request),
            listing="double-key",
            summary=f"Exported {frame.height} calls for service to double-key",
        )
        return exports.download(frame, "calls-to-double-key", fmt)
    return _double_key_page(request, _double_key_reason(request))


def _double_key_reason(request) -> str:
    """The reason given this session for the restricted calls in the double-key list."""
    return list_justification_for(request, reverse("cfs-double-key"))


def _double_key_page(request, reason: str, error: dict | None = None):
    """The one page listing the calls to double-key, shown or shown again with a refused NFRC:
    always through the disclosure gate, so restricted calls need the reason for the list."""
    page = paging.paginate(
        request, services.calls_to_double_key(request.user), sorts=DOUBLE_KEY_SORTS, default="taken"
    )
    report_services.disclose(
        request.user,
        [c.report.local_reference for c in page.rows],
        reason,
        listing="double-key",
        action=AuditAction.CONSULTATION,
        summary=f"Viewed the calls for service to double-key ({len(page.rows)} calls)",
    )
    return render(request, "intake/double_key.html", {"page": page, "error": error})


@require_POST
def double_key_sent(request, call_id):
    """Mark a call sent to NFIB with the NFRC NFIB gave. For a restricted report, the reason
    given for the list (or for that report) this session is the justification recorded."""
    reference = (
        services.calls_to_double_key(request.user)
        .filter(pk=call_id)
        .values_list("report__local_reference", flat=True)
        .first()
    )
    reason = (
        request.POST.get("justification", "").strip()
        or _double_key_reason(request)
        or (justification_given(request, reference or ""))
    )
    typed = request.POST.get("nfib_reference", "")
    try:
        call = services.mark_sent_to_nfib(request.user, call_id, typed, reason)
    except InvalidInput as invalid:
        return _double_key_refused(request, call_id, typed, invalid.problems["nfib_reference"])
    except Conflict as conflict:
        return _double_key_refused(request, call_id, typed, str(conflict))
    messages.success(request, f"{call.report} marked as sent to NFIB as {call.nfib_reference}.")
    return HttpResponseRedirect(reverse("cfs-double-key"))


def _double_key_refused(request, call_id, typed: str, problem: str):
    """The list again, the refused NFRC on its row with what is wrong. The list shown again
    passes the same gate: without the reason for the list's restricted calls, the officer is
    told what was wrong and asked the reason, then sees the list."""
    error = {"call_id": call_id, "problem": problem, "typed": typed}
    try:
        return _double_key_page(request, _double_key_reason(request), error)
    except JustificationRequired:
        messages.error(request, f"The NFRC number was not recorded: {problem}")
        back = reverse("cfs-double-key")
        return redirect(f"{reverse('list-justify')}?{urlencode({'next': back})}")


def referral_new(request):
    form = ReferralForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [data["attachment"]] if data.get("attachment") else []
        try:
            referral = services.record_referral(
                request.user,
                filled(services.ReferralInput, data),
                uploads,
            )
        except AttachmentRejected as rejected:
            form.add_error("attachment", str(rejected))
        except InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, f"Referral recorded as {referral.report}.")
            return redirect("report-detail", ref=referral.report.local_reference)
    return render(request, "intake/referral_form.html", {"form": form})
