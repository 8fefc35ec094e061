"""Pages of the SAR register: request -> service -> template.

The pages exist only for the financial intelligence role and for officers named on a SAR
(404 for anyone else). Every list and every SAR asks first why the user needs to see it
(kept for the session, and written into the audit log with each consultation)."""

from datetime import date
from urllib.parse import urlencode

import polars as pl
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict, FileRejected, InvalidInput, JustificationRequired
from fraudcase.core.forms import filled
from fraudcase.core.uploads import saved_upload

from . import importing, rules, services
from .forms import DecisionForm, EndForm, ExtensionForm, ReasonForm, SarForm, SarUploadForm

EXPORT_ROWS = paging.COUNT_CAP
SORTS = {
    "disclosed": paging.Sort("Disclosed", ("disclosed_on",)),
    "due": paging.Sort("Next DAML deadline", ("daml_due",), unindexed=True),
}
LIST_KEY = "list"
SESSION_KEY = "sar_reasons"


def _reason(request, key: str) -> str:
    """The reason this user gave this session for the SAR list ("list") or one SAR."""
    return request.session.get(SESSION_KEY, {}).get(key, "")


def _ask_reason(request, key: str, form: ReasonForm | None = None, back: str = ""):
    """The reason form, shown in place of the page asked for; it posts to `sar_reason`, which
    keeps the reason and goes back to that page."""
    query = urlencode({"for": key, "next": back or request.get_full_path()})
    return render(
        request,
        "finance/sar_reason.html",
        {
            "form": form or ReasonForm(),
            "key": key,
            "for_list": key == LIST_KEY,
            "action": f"{reverse('sar-reason')}?{query}",
        },
    )


def _add_problems(form, invalid: InvalidInput) -> None:
    for field, problem in invalid.problems.items():
        form.add_error(field if field in form.fields else None, problem)


def parse_month(text: str) -> date | None:
    """The first day of a month written YYYY-MM; None for anything else."""
    try:
        year, month = (int(p) for p in (text or "").split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def sar_reason(request):
    """Why the user needs to see the SAR list or one SAR: kept for the session, then back."""
    user = request.user
    key = request.GET.get("for", LIST_KEY)
    if not services.may_open_register(user):
        raise Http404("No such page")
    if key != LIST_KEY and not services.visible_sars(user).filter(ukfiu_reference=key).exists():
        raise Http404("No such SAR")
    back = request.GET.get("next", "")
    if not (back and url_has_allowed_host_and_scheme(back, {request.get_host()})):
        back = reverse("sar-list") if key == LIST_KEY else reverse("sar-detail", args=[key])
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        given = request.session.get(SESSION_KEY, {})
        given[key] = form.cleaned_data["justification"].strip()
        request.session[SESSION_KEY] = given
        return redirect(back)
    return _ask_reason(request, key, form, back)


def _export_frame(rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            (
                s.ukfiu_reference,
                s.disclosed_on.isoformat(),
                s.reporting_institution,
                "; ".join(s.subject_list),
                s.reason,
                str(s.amount_gbp) if s.amount_gbp is not None else "",
                "yes" if s.daml else "no",
                s.get_daml_state_display(),
                s.daml_due.isoformat() if s.daml_due else "",
                "; ".join(s.linked_list),
            )
            for s in rows
        ],
        schema=[
            "ukfiu_reference",
            "disclosed_on",
            "reporting_institution",
            "subjects",
            "reason",
            "amount_gbp",
            "daml",
            "daml_state",
            "daml_due",
            "linked_references",
        ],
        orient="row",
    )


def sar_list(request):
    """The SARs the user may see, newest disclosed first, filtered by DAML state, institution
    and month of disclosure; csv and xlsx exports."""
    user = request.user
    if not services.may_open_register(user):
        raise Http404("No such page")
    reason = _reason(request, LIST_KEY)
    if not reason:
        return _ask_reason(request, LIST_KEY)
    filters = {k: request.GET.get(k, "").strip() for k in ("state", "institution", "month")}
    found = services.filtered_sars(
        user,
        state=filters["state"],
        institution=filters["institution"],
        month=parse_month(filters["month"]),
    )
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = list(found.order_by("-disclosed_on", "-pk")[:EXPORT_ROWS])
        services.audit_list(
            user, [s.ukfiu_reference for s in rows], justification=reason, disclosure=True
        )
        return exports.download(_export_frame(rows), "sars", fmt)
    page = paging.paginate(request, found, sorts=SORTS, default="disclosed", default_order="desc")
    services.audit_list(user, [s.ukfiu_reference for s in page.rows], justification=reason)
    return render(
        request,
        "finance/sar_list.html",
        {
            "page": page,
            "filters": filters,
            "states": rules.DamlState.choices,
            "may_keep": services.may_keep_register(user),
            "today": timezone.localdate(),
        },
    )


def sar_new(request):
    user = request.user
    if not services.may_keep_register(user):
        raise Http404("No such page")
    form = SarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sar = services.record_sar(user, filled(services.SarInput, form.cleaned_data))
        except InvalidInput as invalid:
            _add_problems(form, invalid)
        else:
            note = (
                f" The DAML notice period ends on {sar.notice_ends:%-d %B %Y}."
                if sar.notice_ends
                else ""
            )
            messages.success(request, f"SAR {sar.ukfiu_reference} recorded.{note}")
            return redirect("sar-detail", ref=sar.ukfiu_reference)
    return render(request, "finance/sar_form.html", {"form": form})


def sar_import(request):
    user = request.user
    if not services.may_keep_register(user):
        raise Http404("No such page")
    form = SarUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with saved_upload(upload) as path:
            try:
                done = importing.import_sars(
                    path,
                    user=user,
                    profile_name=form.cleaned_data["profile"] or "default",
                    original_name=upload.name,
                )
            except FileRejected as rejected:
                return render(
                    request,
                    "finance/sar_import.html",
                    {"form": SarUploadForm(), "rejected": rejected},
                    status=422,
                )
        messages.success(
            request,
            f"{done.added} SARs imported; {done.already} were already recorded and were "
            "left as they were.",
        )
        return redirect("sar-list")
    return render(request, "finance/sar_import.html", {"form": form})


ACTIONS = {"decide": DecisionForm, "extend": ExtensionForm, "end": EndForm}


def _act(request, user, ref: str, action: str, form) -> None:
    data = form.cleaned_data
    if action == "decide":
        services.decide(user, ref, data["decision"], on=data["on"], reason=data["reason"])
    elif action == "extend":
        services.extend(
            user,
            ref,
            granted_on=data["granted_on"],
            extended_to=data["extended_to"],
            court=data["court"],
        )
    else:
        services.end_moratorium(user, ref, reason=data["reason"])


def sar_detail(request, ref: str):
    """One SAR, its consent clock and the decisions open to the financial intelligence team."""
    user = request.user
    forms: dict[str, object] = {}
    if request.method == "POST" and services.may_keep_register(user):
        action = request.POST.get("action", "")
        if action in ACTIONS:
            form = ACTIONS[action](request.POST, prefix=action)
            if form.is_valid():
                try:
                    _act(request, user, ref, action, form)
                except InvalidInput as invalid:
                    _add_problems(form, invalid)
                except Conflict as conflict:
                    messages.error(request, str(conflict))
                    return redirect("sar-detail", ref=ref)
                else:
                    messages.success(request, f"SAR {ref}: recorded.")
                    return redirect("sar-detail", ref=ref)
            forms[action] = form
    try:
        sar = services.get_sar(user, ref, justification=_reason(request, ref))
    except JustificationRequired:
        return _ask_reason(request, ref)
    actions = []
    if services.may_keep_register(user):
        if sar.daml_state == rules.DamlState.AWAITING:
            actions = ["decide"]
        elif sar.daml_state == rules.DamlState.REFUSED:
            actions = ["extend", "end"]
    shown = [(a, forms.get(a) or ACTIONS[a](prefix=a)) for a in actions]
    extension_cap = (
        rules.extensions_end_at_most(sar.first_moratorium_ends)
        if sar.first_moratorium_ends
        else None
    )
    return render(
        request,
        "finance/sar_detail.html",
        {
            "sar": sar,
            "named": services.named_users(sar),
            "linked": services.linked_reports(user, sar),
            "extensions": services.extensions(sar),
            "actions": shown,
            "errors": [f for _, f in shown if getattr(f, "errors", None)],
            "extension_cap": extension_cap,
            "today": timezone.localdate(),
        },
    )


# ---------------------------------------------------------------- victims referred from SARs

REFERRAL_SORTS = {"referred": paging.Sort("Referred", ("referred_on",))}


def victim_referrals(request):
    """Victims the App. C scan found in SARs, referred to the vulnerability team: the victim
    and the reason, never the SAR or who reported it (§7.2). Audited as consulted."""
    user = request.user
    if not services.may_read_victim_referrals(user):
        raise Http404("No such page")
    page = paging.paginate(
        request,
        services.victim_referrals(user),
        sorts=REFERRAL_SORTS,
        default="referred",
        default_order="desc",
    )
    services.audit_referrals(user, [r.pk for r in page.rows])
    return render(request, "finance/victim_referrals.html", {"page": page})
