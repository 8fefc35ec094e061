"""The routed lists over the API: the cyber team's and the Protect team's reports, a page at a
time, and recording the first contact. The same services as the pages (streams.cyber), so
the same access rules: a role that does not work a list gets 404, a restricted report on the
page needs an X-Justification header (428)."""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Detail, Invalid, PageIn, one_of
from fraudcase.reports import api as report_api
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import Route
from fraudcase.reports.models import Report

from . import cyber
from .cyber_rules import ContactMethod, ContactState, RoutedList

router = Router(tags=["streams"])


class RoutedOut(Schema):
    local_reference: str
    route: one_of(Route)
    source: str
    fraud_type: str
    victim: str
    received_at: datetime
    contact_due: date | None
    contacted_at: datetime | None


class RoutedQuery(PageIn):
    state: one_of(ContactState) = Field(
        ContactState.OWED, description="owed (first contact still owed), contacted, or all"
    )


class ContactIn(Schema):
    method: one_of(ContactMethod)
    summary: str


def _out(report: Report) -> dict[str, object]:
    return {
        "local_reference": report.local_reference,
        "route": report.route,
        "source": report.get_source_display(),
        "fraud_type": report.fraud_type,
        "victim": report.victim.display_name,
        "received_at": report.received_at,
        "contact_due": report.route_due,
        "contacted_at": report.route_contacted_at,
    }


def _list(
    request: HttpRequest, response: HttpResponse, routed: RoutedList, query: RoutedQuery
) -> list[dict[str, object]]:
    user = api_user(request)
    reports = cyber.routed_reports(user, routed, query.state)
    order = ("route_due", "pk") if query.state == ContactState.OWED else ("-received_at", "-pk")
    rows = paging.api_page(request, response, reports.order_by(*order), size=query.page_size).rows
    report_services.disclose(
        user,
        [r.local_reference for r in rows],
        report_api.justification(request),
        listing=f"routed-{routed.value}",
        summary=f"API read of the {routed.label} list (page {query.page}: {len(rows)})",
    )
    return [_out(r) for r in rows]


@router.get("/streams/cyber", response=list[RoutedOut], openapi_extra=PAGED)
def cyber_list(
    request: HttpRequest, response: HttpResponse, query: Query[RoutedQuery]
) -> list[dict[str, object]]:
    """The cyber team's reports (cyber-dependent codes NFIB50A-NFIB52E and crimes in action):
    by default those whose first contact is owed, soonest due first."""
    return _list(request, response, RoutedList.CYBER, query)


@router.get("/streams/victim-support", response=list[RoutedOut], openapi_extra=PAGED)
def victim_support_list(
    request: HttpRequest, response: HttpResponse, query: Query[RoutedQuery]
) -> list[dict[str, object]]:
    """The Protect team's victim-support-only referrals: by default those whose first contact
    is owed, soonest due first."""
    return _list(request, response, RoutedList.VICTIM_SUPPORT, query)


@router.post(
    "/streams/contacts/{path:ref}",
    response={200: RoutedOut, 404: Detail, 409: Detail, 422: Invalid},
)
def record_contact(request: HttpRequest, ref: str, payload: ContactIn) -> dict[str, object]:
    """Record the routed team's first contact with the victim (and the protect advice given):
    the clock stops. 409 when already recorded; 404 for a report not routed, not visible, or a
    role that does not work its list."""
    report = cyber.record_contact(api_user(request), ref, **payload.dict())
    return _out(report)
