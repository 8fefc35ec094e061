"""The linking app's API operations (added to /api/v1 by fraudcase.api, before the reports'
own /reports/{ref}): the same services as the pages, so the same need-to-know: every count is
of the reports the caller may see, and a series they see fewer than two reports of does not
exist for them (404); a report of the same person they may not see is neither listed nor
counted."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Detail, PageIn
from fraudcase.reports import services as report_services

from . import person_services, rules, services
from .models import PersonMember

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


# ---------------------------------------------------------------- persons (repeat victims)


class PersonLinkOut(Schema):
    local_reference: str
    received_at: datetime
    status: str
    victim_name: str
    match_probability: float | None = Field(
        description="The probability of the link that joined this report's victim to the person"
    )
    linked_by: str = Field(description="exact, probability or officer")
    fields_agreed: list[str] = Field(description="surname, date of birth, telephone...")
    decision: str = Field(
        description="An officer's decision on this pair of victims: confirm, break or empty"
    )


class PersonDecisionIn(Schema):
    other: str = Field(description="The local reference of the other report")
    decision: Literal["confirm", "break"]
    reason: str = Field("", max_length=300)


class PersonDecisionOut(Schema):
    local_reference: str
    other: str
    decision: str
    same_person: bool = Field(description="Whether the two victims are one person now")


def _link_out(member: PersonMember, decided: dict[int, str]) -> dict[str, object]:
    report = member.victim.report
    return {
        "local_reference": report.local_reference,
        "received_at": report.received_at,
        "status": report.status,
        "victim_name": member.victim.display_name,
        "match_probability": member.probability,
        "linked_by": rules.person_link_kind(member.agreed),
        "fields_agreed": rules.fields_agreed(member.agreed),
        "decision": decided.get(member.victim_id, ""),
    }


@router.get("/reports/{path:ref}/person", response=list[PersonLinkOut], openapi_extra=PAGED)
def person_reports(
    request: HttpRequest, response: HttpResponse, ref: str, filters: Query[PageIn]
) -> list[dict[str, object]]:
    """The other reports of the same person (repeat victim) the caller may see, newest first, a
    page at a time, each with the probability and the fields that agreed on its link, and any
    officer's decision on the pair. Audited as a consultation of the report (a restricted one
    needs `X-Justification`); empty before any person run."""
    user = api_user(request)
    report = report_services.get_report(
        user, ref, justification=request.headers.get("X-Justification", "")
    )
    page = paging.api_page(
        request, response, person_services.person_links(user, report), size=filters.page_size
    )
    members: list[PersonMember] = list(page.rows)
    decided = person_services.decisions_on(report, [m.victim_id for m in members])
    return [_link_out(m, decided) for m in members]


@router.post("/reports/{path:ref}/person", response={201: PersonDecisionOut, 404: Detail})
def decide_person(
    request: HttpRequest, ref: str, payload: PersonDecisionIn
) -> Status[dict[str, object]]:
    """Confirm that the victims of this report and `other` are the same person, or break the
    link (roles that may: as on the report page; 404 for a report the caller may not see, or
    for a caller whose role may not decide). Kept, applied now, and on every later run; audited
    as an alteration of the report."""
    user = api_user(request)
    report = report_services.visible_reports(user).filter(local_reference=ref).first()
    if report is None:
        raise Http404("No such report")
    person_services.decide(user, report, payload.other, payload.decision, payload.reason)
    people = set(
        PersonMember.objects.filter(
            victim__report__local_reference__in=[ref, payload.other]
        ).values_list("person_id", flat=True)
    )
    return Status(
        201,
        {
            "local_reference": ref,
            "other": payload.other,
            "decision": payload.decision,
            "same_person": len(people) == 1,
        },
    )
