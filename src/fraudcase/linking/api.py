"""The linking app's API operations (added to /api/v1 by fraudcase.api): the same services as
the pages, so the same need-to-know: every count is of the reports the caller may see, and a
series they see fewer than two reports of does not exist for them (404)."""

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, PageIn

from . import services

router = Router(tags=["linking"])


class SeriesOut(Schema):
    reference: str
    reports: int
    first_received: datetime
    last_received: datetime


class SeriesIdentifierOut(Schema):
    kind: str
    value: str
    reports: int


class SeriesSuspectNameOut(Schema):
    name: str
    reports: int


class SeriesDetailOut(Schema):
    reference: str
    reports: int
    victims: int
    total_loss_gbp: Decimal
    median_loss_gbp: float | None
    first_received: datetime | None
    last_received: datetime | None
    postcode_districts: list[str]
    identifiers: list[SeriesIdentifierOut]
    suspect_names: list[SeriesSuspectNameOut]


class SeriesReportOut(Schema):
    local_reference: str
    received_at: datetime
    status: str
    loss_gbp: Decimal | None


@router.get("/series", response=list[SeriesOut], openapi_extra=PAGED)
def list_series(
    request: HttpRequest, response: HttpResponse, filters: Query[PageIn]
) -> list[dict[str, object]]:
    """Series of linked reports the caller sees two or more reports of, largest first, then
    newest, a page at a time (`X-Total-Count`, `Link`); `reports` counts what the caller may
    see."""
    user = api_user(request)
    page = paging.api_page(request, response, services.visible_series(user), size=filters.page_size)
    return [
        {
            "reference": row["reference"],
            "reports": row["seen"],
            "first_received": row["first"],
            "last_received": row["last"],
        }
        for row in services.with_references(page.rows)
    ]


@router.get("/series/{reference}", response=SeriesDetailOut)
def get_series(request: HttpRequest, reference: str) -> dict[str, object]:
    """One series: counts, losses, dates, districts, identifiers and suspects' names, over the
    reports the caller may see (audited as a consultation)."""
    user = api_user(request)
    series = services.get_series(user, reference)
    summary = services.summary(user, series)
    return {
        "reference": series.reference,
        "reports": summary.reports,
        "victims": summary.victims,
        "total_loss_gbp": summary.total_loss,
        "median_loss_gbp": summary.median_loss,
        "first_received": summary.first,
        "last_received": summary.last,
        "postcode_districts": summary.districts,
        "identifiers": [
            {"kind": i["kind"], "value": i["normalised"], "reports": i["reports"]}
            for i in summary.identifiers
        ],
        "suspect_names": [{"name": n["name"], "reports": n["reports"]} for n in summary.names],
    }


@router.get("/series/{reference}/reports", response=list[SeriesReportOut], openapi_extra=PAGED)
def series_reports(
    request: HttpRequest, response: HttpResponse, reference: str, filters: Query[PageIn]
) -> list[dict[str, object]]:
    """The reports of a series the caller may see, newest first, a page at a time."""
    user = api_user(request)
    series = services.get_series(user, reference)
    found = services.series_reports(user, series)
    page = paging.api_page(request, response, found, size=filters.page_size)
    return [
        {
            "local_reference": r.local_reference,
            "received_at": r.received_at,
            "status": r.status,
            "loss_gbp": r.loss_gbp,
        }
        for r in page.rows
    ]
