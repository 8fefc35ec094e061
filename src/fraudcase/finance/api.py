"""The finance app's API operations (added to /api/v1 by fraudcase.api): the same services as
the pages, so the same access rules. SARs are need-to-know: a SAR the user may not see answers
404, and every answer that shows SARs needs the user's reason in an X-Justification header
(428 without it), kept in the audit log."""

from datetime import date
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.accounts.services import api_user
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Detail, Invalid, PageIn, Rejected, one_of
from fraudcase.core.errors import InvalidInput
from fraudcase.core.uploads import answer_upload
from fraudcase.reports.api import justification

from . import importing, rules, services
from .models import Sar, SarVictimReferral
from .views import parse_month

router = Router(tags=["finance"])

JUSTIFIED = {
    "parameters": [
        {
            "in": "header",
            "name": "X-Justification",
            "required": False,
            "description": "Why you consult the SARs (kept in the audit log); without it the "
            "list answers 428.",
            "schema": {"type": "string", "maxLength": 500},
        }
    ],
    "responses": {"200": {"headers": paging.API_HEADERS}},
}


class SarOut(Schema):
    ukfiu_reference: str
    disclosed_on: date
    reporting_institution: str
    subjects: list[str]
    reason: str
    amount_gbp: Decimal | None
    daml: bool
    daml_state: one_of(rules.DamlState)
    notice_ends: date | None
    decision: one_of(rules.DamlDecision, "")
    decided_on: date | None
    decision_reason: str
    moratorium_ends: date | None
    next_deadline: date | None
    linked_references: list[str]


class SarIn(Schema):
    ukfiu_reference: str = Field(max_length=40)
    disclosed_on: Day
    reporting_institution: str = Field(max_length=200)
    subjects: list[str] = Field(description="The subjects, one a string")
    reason: str
    amount_gbp: str = Field("", max_length=20, description="In pounds, e.g. 1250.00")
    daml: bool = Field(False, description="Whether it asks for consent")
    linked_references: list[str] = Field(default_factory=list)
    named_users: list[str] = Field(default_factory=list, description="Usernames")
    victim_name: str = Field("", max_length=200, description="The victim the SAR names, if any")
    victim_dob: Day | None = None
    victim_postcode: str = Field("", max_length=10)


class SarFilters(PageIn):
    state: one_of(rules.DamlState, "") = ""
    institution: str = Field("", max_length=200)
    month: str = Field("", description="YYYY-MM: the month of disclosure")


class DamlDecisionIn(Schema):
    decision: one_of(rules.DamlDecision)
    on: Day | None = Field(None, description="The day it was decided; today if not given")
    reason: str = Field(description="Why")


class MoratoriumExtensionIn(Schema):
    granted_on: Day
    extended_to: Day
    court: str = Field(max_length=200)


class SarImportOut(Schema):
    added: int
    already: int


def _out(s: Sar) -> dict[str, object]:
    return {
        "ukfiu_reference": s.ukfiu_reference,
        "disclosed_on": s.disclosed_on,
        "reporting_institution": s.reporting_institution,
        "subjects": s.subject_list,
        "reason": s.reason,
        "amount_gbp": s.amount_gbp,
        "daml": s.daml,
        "daml_state": s.daml_state,
        "notice_ends": s.notice_ends,
        "decision": s.decision,
        "decided_on": s.decided_on,
        "decision_reason": s.decision_reason,
        "moratorium_ends": s.moratorium_ends,
        "next_deadline": s.daml_due,
        "linked_references": s.linked_list,
    }


@router.get("/sars", response={200: list[SarOut], 428: Detail}, openapi_extra=JUSTIFIED)
def list_sars(
    request: HttpRequest, response: HttpResponse, filters: Query[SarFilters]
) -> list[dict[str, object]]:
    """The SARs you may see (the financial intelligence team: all; others: those naming them),
    newest disclosed first, a page at a time (`X-Total-Count`, `Link`), filtered by DAML
    state, reporting institution and month of disclosure. Needs `X-Justification`."""
    user = api_user(request)
    if not services.may_open_register(user):
        raise Http404("No such page")
    found = services.filtered_sars(
        user,
        state=filters.state,
        institution=filters.institution,
        month=parse_month(filters.month),
    ).order_by("-disclosed_on", "-pk")
    reason = justification(request)
    if not reason.strip():
        services.audit_list(user, [], justification="")  # raises: 428
    page = paging.api_page(request, response, found, size=filters.page_size)
    services.audit_list(user, [s.ukfiu_reference for s in page.rows], justification=reason)
    return [_out(s) for s in page.rows]


@router.post("/sars", response={201: SarOut, 422: Invalid})
def record_sar(request: HttpRequest, payload: SarIn) -> Status[dict[str, object]]:
    """Record a SAR by hand (the financial intelligence team); a SAR asking for consent starts
    its 7-working-day notice period (POCA s.335(5))."""
    user = api_user(request)
    try:
        sar = services.record_sar(
            user,
            services.SarInput(
                ukfiu_reference=payload.ukfiu_reference,
                disclosed_on=payload.disclosed_on,
                reporting_institution=payload.reporting_institution,
                subjects="\n".join(payload.subjects),
                reason=payload.reason,
                amount_gbp=payload.amount_gbp,
                daml=payload.daml,
                linked_references=",".join(payload.linked_references),
                named_users=",".join(payload.named_users),
                victim_name=payload.victim_name,
                victim_dob=payload.victim_dob,
                victim_postcode=payload.victim_postcode,
            ),
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "SAR not recorded", "problems": invalid.problems})
    return Status(201, _out(sar))


@router.post("/sars/import", response={201: SarImportOut, 409: Detail, 422: Rejected})
def import_sars(
    request: HttpRequest, file: File[UploadedFile], profile: Form[str] = "default"
) -> Status[dict[str, object]]:
    """Import the UKFIU's SARs from a csv or xlsx (docs/admin-guide.md "Importing SARs"), its
    headings mapped by the import profile `profile` (kind "UKFIU SAR file"): any problem refuses
    the whole file (422, every row, column and problem); SARs already recorded are left as they
    are."""
    user = api_user(request)
    return answer_upload(
        file,
        lambda path: importing.import_sars(
            path, user=user, profile_name=profile, original_name=file.name or ""
        ),
        lambda done: Status(201, {"added": done.added, "already": done.already}),
        rejected="File rejected: nothing was imported",
    )


@router.get("/sars/{ref}", response=SarOut)
def get_sar(request: HttpRequest, ref: str) -> dict[str, object]:
    """One SAR, with its consent clock. Needs `X-Justification` (428 without it)."""
    return _out(services.get_sar(api_user(request), ref, justification=justification(request)))


@router.post("/sars/{ref}/decision", response={200: SarOut, 422: Invalid})
def decide(request: HttpRequest, ref: str, payload: DamlDecisionIn) -> Status[dict[str, object]]:
    """Record the decision on a consent request: `consent`, `refuse` (within the notice period:
    the 31-day moratorium starts, POCA s.335(6)) or `no_action`. 409 once decided."""
    try:
        sar = services.decide(
            api_user(request), ref, payload.decision, on=payload.on, reason=payload.reason
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Decision not recorded", "problems": invalid.problems})
    return Status(200, _out(sar))


@router.post("/sars/{ref}/extension", response={200: SarOut, 422: Invalid})
def extend(
    request: HttpRequest, ref: str, payload: MoratoriumExtensionIn
) -> Status[dict[str, object]]:
    """Record a Crown Court extension of the moratorium: 31 days at most at a time, never past
    186 days after the first moratorium ended (POCA s.336A). 409 when none is running."""
    try:
        sar = services.extend(
            api_user(request),
            ref,
            granted_on=payload.granted_on,
            extended_to=payload.extended_to,
            court=payload.court,
        )
    except InvalidInput as invalid:
        return Status(422, {"detail": "Extension not recorded", "problems": invalid.problems})
    return Status(200, _out(sar))


class SarVictimReferralOut(Schema):
    """A victim found in financial intelligence: the victim and the reason, never the SAR."""

    id: int
    victim_name: str
    victim_dob: date | None
    victim_postcode: str
    status: str
    reason: str
    referred_on: date


@router.get("/sar-victim-referrals", response=list[SarVictimReferralOut], openapi_extra=PAGED)
def list_victim_referrals(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[SarVictimReferral]:
    """Victims the App. C scan found in SARs, referred to the vulnerability team, newest first,
    a page at a time: the victim and the reason only (the source is protected)."""
    user = api_user(request)
    if not services.may_read_victim_referrals(user):
        raise Http404("No such page")
    found = services.victim_referrals(user).order_by("-referred_on", "-pk")
    page = paging.api_page(request, response, found, size=paged.page_size)
    services.audit_referrals(user, [r.pk for r in page.rows])
    return list(page.rows)
