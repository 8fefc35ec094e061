"""Pages of the report itself: search, the reason asked before a restricted record, its audit
trail, erasure and material. The report page is composed in `fraudcase.pages`."""

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from fraudcase.accounts.models import Role
from fraudcase.audit import services as audit
from fraudcase.core import exports

from . import services
from .forms import ErasureForm, JustificationForm, SearchForm

SEARCH_PAGE_SIZE = 50


def justification_given(request, reference: str) -> str:
    """The reason this user gave in this session for consulting a restricted record."""
    return request.session.get("justifications", {}).get(reference, "")


def report_search(request):
    form = SearchForm(request.GET or None)
    results, count, term = None, 0, ""
    if form.is_valid() and (term := form.cleaned_data["q"].strip()):
        found = services.search_reports(request.user, term)
        count = found.count()
        fmt = request.GET.get("export")
        if fmt in exports.CONTENT_TYPES:
            return _export_search(request, found, term, count, fmt)
        services.audit_search(request.user, term, count)
        results = list(found[:SEARCH_PAGE_SIZE])
    return render(
        request,
        "reports/search.html",
        {
            "form": form,
            "results": results,
            "count": count,
            "term": term,
            "page_size": SEARCH_PAGE_SIZE,
        },
    )


def _export_search(request, found, term: str, count: int, fmt: str):
    """Export search results; when any is restricted, only with a reason (kept in the audit)."""
    restricted = services.restricted_among(found)
    reason = JustificationForm(request.POST if request.method == "POST" else None)
    if restricted and not (request.method == "POST" and reason.is_valid()):
        return render(request, "reports/export_justify.html", {
            "form": reason, "term": term, "fmt": fmt, "count": count, "restricted": restricted,
        })  # fmt: skip
    justification = reason.cleaned_data["justification"] if restricted else ""
    services.audit_search(request.user, term, count, disclosure=True,
                          justification=justification)  # fmt: skip
    return exports.download(_search_frame(found), "reports", fmt)


def _search_frame(found) -> pl.DataFrame:
    rows = list(
        found.values_list(
            "local_reference",
            "source",
            "received_at",
            "victim__forename",
            "victim__surname",
            "victim__business_name",
            "victim__postcode",
            "fraud_type",
            "loss_gbp",
        )[:100000]
    )
    columns = [
        "local_reference",
        "source",
        "received_at",
        "forename",
        "surname",
        "business_name",
        "postcode",
        "fraud_type",
        "loss_gbp",
    ]
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(
        pl.col("received_at").cast(pl.String), pl.col("loss_gbp").cast(pl.String)
    )


def report_justify(request, ref):
    form = JustificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        given = request.session.get("justifications", {})
        given[ref] = form.cleaned_data["justification"]
        request.session["justifications"] = given
        back = request.GET.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("report-detail", ref=ref)
    # Visible only if the report exists for this user; otherwise 404 like any other read.
    if not services.visible_reports(request.user).filter(local_reference=ref).exists():
        raise Http404("No report with that reference")
    return render(request, "reports/justify.html", {"form": form, "ref": ref})


@user_passes_test(lambda u: u.role == Role.ADMINISTRATOR)
def report_audit(request, ref):
    report = services.get_report(
        request.user,
        ref,
        justification=justification_given(request, ref)
        or "Administrator reviewing the audit trail",
    )
    return render(
        request,
        "reports/audit.html",
        {
            "report": report,
            "events": audit.trail("report", report.local_reference)[:500],
        },
    )


@user_passes_test(lambda u: u.role == Role.ADMINISTRATOR)
def report_erase(request, ref):
    report = services.get_report(
        request.user,
        ref,
        justification=justification_given(request, ref) or "Administrator considering erasure",
    )
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.erase_personal_data(request.user, report, form.cleaned_data["reason"])
        messages.success(request, f"Personal data on {ref} erased.")
        return redirect("report-detail", ref=ref)
    return render(request, "reports/erase.html", {"report": report, "form": form})


def attachment_download(request, ref, attachment_id):
    attachment, handle = services.open_attachment(
        request.user, ref, attachment_id, justification=justification_given(request, ref)
    )
    # Served as the type read from its content when it was stored, as a download, and never
    # sniffed by the browser: a file can not become a page of this site.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
