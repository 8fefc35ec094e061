"""Reads of persons (repeat victims) for the report page and the assessment, and an officer's
decision on a link (issue 13 item 1).

Every read starts from the reports this user may see: a report the user may not see is in no
person's history or count, and nothing says it is there. The run itself is in `personrun`.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet, Subquery
from django.http import Http404

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import NotPermitted
from fraudcase.reports.models import Report, Victim
from fraudcase.reports.services import on_visible_reports, visible_reports

from . import rules
from .models import PersonDecision, PersonDecisionKind, PersonMember

# The most other reports the report page lists for a person (the assessment's check lists
# them all, a page at a time through the report search when there are more).
HISTORY = 50


def person_of(report: Report) -> int | None:
    """The person the report's victim is linked to; None before any person run (callers then
    fall back to the exact name and date of birth)."""
    return (
        PersonMember.objects.filter(victim__report=report)
        .values_list("person_id", flat=True)
        .first()
    )


def same_person_reports(user: User, report: Report, person_id: int) -> QuerySet[Report]:
    """The other reports this user may see whose victim is the same person, newest first, each
    with `link_probability` and `link_agreed`: how its victim was joined to the person."""
    return (
        visible_reports(user)
        .filter(victim__person_link__person_id=person_id)
        .exclude(pk=report.pk)
        .select_related("victim")
        .annotate(
            link_probability=F("victim__person_link__probability"),
            link_agreed=F("victim__person_link__agreed"),
        )
        .order_by("-received_at", "-id")
    )


@dataclass
class Link:
    """Another report of the same person, as the report page shows it."""

    report: Report
    probability: float | None
    agreed: str
    decision: str


def report_part(user: User, report: Report) -> dict[str, Any]:
    """For the report page: the person's other reports this user may see (at most HISTORY),
    each with the probability and the fields that agreed on the link that joined its victim,
    and any officer's decision on the pair; whether the user may confirm or break a link.
    Three queries whatever the person's size; nothing when the user sees no other report."""
    victim = Victim.objects.filter(report=report).values_list("id", "person_link__person_id")
    found = victim.first()
    if found is None or found[1] is None:
        return {}
    victim_id, person_id = found
    members = list(
        PersonMember.objects.filter(on_visible_reports(user, "victim__report"), person_id=person_id)
        .exclude(victim_id=victim_id)
        .select_related("victim__report")
        .order_by("-victim__report__received_at", "-victim_id")[:HISTORY]
    )
    if not members:
        return {}
    others = [m.victim_id for m in members]
    decided = {
        (a if b == victim_id else b): d
        for a, b, d in PersonDecision.objects.filter(
            victim_a__in=[victim_id, *others], victim_b__in=[victim_id, *others]
        ).values_list("victim_a", "victim_b", "decision")
        if victim_id in (a, b)
    }
    return {
        "person_links": [
            Link(m.victim.report, m.probability, m.agreed, decided.get(m.victim_id, ""))
            for m in members
        ],
        "may_decide_person": rules.may_decide_person(user.role),
    }


def person_links(user: User, report: Report) -> QuerySet[PersonMember]:
    """The other victims of the report's person whose reports this user may see (a page at a
    time: one query for the page, one for the count, whatever the person's size), newest report
    first, each with its report; empty before any person run. `probability` and `agreed` are
    those of the link that joined that victim to the person."""
    person = PersonMember.objects.filter(victim__report=report).values("person_id")
    return (
        PersonMember.objects.filter(
            on_visible_reports(user, "victim__report"), person_id__in=Subquery(person[:1])
        )
        .exclude(victim__report=report)
        .select_related("victim__report")
        .order_by("-victim__report__received_at", "-victim_id")
    )


def decisions_on(report: Report, victim_ids: list[int]) -> dict[int, str]:
    """{other victim id: "confirm" or "break"} for officers' decisions between the report's
    victim and these victims (one query)."""
    mine = Victim.objects.filter(report=report).values("id")[:1]
    found: dict[int, str] = {}
    for a, b, decision in PersonDecision.objects.filter(
        Q(victim_a=Subquery(mine), victim_b__in=victim_ids)
        | Q(victim_b=Subquery(mine), victim_a__in=victim_ids)
    ).values_list("victim_a", "victim_b", "decision"):
        found[b if a not in victim_ids else a] = decision
    return found


def may_decide(user: User) -> bool:
    return bool(user.is_authenticated and rules.may_decide_person(user.role))


def decide(
    user: User, report: Report, other_reference: str, decision: str, reason: str = ""
) -> None:
    """An officer says the victims of two reports they may both see are the same person
    (confirm) or not (break): kept, applied now to the persons of both, and on every later run.
    Http404 for a report the user may not see (or one with no victim)."""
    if not may_decide(user):
        raise NotPermitted("Your role may not confirm or break a link between victims")
    if decision not in PersonDecisionKind.values:
        raise Http404("No such decision")
    other = visible_reports(user).filter(local_reference=other_reference).first()
    mine = Victim.objects.filter(report=report).values_list("id", flat=True).first()
    theirs = Victim.objects.filter(report=other).values_list("id", flat=True).first()
    if other is None or mine is None or theirs is None or mine == theirs:
        raise Http404("No such report")
    a, b = sorted((mine, theirs))
    with transaction.atomic():
        PersonDecision.objects.update_or_create(
            victim_a_id=a,
            victim_b_id=b,
            defaults={"decision": decision, "reason": reason[:300], "decided_by": user},
        )
        from .personrun import relink

        relink([a, b])
        words = "the same person" if decision == PersonDecisionKind.CONFIRM else "different people"
        audit.record(
            user,
            AuditAction.ALTERATION,
            "report",
            report.local_reference,
            f"Victims of {report.local_reference} and {other.local_reference} recorded as "
            f"{words}" + (f": {reason[:200]}" if reason else ""),
        )


def held_for_same_person(
    user: User, nfrcs: list[str], start: Any, end: Any
) -> list[tuple[str, int, Any]]:
    """(nfrc, report id, received at) for each report this user may see, received in
    [start, end), whose victim is the same person as the victim of the report held under that
    NFRC number (not that report itself): the victim list scan's repeat victims by person
    link (VS2, seed 001 §6.6 step 5). Set-based: two queries per few thousand numbers."""
    from fraudcase.core import bulk
    from fraudcase.reports.models import NFRCNumber

    found: list[tuple[str, int, Any]] = []
    for chunk in bulk.chunked(sorted(set(nfrcs))):
        own = list(
            NFRCNumber.objects.filter(
                number__in=chunk, report__victim__person_link__isnull=False
            ).values_list("number", "report_id", "report__victim__person_link__person_id")
        )
        if not own:
            continue
        by_person: dict[int, list[tuple[int, Any]]] = {}
        for report_id, person_id, received in (
            visible_reports(user)
            .filter(
                victim__person_link__person_id__in={p for _, _, p in own},
                received_at__gte=start,
                received_at__lt=end,
            )
            .values_list("id", "victim__person_link__person_id", "received_at")
        ):
            by_person.setdefault(person_id, []).append((report_id, received))
        found += [
            (number, report_id, received)
            for number, own_report, person_id in own
            for report_id, received in by_person.get(person_id, [])
            if report_id != own_report
        ]
    return found
