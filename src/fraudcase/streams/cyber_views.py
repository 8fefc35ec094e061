"""The routed lists' pages: the cyber team's list, the Protect team's victim-support-only
referrals, and recording the first contact. Request -> streams.cyber -> template."""

import polars as pl
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fraudcase.audit.models import AuditAction
from fraudcase.core import exports, paging
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.core.forms import GovukMixin
from fraudcase.reports import services as report_services
from fraudcase.reports.views import EXPORT_ROWS, list_justification

from . import cyber
from . import cyber_rules as rules
from .cyber_rules import ContactState, RoutedList

INTRO = {
    RoutedList.CYBER: (
        "Cyber-dependent crime (NFIB50A to NFIB52E) and crimes in action, routed to the cyber "
        "team as they came in. Contact each victim and give protect advice by the day due: a "
        "crime in action the same day."
    ),
    RoutedList.VICTIM_SUPPORT: (
        "Report Fraud (formerly Action Fraud) referrals for victim support only: not for "
        "investigation, so they never go to assessment. Make the first contact by the day due "
        "and give the support the victim needs (§5.4, §6)."
    ),
}


class ContactForm(GovukMixin, forms.Form):
    method = forms.ChoiceField(
        label="How was the victim contacted?",
        choices=rules.ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label="What the victim was told, and the protect advice given", widget=forms.Textarea
    )


def _list(request, routed: RoutedList):
    state = request.GET.get("state", ContactState.OWED)
    if state not in ContactState.values:
        state = ContactState.OWED
    reports = cyber.routed_reports(request.user, routed, state)
    listing = f"routed-{routed.value}"
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        shown = list(reports.order_by("-received_at", "-pk")[:EXPORT_ROWS])
        frame = pl.DataFrame(
            [
                (
                    r.local_reference,
                    r.get_route_display(),
                    r.get_source_display(),
                    r.fraud_type,
                    r.victim.display_name,
                    timezone.localtime(r.received_at).isoformat(timespec="minutes"),
                    r.route_due.isoformat() if r.route_due else "",
                    timezone.localtime(r.route_contacted_at).isoformat(timespec="minutes")
                    if r.route_contacted_at
                    else "",
                )
                for r in shown
            ],
            schema=[
                "local_reference",
                "route",
                "source",
                "fraud_type",
                "victim",
                "received",
                "contact_due",
                "contacted",
            ],
            orient="row",
        )
        report_services.disclose(
            request.user,
            [r.local_reference for r in shown],
            list_justification(request),
            listing=listing,
            summary=f"Exported the {routed.label} list ({len(shown)})",
        )
        return exports.download(frame, listing, fmt)
    page = paging.paginate(
        request,
        reports,
        sorts=cyber.SORTS,
        default="due" if state == ContactState.OWED else "received",
        default_order="asc" if state == ContactState.OWED else "desc",
    )
    report_services.disclose(
        request.user,
        [r.local_reference for r in page.rows],
        list_justification(request),
        listing=listing,
        summary=f"Viewed the {routed.label} list (page {page.number}: {len(page.rows)})",
        action=AuditAction.CONSULTATION,
    )
    counts = cyber.counts(request.user, routed)
    here = reverse(f"{routed.value}-list")
    return render(
        request,
        "streams/cyber_list.html",
        {
            "routed": routed,
            "title": routed.label,
            "intro": INTRO[routed],
            "state": state,
            "tabs": [
                (f"{here}?state={s.value}", s.label, counts[s.value], s.value == state)
                for s in ContactState
            ],
            "page": page,
            "query": page.query,
            "today": timezone.localdate(),
            "may_contact": rules.may_contact(request.user.role, routed),
        },
    )


def cyber_list(request):
    """The cyber team's list (seed 002 ¶11 iv, ¶38)."""
    return _list(request, RoutedList.CYBER)


def victim_support_list(request):
    """The Protect team's victim-support-only referrals (seed 001 §5.4, §6)."""
    return _list(request, RoutedList.VICTIM_SUPPORT)


def contact(request, ref):
    """Record the routed team's first contact with the victim: the clock stops."""
    report = report_services.get_report(
        request.user, ref, justification=request.session.get("justifications", {}).get(ref, "")
    )
    routed = rules.list_of(report.route)
    if routed is None or not rules.may_contact(request.user.role, routed):
        raise Http404("No such page")
    back = reverse(f"{routed.value}-list")
    if report.route_contacted_at is not None:
        messages.info(request, "The victim's first contact is already recorded.")
        return redirect(back)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cyber.record_contact(
                request.user,
                ref,
                method=form.cleaned_data["method"],
                summary=form.cleaned_data["summary"],
            )
        except InvalidInput as invalid:
            for field, problem in invalid.problems.items():
                form.add_error(field if field in form.fields else None, problem)
        except (Conflict, NotPermitted) as refused:
            messages.error(request, str(refused))
            return redirect(back)
        else:
            messages.success(request, f"First contact recorded on {report.local_reference}.")
            return redirect(back)
    return render(
        request,
        "streams/cyber_contact.html",
        {"report": report, "routed": routed, "form": form, "back": back},
    )
