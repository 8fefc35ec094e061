"""Reads and writes for the investigation file. Every read starts from the report through
reports.services.get_report (a report the user may not see is a 404, a restricted one asks
for a reason) and needs the report to be a case; every write is one transaction, audited and
put on the report's timeline.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import keys
from fraudcase.audit import rules as audit_rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases.models import Case
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.reports import services as report_services
from fraudcase.reports.models import Report

from . import rules
from .models import Decision

# ---------------------------------------------------------------- the file


@dataclass(frozen=True)
class File:
    """A case's investigation file as one user opened it."""

    report: Report
    case: Case
    user: User

    @property
    def reference(self) -> str:
        return self.report.local_reference

    @property
    def is_officer_in_case(self) -> bool:
        return self.case.investigator_id == self.user.pk

    @property
    def decision_capacity(self) -> rules.Capacity | None:
        return rules.decision_capacity(self.user.role, self.is_officer_in_case)


def open_file(
    user: User,
    ref: str,
    *,
    justification: str = "",
    what: str = "",
    purpose: AuditAction = AuditAction.CONSULTATION,
) -> File:
    """The investigation file of report `ref`: Http404 when the user may not see the report
    (reports.services.get_report) or the report is not a case. `what` names the part opened,
    audited as consulted (or, with `purpose`, disclosed)."""
    report = report_services.get_report(user, ref, justification=justification, purpose=purpose)
    case = Case.objects.filter(report=report).select_related("investigator", "team").first()
    if case is None:
        raise Http404("That report is not a case")
    if what:
        audit.record(user, purpose, "investigation", report.local_reference, what[:200])
    return File(report, case, user)


def _timeline(file: File, text: str) -> None:
    report_services.add_log_entry(file.user, file.report, text)


# ---------------------------------------------------------------- the decision log


def decisions(file: File) -> QuerySet[Decision]:
    """The case's decision log in order, each with who decided and what superseded it."""
    return file.report.investigation_decisions.select_related(
        "decided_by", "supersedes", "superseded_by"
    ).order_by("number")


def _signed(reference: str, d: Decision) -> rules.Signed:
    return rules.Signed(
        reference=reference,
        number=d.number,
        decision=d.decision,
        reasons=d.reasons,
        options=d.options,
        decided_by=d.decided_by.get_username(),
        capacity=d.capacity,
        recorded_at=d.recorded_at,
        supersedes=d.supersedes.number if d.supersedes else None,
    )


def broken_signatures(file: File, log: list[Decision]) -> list[int]:
    """The numbers of the decisions in `log` (the whole log, in order) whose signature does not
    bear out their content: [] when the log is as it was signed. A decision signed with a key
    this server no longer holds counts as broken."""
    known = keys.known_keys()
    return rules.broken_signatures(
        [(_signed(file.reference, d), d.signature, known.get(d.key_id)) for d in log]
    )


@transaction.atomic
def record_decision(
    file: File, *, decision: str, reasons: str, options: str, supersedes: int | None = None
) -> Decision:
    """Sign and record a decision on the case (the officer in the case or a supervisor), with
    the next number; `supersedes` the number of an earlier decision it replaces. Raises
    NotPermitted for anyone else, InvalidInput naming each problem."""
    capacity = file.decision_capacity
    if capacity is None:
        raise NotPermitted("Only the officer in the case and the supervisor record decisions")
    # One writer at a time on this case's log: the next number and the previous signature.
    Case.objects.select_for_update().filter(pk=file.case.pk).first()
    problems = rules.decision_problems(decision, reasons, options)
    earlier = dict(
        Decision.objects.filter(report=file.report).values_list("number", "pk").order_by()
    )
    superseded = Decision.objects.filter(
        report=file.report, superseded_by__isnull=False
    ).values_list("number", flat=True)
    if problem := rules.supersede_problem(supersedes, earlier, superseded):
        problems["supersedes"] = problem
    if problems:
        raise InvalidInput(problems)
    last = Decision.objects.filter(report=file.report).order_by("-number").only("signature").first()
    number = (Decision.objects.filter(report=file.report).aggregate(n=Max("number"))["n"] or 0) + 1
    key = keys.signing_key()
    assert key is not None  # signing_key makes the default key when there is none
    entry = Decision(
        report=file.report,
        number=number,
        decision=decision.strip(),
        reasons=reasons.strip(),
        options=options.strip(),
        decided_by=file.user,
        capacity=capacity,
        recorded_at=timezone.now(),
        supersedes_id=earlier.get(supersedes) if supersedes else None,
        key_id=audit_rules.key_id(key),
    )
    signed = rules.Signed(
        reference=file.reference,
        number=number,
        decision=entry.decision,
        reasons=entry.reasons,
        options=entry.options,
        decided_by=file.user.get_username(),
        capacity=capacity,
        recorded_at=entry.recorded_at,
        supersedes=supersedes,
    )
    entry.signature = rules.decision_signature(key, signed, last.signature if last else "")
    entry.save()
    audit.record(
        file.user,
        AuditAction.COLLECTION,
        "investigation",
        file.reference,
        f"Decision {entry.reference} recorded"
        + (f", superseding D{supersedes}" if supersedes else ""),
    )
    replaces = f" (supersedes D{supersedes})" if supersedes else ""
    _timeline(file, f"Decision {entry.reference}{replaces}: {entry.decision}"[:2000])
    return entry


# ---------------------------------------------------------------- the report page's part


def report_part(user: User, report: Report) -> dict[str, object]:
    """What the report page shows of the investigation file: how many decisions it holds
    (the caller opened `report` through get_report). Empty for a report that is not a case.
    A fixed number of queries, whatever the file holds."""
    if not Case.objects.filter(report=report).exists():
        return {}
    return {
        "decisions": report.investigation_decisions.count(),
    }
