"""Reads and writes for ILOR/EIO requests and Banking Protocol incidents.

Every read starts from `visible_requests` / `visible_incidents`: the role may open the stream,
and the record's handling marking and team restriction (accounts.services.visibility_filter)
let the user see it, so a record a user may not see is in no list, count, link or export.
Each write is one transaction, audited.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fraudcase.accounts import rules as account_rules
from fraudcase.accounts.enums import HandlingMarking
from fraudcase.accounts.models import Team, User
from fraudcase.accounts.services import visibility_filter
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases import clocks
from fraudcase.core import dates
from fraudcase.core.errors import Conflict, InvalidInput, NotPermitted
from fraudcase.reports import rules as report_rules
from fraudcase.reports.models import Report
from fraudcase.reports.services import visible_reports
from fraudcase.triage import rules as triage_rules

from . import rules
from .models import BankingProtocolIncident, InternationalRequest

ERASED = "[erased]"


def _marking_problems(user: User, marking: str, team: Team | None) -> dict[str, str]:
    """A user may mark a record only as high as they may see, and restrict it only to one of
    their own teams: otherwise they would lose sight of what they just recorded."""
    problems = {}
    if marking not in account_rules.markings_cleared_for(user.clearance):
        problems["handling_marking"] = "You may not mark a record above your own clearance"
    if team is not None and not user.teams.filter(pk=team.pk).exists():
        problems["restricted_to_team"] = "Restrict it to one of your own teams"
    return problems


# ---------------------------------------------------------------- ILOR/EIO requests


def may_read_requests(user: User) -> bool:
    """Whether the user's role may open the ILOR/EIO pages."""
    return user.role in rules.READING_ROLES


def may_work_requests(user: User) -> bool:
    """Whether the user's role records and moves ILOR/EIO requests."""
    return user.role in rules.WORKING_ROLES


def visible_requests(user: User | None) -> QuerySet[InternationalRequest]:
    """The requests this user may see (None: the whole unit, for the performance pack)."""
    if user is None:
        return InternationalRequest.objects.all()
    if not may_read_requests(user):
        return InternationalRequest.objects.none()
    return InternationalRequest.objects.filter(visibility_filter(user))


# The "due" filter: the requests the pack counts as overdue (still owed after their due date,
# today) or completed late (streams.measures.ilor_demand).
DUE_FILTERS = {"overdue": "Overdue today", "late": "Completed late"}


def filtered_requests(
    user: User,
    *,
    state: str = "",
    kind: str = "",
    country: str = "",
    month: date | None = None,
    due: str = "",
) -> QuerySet[InternationalRequest]:
    """The user's visible requests, filtered as the list page, the API and the performance
    pack's figures ask: `month` the month received, `due` one of DUE_FILTERS."""
    found = visible_requests(user).select_related("officer", "team")
    if state in rules.RequestState.values:
        found = found.filter(state=state)
    if kind in rules.RequestKind.values:
        found = found.filter(kind=kind)
    if country in rules.COUNTRY_NAMES:
        found = found.filter(country=country)
    if month is not None:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        found = found.filter(received_on__gte=month, received_on__lt=following)
    if due == "overdue":
        found = found.filter(state__in=list(rules.OPEN_STATES), due_on__lt=timezone.localdate())
    elif due == "late":
        found = found.filter(state=rules.RequestState.COMPLETED, completed_on__gt=F("due_on"))
    return found


def officers() -> QuerySet[User]:
    """Who a request can be with: active users of the roles that work them."""
    return User.objects.filter(is_active=True, role__in=rules.WORKING_ROLES).order_by(
        "last_name", "first_name", "username"
    )


@dataclass(frozen=True)
class RequestInput:
    kind: str
    country: str
    authority: str
    their_reference: str
    received_on: date
    asked_for: str
    asked_for_detail: str
    officer: User | None
    team: Team
    response_due: date | None
    handling_marking: str
    restricted_to_team: Team | None


@transaction.atomic
def record_request(user: User, data: RequestInput) -> InternationalRequest:
    """Record an ILOR or EIO as received, with its response due date (rules.response_due)."""
    if not may_work_requests(user):
        raise NotPermitted("Your role may not record ILOR or EIO requests")
    today = timezone.localdate()
    problems = rules.request_problems(data.received_on, data.response_due, today)
    if data.country not in rules.COUNTRY_NAMES:
        problems["country"] = "Select the requesting country from the list"
    if data.officer is not None and data.officer.role not in rules.WORKING_ROLES:
        problems["officer"] = "Select an officer who works ILOR and EIO requests"
    problems |= _marking_problems(user, data.handling_marking, data.restricted_to_team)
    if problems:
        raise InvalidInput(problems)
    due = rules.response_due(
        data.kind,
        data.received_on,
        data.response_due,
        ilor_days=settings.FRAUDCASE_ILOR_RESPONSE_DAYS,
        eio_days=settings.FRAUDCASE_EIO_RESPONSE_DAYS,
    )
    request = InternationalRequest.objects.create(
        kind=data.kind,
        country=data.country,
        authority=data.authority.strip(),
        their_reference=data.their_reference.strip(),
        received_on=data.received_on,
        asked_for=data.asked_for,
        asked_for_detail=data.asked_for_detail.strip(),
        officer=data.officer,
        team=data.team,
        due_on=due,
        response_due=due,
        due_given=data.response_due is not None,
        handling_marking=data.handling_marking,
        restricted_to_team=data.restricted_to_team,
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    audit.record(
        user,
        AuditAction.COLLECTION,
        "international_request",
        request.reference,
        f"Recorded {request.get_kind_display()} from {rules.country_name(data.country)}"[:200],
    )
    return request


def get_request(user: User, request_id: int) -> InternationalRequest:
    """One request, audited as consulted; Http404 when the user may not see it."""
    request = (
        visible_requests(user)
        .select_related("officer", "team", "recorded_by", "restricted_to_team")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise Http404("No such request")
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "international_request",
        request.reference,
        f"Viewed {request.reference}",
    )
    return request


@transaction.atomic
def move_request(
    user: User,
    request_id: int,
    transition: str,
    *,
    on: date | None = None,
    reason: str = "",
    detail: str = "",
) -> InternationalRequest:
    """Move a request on (rules.LIFECYCLE), dated `on` (today if not given): exactly one of
    two racing moves wins, by an UPDATE conditional on the state this user saw. A declined or
    completed request owes no response any more: its clock stops (response_due cleared)."""
    request = visible_requests(user).filter(pk=request_id).first()
    if request is None or transition not in rules.RequestTransition.values:
        raise Http404("No such request")
    if not may_work_requests(user):
        raise Http404("No such page")  # the step does not exist for this role
    move = rules.RequestTransition(transition)
    starts, to = rules.LIFECYCLE[move]
    today = timezone.localdate()
    on = on or today
    problems = rules.transition_input_problems(move, reason, on, request.received_on, today)
    if problems:
        raise InvalidInput(problems)
    current = request.state
    changes: dict[str, object] = {"state": to, rules.STAMPED[move]: on}
    if move == rules.RequestTransition.DECLINE:
        changes["decline_reason"] = reason.strip()
    if move == rules.RequestTransition.SEND:
        changes["sent_detail"] = detail.strip()
    if to not in rules.OPEN_STATES:
        changes["response_due"] = None
    moved = 0
    if current in starts:
        moved = InternationalRequest.objects.filter(pk=request.pk, state=current).update(**changes)
    if moved != 1:
        raise Conflict("This request has moved on since you opened it: look again")
    audit.record(
        user,
        AuditAction.ALTERATION,
        "international_request",
        request.reference,
        f"{move}: {current} -> {to}"[:200],
    )
    request.refresh_from_db()
    return request


# The request's clock on the Deadlines page (cases.clocks.register, from StreamsConfig.ready).


def requests_owed(user: User, scope: str, today: date) -> QuerySet[InternationalRequest]:
    """Requests whose response is due by today and not yet returned: the officer's own
    ("mine"), or those with any of the user's teams or colleagues ("team")."""
    if not may_work_requests(user):
        return InternationalRequest.objects.none()
    mine = Q(officer=user)
    if scope != clocks.MINE:
        teams = user.teams.values("pk")
        mine |= Q(team__in=teams) | Q(officer__in=User.objects.filter(teams__in=teams))
    return (
        visible_requests(user)
        .filter(mine, response_due__lte=today)
        .select_related("officer", "team")
    )


def _request_item(request: InternationalRequest, today: date) -> clocks.DueItem:
    assert request.response_due is not None  # an owed request has its due date
    return clocks.DueItem(
        f"{request.kind.upper()} response to {request.authority} "
        f"({rules.country_name(request.country)})",
        request.reference,
        "None: a request from abroad",  # not a crime report: no victim
        request.response_due,
        triage_rules.deadline_state(request.response_due, today),
        str(request.officer) if request.officer else str(request.team),
        reverse("ilor-detail", kwargs={"ilor_id": request.pk}),
    )


REQUEST_CLOCK = clocks.Kind(
    "ilor-responses",
    "ILOR/EIO responses",
    requests_owed,
    "response_due",
    "id",  # the order of the requests' own references (EIO-00012)
    _request_item,
    lambda rows: [],  # not about a report: nothing for the disclosure gate
)


# ---------------------------------------------------------------- Banking Protocol


def may_read_incidents(user: User) -> bool:
    """Whether the user's role may open the Banking Protocol pages."""
    return user.role in rules.BANKING_READING_ROLES


def may_work_incidents(user: User) -> bool:
    """Whether the user's role records and changes Banking Protocol incidents."""
    return user.role in rules.BANKING_WORKING_ROLES


def visible_incidents(user: User | None) -> QuerySet[BankingProtocolIncident]:
    """The incidents this user may see (None: the whole unit, for the performance pack)."""
    if user is None:
        return BankingProtocolIncident.objects.all()
    if not may_read_incidents(user):
        return BankingProtocolIncident.objects.none()
    return BankingProtocolIncident.objects.filter(visibility_filter(user))


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date | None:
    """The first day of a month written YYYY-MM; None for anything else."""
    match = MONTH.match(text or "")
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        return None
    return date(int(match[1]), int(match[2]), 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first moment of a month and of the next, in London."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return dates.start_of(month.replace(day=1)), dates.start_of(following)


def filtered_incidents(
    user: User, *, month: date | None = None, result: str = ""
) -> QuerySet[BankingProtocolIncident]:
    """The user's visible incidents, of a month and with a result (or one of INCIDENT_FILTERS)
    if asked."""
    found = visible_incidents(user)
    if month is not None:
        start, end = month_bounds(month)
        found = found.filter(called_at__gte=start, called_at__lt=end)
    if result in rules.BankingResult.values:
        found = found.filter(**{result: True})
    elif result in INCIDENT_FILTERS:
        found = found.filter(INCIDENT_FILTERS[result][1])
    return found


# Besides the results, what the pack counts of the calls (streams.measures
# .banking_protocol_results), each a filter of the list so that its figures lead there.
INCIDENT_FILTERS = {
    "attended": ("Attended", Q(attended=True)),
    "safeguarded": ("Victim safeguarded", Q(safeguarded=True)),
    "offence": ("Became an offence", Q(arrest=True) | Q(crime_recorded=True)),
}


@dataclass(frozen=True)
class IncidentInput:
    bank_name: str
    branch_name: str
    branch_postcode: str
    called_at: datetime
    attended: bool
    attended_at: datetime | None
    attending_officer: str
    victim_name: str
    victim_dob: date | None
    victim_postcode: str
    safeguarded: bool
    safeguarding: str
    results: list[str]
    crime_reference: str
    notes: str
    handling_marking: str = HandlingMarking.OFFICIAL
    restricted_to_team: Team | None = None


def find_report(user: User, reference: str) -> Report | None:
    """The report a crime recorded is linked to, by local reference or NFRC, among those the
    user may see; None for no reference. InvalidInput when none they may see has it."""
    text = reference.strip().upper()
    if not text:
        return None
    report = (
        visible_reports(user).filter(Q(local_reference=text) | Q(nfrc_numbers__number=text)).first()
    )
    if report is None:
        raise InvalidInput(
            {"crime_reference": "No report you can see has that local reference or NFRC"}
        )
    return report


def _incident_fields(user: User, data: IncidentInput) -> dict[str, object]:
    today = timezone.localdate()
    after = None if data.attended_at is None else data.attended_at >= data.called_at
    problems = rules.incident_problems(
        called_at_date=timezone.localdate(data.called_at),
        attended=data.attended,
        attended_after_call=after,
        results=data.results,
        safeguarded=data.safeguarded,
        safeguarding=data.safeguarding,
        today=today,
    )
    for field, postcode in (
        ("branch_postcode", data.branch_postcode),
        ("victim_postcode", data.victim_postcode),
    ):
        if problem := report_rules.postcode_problem(postcode):
            problems[field] = problem
    problems |= _marking_problems(user, data.handling_marking, data.restricted_to_team)
    report = None
    if rules.BankingResult.CRIME_RECORDED not in data.results and data.crime_reference.strip():
        problems["crime_reference"] = "Give a crime reference only when a crime was recorded"
    elif not problems:
        report = find_report(user, data.crime_reference)
    if problems:
        raise InvalidInput(problems)
    results = set(data.results)
    return {
        "bank_name": data.bank_name.strip(),
        "branch_name": data.branch_name.strip(),
        "branch_postcode": report_rules.normalise_postcode(data.branch_postcode),
        "called_at": data.called_at,
        "attended": data.attended,
        "attended_at": data.attended_at if data.attended else None,
        "attending_officer": data.attending_officer.strip(),
        "victim_name": data.victim_name.strip(),
        "victim_dob": data.victim_dob,
        "victim_postcode": report_rules.normalise_postcode(data.victim_postcode),
        "safeguarded": data.safeguarded,
        "safeguarding": data.safeguarding.strip() if data.safeguarded else "",
        "arrest": rules.BankingResult.ARREST in results,
        "crime_recorded": rules.BankingResult.CRIME_RECORDED in results,
        "intelligence": rules.BankingResult.INTELLIGENCE in results,
        "no_offence": rules.BankingResult.NO_OFFENCE in results,
        "report": report,
        "notes": data.notes.strip(),
        "handling_marking": data.handling_marking,
        "restricted_to_team": data.restricted_to_team,
    }


@transaction.atomic
def record_incident(user: User, data: IncidentInput) -> BankingProtocolIncident:
    """Record a Banking Protocol call, its attendance, the victim and the result."""
    if not may_work_incidents(user):
        raise NotPermitted("Your role may not record Banking Protocol incidents")
    incident = BankingProtocolIncident.objects.create(
        **_incident_fields(user, data), recorded_by=user, recorded_at=timezone.now()
    )
    audit.record(
        user,
        AuditAction.COLLECTION,
        "banking_protocol",
        incident.reference,
        f"Recorded Banking Protocol call from {incident.bank_name} {incident.branch_name}"[:200],
    )
    return incident


@transaction.atomic
def update_incident(user: User, incident_id: int, data: IncidentInput) -> BankingProtocolIncident:
    """Change an incident (the result often comes later than the call). The victim's details
    of an erased incident stay erased."""
    incident = visible_incidents(user).filter(pk=incident_id).first()
    if incident is None or not may_work_incidents(user):
        raise Http404("No such incident")
    fields = _incident_fields(user, data)
    if incident.victim_erased_at is not None:
        for name in ("victim_name", "victim_dob", "victim_postcode"):
            fields.pop(name)
    BankingProtocolIncident.objects.filter(pk=incident.pk).update(**fields)
    audit.record(
        user,
        AuditAction.ALTERATION,
        "banking_protocol",
        incident.reference,
        f"Changed {incident.reference}",
    )
    incident.refresh_from_db()
    return incident


def get_incident(user: User, incident_id: int) -> BankingProtocolIncident:
    """One incident with its victim's details, audited as consulted; Http404 when the user may
    not see it."""
    incident = (
        visible_incidents(user)
        .select_related("report", "recorded_by", "restricted_to_team")
        .filter(pk=incident_id)
        .first()
    )
    if incident is None:
        raise Http404("No such incident")
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "banking_protocol",
        incident.reference,
        f"Viewed {incident.reference} (victim's details)",
    )
    return incident


def linked_report(user: User, incident: BankingProtocolIncident) -> str:
    """The local reference of the incident's crime report, if the user may see it; else ""."""
    if incident.report_id is None:
        return ""
    ref = (
        visible_reports(user)
        .filter(pk=incident.report_id)
        .values_list("local_reference", flat=True)
        .first()
    )
    return ref or ""


@transaction.atomic
def erase_victim(user: User, incident_id: int, reason: str) -> BankingProtocolIncident:
    """Erase the victim's personal data on an incident (DPA 2018 s.47), keeping what is not
    personal (the branch, times, results) so the counts still hold. Administrators only."""
    if not user.is_staff:
        raise NotPermitted("Only an administrator can erase personal data")
    if not reason.strip():
        raise InvalidInput({"reason": "Enter the reason for erasure"})
    incident = BankingProtocolIncident.objects.filter(visibility_filter(user), pk=incident_id)
    if not incident.exists():
        raise Http404("No such incident")
    incident.update(
        victim_name=ERASED,
        victim_dob=None,
        victim_postcode="",
        safeguarding=ERASED,
        notes=ERASED,
        victim_erased_at=timezone.now(),
    )
    found = incident.get()
    audit.record(
        user,
        AuditAction.ERASURE,
        "banking_protocol",
        found.reference,
        "Victim's personal data erased",
        reason.strip(),
    )
    return found
