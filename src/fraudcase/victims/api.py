"""django-ninja routes for the vulnerability workbench: the same services and access rules."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from fraudcase.accounts.services import api_user
from fraudcase.audit.models import AuditAction
from fraudcase.core import paging
from fraudcase.core.api_schemas import PAGED, Day, Invalid, PageIn, Rejected, one_of
from fraudcase.core.errors import InvalidInput
from fraudcase.core.uploads import answer_upload
from fraudcase.reports import api as report_api
from fraudcase.reports import services as report_services

from . import services
from .models import ActionState, Partner, VictimList, VictimListEntry, VulnerabilityAction
from .rules import PlanHow, PlanStatus, Response, VulnerabilityStatus

router = Router(tags=["vulnerability"])


class ListOut(Schema):
    id: int
    filename: str
    rows: int
    added: int
    first_report_date: date | None
    last_report_date: date | None
    held_reports_checked: bool


class ListImportOut(Schema):
    list: ListOut
    added_now: int
    segments: dict[str, int]


class EntryOut(Schema):
    id: int
    nfrc: str
    report_date: date
    victim_type: str
    forename: str
    surname: str
    business_name: str
    dob: date | None
    postcode: str
    loss_gbp: Decimal | None
    status: one_of(VulnerabilityStatus)
    under_18: bool
    dob_missing: bool
    keywords: str
    response: str
    reasons: str
    repeat_reports: int
    ecvcu_referred: bool


class ResponseDecisionIn(Schema):
    response: one_of(Response)
    assignee_id: int
    no_visit_reason: str = ""
    due_on: Day | None = None
    # Needed for a victim with the national ECVCU (WMP ¶63 iii): who agreed to local contact.
    ecvcu_handover: str = ""


class TaskOut(Schema):
    id: int
    entry_id: int
    nfrc: str
    response: one_of(Response)
    assignee: str
    due_on: date
    state: one_of(ActionState)
    is_follow_up: bool
    result: str
    ppn_raised: bool
    ecvcu_handover: str


class ResultIn(Schema):
    done_on: Day
    result: str
    financial_abuse: bool = False


class ResultOut(Schema):
    task: TaskOut
    follow_up: TaskOut | None


class PartnerIn(Schema):
    partner: one_of(Partner)
    consent: bool
    other_partner: str = ""
    notes: str = ""


class PartnerOut(Schema):
    id: int
    partner: one_of(Partner)
    consent: bool


class EcvcuOut(Schema):
    added: int
    victims_marked: int


def _task(action: VulnerabilityAction) -> dict[str, object]:
    return {
        "id": action.pk,
        "entry_id": action.entry_id,
        "nfrc": action.entry.nfrc,
        "response": action.response,
        "assignee": str(action.assignee or ""),
        "due_on": action.due_on,
        "state": action.state,
        "is_follow_up": action.is_follow_up,
        "result": action.result,
        "ppn_raised": action.ppn_raised,
        "ecvcu_handover": action.ecvcu_handover,
    }


@router.get("/victim-lists", response=list[ListOut], openapi_extra=PAGED)
def lists(request: HttpRequest, response: HttpResponse, paged: Query[PageIn]) -> list[VictimList]:
    """The victim lists, newest first, a page at a time (`X-Total-Count`, `Link`)."""
    found = services.visible_lists(api_user(request)).order_by("-uploaded_at", "-pk")
    return paging.api_page(request, response, found, size=paged.page_size).rows


@router.post("/victim-lists", response={201: ListImportOut, 422: Rejected})
def upload_list(
    request: HttpRequest, file: File[UploadedFile], profile: Form[str] = "default"
) -> Status[dict[str, object]]:
    """Upload an NFIB victim list; rows already held are not added twice."""

    def answer(imported: tuple[VictimList, int]) -> Status[dict[str, object]]:
        victim_list, added = imported
        return Status(
            201,
            {
                "list": victim_list,
                "added_now": added,
                "segments": services.segment_counts(api_user(request), victim_list),
            },
        )

    return answer_upload(
        file,
        lambda path: services.import_victim_list(
            path, user=api_user(request), profile_name=profile, original_name=file.name or ""
        ),
        answer,
        rejected="List rejected: nothing was added",
    )


@router.get("/victim-lists/{list_id}/entries", response=list[EntryOut], openapi_extra=PAGED)
def list_entries(
    request: HttpRequest,
    response: HttpResponse,
    list_id: int,
    paged: Query[PageIn],
    segment: one_of(services.SEGMENTS) = "VS4",
) -> list[VictimListEntry]:
    """One segment of a list in the list's row order, a page at a time (`X-Total-Count`,
    `Link`); with victims on restricted reports among the page, only with an `X-Justification`
    header (428 without it)."""
    user = api_user(request)
    victim_list = services.get_list(user, list_id)
    found = services.segment_entries(user, victim_list, segment).order_by("row")
    entries: list[VictimListEntry] = paging.api_page(
        request, response, found, size=paged.page_size
    ).rows
    report_services.disclose(
        user,
        report_services.reports_with_nfrc([e.nfrc for e in entries]),
        report_api.justification(request),
        object_type="victim_list",
        listing=str(list_id),
        summary=f"API read of {len(entries)} victims ({segment}, page {paged.page})",
    )
    return entries


@router.get("/victim-entries/{entry_id}", response=EntryOut)
def entry(request: HttpRequest, entry_id: int) -> VictimListEntry:
    """One victim; when its NFRC is on a restricted report, only with an `X-Justification`
    header (428 without it)."""
    return services.open_entry(
        api_user(request),
        entry_id,
        report_api.justification(request),
        purpose=AuditAction.DISCLOSURE,
    )


@router.post("/victim-entries/{entry_id}/decision", response={201: TaskOut, 422: Invalid})
def decide(
    request: HttpRequest, entry_id: int, payload: ResponseDecisionIn
) -> Status[dict[str, object]]:
    found = services.get_entry(api_user(request), entry_id)
    try:
        action = services.decide_response(api_user(request), found, **payload.dict())
    except InvalidInput as invalid:
        return Status(422, {"detail": "Decision not saved", "problems": invalid.problems})
    return Status(201, _task(action))


@router.get("/vulnerability-tasks", response=list[TaskOut], openapi_extra=PAGED)
def my_tasks(
    request: HttpRequest, response: HttpResponse, paged: Query[PageIn]
) -> list[dict[str, object]]:
    """Open tasks assigned to the signed-in officer, soonest first, a page at a time
    (`X-Total-Count`, `Link`)."""
    found = services.my_tasks(api_user(request))
    return [_task(a) for a in paging.api_page(request, response, found, size=paged.page_size).rows]


@router.post("/vulnerability-tasks/{task_id}/result", response={200: ResultOut, 422: Invalid})
def record_result(
    request: HttpRequest, task_id: int, payload: ResultIn
) -> Status[dict[str, object]]:
    action = services.get_action(api_user(request), task_id)
    try:
        follow_up = services.record_result(api_user(request), action, **payload.dict())
    except InvalidInput as invalid:
        return Status(422, {"detail": "Result not saved", "problems": invalid.problems})
    return Status(
        200, {"task": _task(action), "follow_up": _task(follow_up) if follow_up else None}
    )


@router.post(
    "/victim-entries/{entry_id}/partner-referrals", response={201: PartnerOut, 422: Invalid}
)
def partner_referral(
    request: HttpRequest, entry_id: int, payload: PartnerIn
) -> Status[dict[str, object]]:
    found = services.get_entry(api_user(request), entry_id)
    try:
        referral = services.refer_to_partner(api_user(request), found, **payload.dict())
    except InvalidInput as invalid:
        return Status(422, {"detail": "Referral not saved", "problems": invalid.problems})
    return Status(
        201, {"id": referral.pk, "partner": referral.partner, "consent": referral.consent}
    )


@router.post("/ecvcu-referrals", response={201: EcvcuOut, 422: Rejected})
def ecvcu(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, object]]:
    return answer_upload(
        file,
        lambda path: services.import_ecvcu_referrals(
            path, user=api_user(request), original_name=file.name or ""
        ),
        lambda counts: Status(201, {"added": counts[0], "victims_marked": counts[1]}),
        rejected="File rejected",
    )


class ContactPlanIn(Schema):
    who: str
    how: one_of(PlanHow)
    by_when: Day | None = None
    status: one_of(PlanStatus) = PlanStatus.PLANNED.value
    notes: str = ""


class ContactPlanOut(Schema):
    who: str
    how: one_of(PlanHow)
    by_when: date
    status: one_of(PlanStatus)
    notes: str
    updated_at: datetime


class BusinessOut(EntryOut):
    contact_plan: ContactPlanOut | None = None

    @staticmethod
    def resolve_contact_plan(obj: VictimListEntry) -> object:
        return getattr(obj, "contact_plan", None)


@router.put("/victim-entries/{entry_id}/contact-plan", response={200: ContactPlanOut, 422: Invalid})
def contact_plan(request: HttpRequest, entry_id: int, payload: ContactPlanIn) -> Status[object]:
    """Record or update a business's contact plan (WMP ¶63 ii: the week's top five). A
    business on a restricted report only with an `X-Justification` header (428 without)."""
    user = api_user(request)
    business = services.get_business(
        user, entry_id, justification=report_api.justification(request)
    )
    try:
        plan = services.save_contact_plan(user, business, **payload.dict())
    except InvalidInput as invalid:
        return Status(422, {"detail": "Contact plan not saved", "problems": invalid.problems})
    return Status(200, plan)


class WeeklyOut(Schema):
    week_start: date
    total: int
    top_individuals: list[EntryOut]
    top_businesses: list[BusinessOut]
    districts: dict[str, int]
    under_18: list[EntryOut]


@router.get("/weekly-lists", response=WeeklyOut)
def weekly(request: HttpRequest, week: Day) -> dict[str, object]:
    start = week - timedelta(days=week.weekday())
    user = api_user(request)
    lists = services.weekly_lists(user, start)
    lists["under_18"] = list(lists["under_18"])  # type: ignore[typeddict-item]
    report_services.disclose(
        user,
        report_services.reports_with_nfrc(services.weekly_shown(lists)),
        report_api.justification(request),
        object_type="weekly_list",
        listing=start.isoformat(),
        summary="API read of weekly lists",
    )
    return {**lists, "week_start": start, "districts": dict(lists["districts"])}
