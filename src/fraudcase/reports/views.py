"""Pages of the report itself: search, the reason asked before a restricted record, its audit
trail, erasure and material. The report page is composed in `fraudcase.pages`."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from fraudcase.accounts.models import Role
from fraudcase.audit import services as audit
from fraudcase.core import exports, paging

from . import services
from .forms import ErasureForm, JustificationForm, SearchFiltersForm

EXPORT_ROWS = 100000
# The search's sortable columns (newest received first by default).
SEARCH_SORTS = {
    "reference": paging.Sort("Local reference", ("local_reference",)),
    "victim": paging.Sort("Victim", ("victim__surname", "victim__business_name")),
    "postcode": paging.Sort("Postcode", ("victim__postcode",)),
    "source": paging.Sort("Source", ("source",)),
    "received": paging.Sort("Received", ("received_at",)),
    "loss": paging.Sort("Loss", ("loss_gbp",)),
}
SEARCH_FILTERS = ("source", "status", "received_from", "received_to")


def justification_given(request, reference: str) -> str:
    """The reason this user gave in this session for consulting a restricted record."""
    return request.session.get("justifications", {}).get(reference, "")


# Query parameters that change how a list is delivered, not which records it holds.
# Paging and sorting are named with a prefix where a page has several lists (core.paging).
NOT_SELECTING = frozenset({"export", "page", "next", "sort", "order"})


def _delivery(name: str) -> bool:
    """Whether a query parameter changes how a list is delivered (see NOT_SELECTING)."""
    return name in NOT_SELECTING or name.rsplit("_", 1)[-1] in {"page", "sort", "order"}


def list_key(url: str) -> str:
    """What a reason given for a list is kept under in the session: the list's path and the
    query that selects its records (the search term, the filters), in a stable order. A reason
    given for one search or filter does not cover another; the same list exported, or on
    another page, is the same list."""
    parts = urlsplit(url)
    selecting = sorted(
        (name, value.strip())
        for name, value in parse_qsl(parts.query)
        if not _delivery(name) and value.strip()
    )
    return f"{parts.path}?{urlencode(selecting)}" if selecting else parts.path


def list_justification_for(request, url: str) -> str:
    """The reason this user gave in this session for the restricted records in the list at
    `url` (asked by JustificationMiddleware, kept by `list_justify`)."""
    return request.session.get("list_justifications", {}).get(list_key(url), "")


def list_justification(request) -> str:
    """The reason given this session for the restricted records in this page's list."""
    return list_justification_for(request, request.get_full_path())


def report_search(request):
    """Find reports by a term and/or filters; a page at a time, sortable, every result on some
    page. The rows on the page are what is audited as consulted (or all of them, exported)."""
    form = SearchFiltersForm(request.GET or None)
    page, described = None, ""
    if form.is_valid() and (described := form.described()):
        # In received order (the default) a page is read newest first and counted apart.
        received = request.GET.get("sort") not in SEARCH_SORTS or request.GET["sort"] == "received"
        search = services.search_page(
            request.user, form.cleaned_data["q"].strip(), newest_first=received, **form.filters()
        )
        found = search.counted
        fmt = request.GET.get("export")
        if fmt in exports.CONTENT_TYPES:
            services.audit_search(
                request.user,
                described,
                found[:EXPORT_ROWS],
                disclosure=True,
                justification=list_justification(request),
            )
            return exports.download(_search_frame(found), "reports", fmt)
        page = paging.paginate(
            request,
            search.shown,
            sorts=SEARCH_SORTS,
            default="received",
            default_order="desc",
            counted=search.counted,
            cap=paging.SEARCH_COUNT_CAP,
        )
        services.audit_search(
            request.user,
            described,
            [r.local_reference for r in page.rows],
            justification=list_justification(request),
        )
    return render(
        request,
        "reports/search.html",
        {
            "form": form,
            "page": page,
            "described": described,
            "filtered": any(form.is_bound and form.data.get(k) for k in SEARCH_FILTERS),
        },
    )


def list_justify(request):
    """The reason for the restricted records in a list (the page at `next`), kept for this
    session and that list (`list_key`: its path and the query selecting its records), then back
    to it. Asked by JustificationMiddleware."""
    back = request.GET.get("next", "")
    if not (back and url_has_allowed_host_and_scheme(back, {request.get_host()})):
        back = reverse("home")
    form = JustificationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        given = request.session.get("list_justifications", {})
        given[list_key(back)] = form.cleaned_data["justification"]
        request.session["list_justifications"] = given
        return redirect(back)
    return render(request, "reports/export_justify.html", {"form": form, "back": back})


def _search_frame(found) -> pl.DataFrame:
    """The first EXPORT_ROWS reports found (already in order), as a table; one query."""
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
        )[:EXPORT_ROWS]
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
    # A restricted report's trail needs the administrator's own reason, asked like anyone's.
    report = services.get_report(request.user, ref, justification=justification_given(request, ref))
    return render(
        request,
        "reports/audit.html",
        {
            "report": report,
            "page": paging.paginate(
                request, audit.trail("report", report.local_reference, request.user), size=100
            ),
        },
    )


@user_passes_test(lambda u: u.role == Role.ADMINISTRATOR)
def report_erase(request, ref):
    report = services.get_report(request.user, ref, justification=justification_given(request, ref))
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
