"""People and things on a report (the POLE model, issue 15 item 1): suspects, victims,
witnesses and other nominals (a person or an organisation, with their identifiers), objects,
locations and events, recorded by an officer on any report, whatever its source.

Every read starts from the report through reports.services.get_report (a report the user
may not see is a 404); every change is one transaction, needs the officer's reason, and is
audited and put on the report's timeline. A suspect is written through
reports.services.keep_suspect / drop_suspect, so search finds the report by its identifiers,
and the report is linked again (linking.linkrun.link_new_reports), so series use it as they
use a suspect from an NFIB package.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.linking import linkrun
from fraudcase.reports import rules as report_rules
from fraudcase.reports import services as report_services
from fraudcase.reports.enums import IdentifierKind
from fraudcase.reports.models import Identifier, Report, Suspect

from . import rules
from .models import Nominal, NominalIdentifier
from .rules import NominalRole, PoleKind

# (IdentifierKind value, as typed)
Typed = tuple[str, str]

# What an app above says about taking a suspect off a report: a problem, or None. The file
# for the CPS (casefile) registers one from its AppConfig.ready: a suspect its interviews,
# charging decisions or hearings name stays (docs/architecture.md, "How a lower app reaches
# a higher one").
SuspectCheck = Callable[[Suspect], str | None]
_KEEP_CHECKS: list[SuspectCheck] = []


def keep_while(check: SuspectCheck) -> SuspectCheck:
    """Register a check run before a suspect leaves a report (removed, or no longer a
    suspect): a problem it returns refuses the change."""
    _KEEP_CHECKS.append(check)
    return check


def _may_drop(suspect: Suspect, field: str) -> None:
    for check in _KEEP_CHECKS:
        if problem := check(suspect):
            raise InvalidInput({field: problem})


@dataclass(frozen=True)
class Entry:
    """What the officer records about a person or thing."""

    kind: str
    name: str
    role: str = ""
    details: str = ""
    identifiers: Sequence[Typed] = field(default_factory=tuple)


def open_report(user: User, ref: str, *, justification: str = "", what: str = "") -> Report:
    """The report (access, justification and audit by reports.services.get_report: Http404
    when the user may not see it). `what` names what was looked at, audited as consulted."""
    report = report_services.get_report(user, ref, justification=justification)
    if what:
        audit.record(user, AuditAction.CONSULTATION, "nominals", report.local_reference, what[:200])
    return report


def may_record(user: User) -> bool:
    return rules.may_record_nominals(user.role)


@dataclass(frozen=True)
class People:
    """A report's people and things: those recorded by officers (current and removed), and the
    suspects that came with the report (an NFIB package) and no officer has taken on."""

    recorded: list[Nominal]
    removed: list[Nominal]
    from_source: list[Suspect]

    @property
    def suspects(self) -> list[Nominal]:
        return [n for n in self.recorded if n.role == NominalRole.SUSPECT]


def people(report: Report) -> People:
    """Three queries whatever the report holds (nominals with identifiers and who recorded them;
    the package's suspects with identifiers)."""
    listed = list(
        report.nominals.select_related("added_by", "removed_by").prefetch_related("identifiers")
    )
    source = list(
        report.suspects.filter(nominal__isnull=True)
        .prefetch_related(Prefetch("identifiers", queryset=Identifier.objects.order_by("kind")))
        .order_by("pk")
    )
    return People(
        [n for n in listed if n.removed_at is None],
        [n for n in listed if n.removed_at is not None],
        source,
    )


def get_nominal(report: Report, nominal_id: int) -> Nominal:
    """One of the report's people or things (removed ones too); Http404 if not on it."""
    found = (
        Nominal.objects.filter(report=report, pk=nominal_id)
        .select_related("added_by", "removed_by", "suspect")
        .prefetch_related("identifiers")
        .first()
    )
    if found is None:
        raise Http404("No such person or thing on this report")
    return found


def source_suspect(report: Report, suspect_id: int) -> Suspect:
    """A suspect that came with the report and no officer has taken on; Http404 otherwise."""
    found = (
        report.suspects.filter(pk=suspect_id, nominal__isnull=True)
        .prefetch_related("identifiers")
        .first()
    )
    if found is None:
        raise Http404("No such suspect on this report")
    return found


def _normalised(entry: Entry) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    problems: dict[str, str] = {}
    rows: list[tuple[str, str, str]] = []
    if entry.identifiers and entry.kind not in rules.PEOPLE:
        problems["kind"] = "Only a person or an organisation has identifiers"
    for kind, raw in entry.identifiers:
        if not raw.strip():
            continue
        if kind not in IdentifierKind.values:
            problems["identifiers"] = f"'{kind}' is not a kind of identifier"
            continue
        value = report_rules.normalise_identifier(kind, raw)
        if value is None:
            problems.setdefault(
                kind, f"'{raw.strip()[:40]}' is not a valid {IdentifierKind(kind).label.lower()}"
            )
        elif (kind, value) not in {(k, v) for k, _, v in rows}:
            rows.append((kind, raw.strip()[:300], value))
    return problems, rows


def _check(user: User, entry: Entry, reason: str) -> list[tuple[str, str, str]]:
    if not may_record(user):
        raise NotPermitted("Your role does not record people and things on reports")
    role = entry.role if entry.kind in rules.PEOPLE else ""
    problems = rules.nominal_problems(entry.kind, role, entry.name, reason)
    more, rows = _normalised(entry)
    problems.update(more)
    if problems:
        raise InvalidInput(problems)
    return rows


def _describe(n: Nominal) -> str:
    what = NominalRole(n.role).label if n.role else PoleKind(n.kind).label
    return f"{what} {n.name}"


def _relink(report: Report, user: User) -> None:
    """The report's series follow its suspects' identifiers now (incremental linking)."""
    linkrun.link_new_reports([report.pk], user=user)


def _write(
    user: User, report: Report, n: Nominal, rows: list[tuple[str, str, str]], reason: str
) -> bool:
    """Write the identifiers and keep the reports.Suspect in step with the part played;
    whether linking must run again."""
    n.identifiers.all().delete()
    NominalIdentifier.objects.bulk_create(
        NominalIdentifier(nominal=n, kind=k, raw=raw, normalised=v) for k, raw, v in rows
    )
    if n.role == NominalRole.SUSPECT:
        n.suspect = report_services.keep_suspect(
            user,
            report,
            name=n.name,
            identifiers=[(k, raw) for k, raw, _ in rows],
            suspect=n.suspect,
            reason=reason,
        )
        n.save(update_fields=["suspect"])
        return True
    if n.suspect is not None:  # no longer a suspect: search and linking forget it
        _may_drop(n.suspect, "role")
        report_services.drop_suspect(user, report, n.suspect, reason=reason)
        n.suspect = None
        n.save(update_fields=["suspect"])
        return True
    return False


@transaction.atomic
def record(
    user: User, report: Report, entry: Entry, *, reason: str, suspect_id: int | None = None
) -> Nominal:
    """Record a person or thing on the report (the caller opened it with `open_report`), with
    the reason. `suspect_id` takes on a suspect that came with the report (an NFIB package):
    the officer's entry replaces what the package said. Raises NotPermitted for a role that
    does not record them, InvalidInput naming each problem."""
    rows = _check(user, entry, reason)
    taken = source_suspect(report, suspect_id) if suspect_id else None
    now = timezone.now()
    role = entry.role if entry.kind in rules.PEOPLE else ""
    if taken is not None and role != NominalRole.SUSPECT:
        raise InvalidInput({"role": "A suspect from the package is taken on as a suspect"})
    n = Nominal.objects.create(
        report=report,
        kind=entry.kind,
        role=role,
        name=entry.name.strip()[:200],
        details=entry.details.strip(),
        suspect=taken,
        added_by=user,
        added_at=now,
        changed_at=now,
    )
    relink = _write(user, report, n, rows, reason)
    _done(user, report, n, AuditAction.COLLECTION, "recorded", reason, relink=relink)
    return n


def _done(
    user: User,
    report: Report,
    n: Nominal,
    action: AuditAction,
    verb: str,
    reason: str,
    *,
    relink: bool,
) -> None:
    """A change to the people and things: audited, on the report's timeline with its reason,
    and the report relinked when its suspects changed."""
    audit.record(
        user,
        action,
        "nominals",
        report.local_reference,
        f"{_describe(n)} {verb}"[:200],
        reason.strip(),
    )
    report_services.add_log_entry(
        user, report, f"{_describe(n)} {verb}. Reason: {reason.strip()}"[:2000]
    )
    if relink:
        _relink(report, user)


@transaction.atomic
def change(user: User, report: Report, nominal_id: int, entry: Entry, *, reason: str) -> Nominal:
    """Change a person or thing on the report, with the reason (a removed one cannot be)."""
    rows = _check(user, entry, reason)
    n = get_nominal(report, nominal_id)
    if n.removed_at is not None:
        raise InvalidInput({"name": "This entry was removed: record it again instead"})
    n.kind = entry.kind
    n.role = entry.role if entry.kind in rules.PEOPLE else ""
    n.name = entry.name.strip()[:200]
    n.details = entry.details.strip()
    n.changed_at = timezone.now()
    n.save()
    relink = _write(user, report, n, rows, reason)
    _done(user, report, n, AuditAction.ALTERATION, "changed", reason, relink=relink)
    return n


@transaction.atomic
def remove(user: User, report: Report, nominal_id: int, *, reason: str) -> Nominal:
    """Remove a person or thing from the report, with the reason: the entry is kept, marked
    removed; a suspect leaves search and its series."""
    if not may_record(user):
        raise NotPermitted("Your role does not record people and things on reports")
    if not reason.strip():
        raise InvalidInput({"reason": "Enter the reason for removing it"})
    n = get_nominal(report, nominal_id)
    if n.removed_at is not None:
        return n
    was_suspect = n.suspect is not None
    if n.suspect is not None:
        _may_drop(n.suspect, "reason")
        report_services.drop_suspect(user, report, n.suspect, reason=reason)
        n.suspect = None
    n.removed_at = timezone.now()
    n.removed_by = user
    n.removed_reason = reason.strip()
    n.save()
    _done(user, report, n, AuditAction.ALTERATION, "removed", reason, relink=was_suspect)
    return n


def erase(report: Report) -> None:
    """Registered with reports.services.on_erasure: the names, details, identifiers and
    reasons of the people and things on an erased report go (the rows stay, as "[erased]",
    so the timeline's count of them still reads). Inside the erasure's transaction."""
    NominalIdentifier.objects.filter(nominal__report=report).delete()
    report.nominals.update(name=report_services.ERASED, details="", removed_reason="", suspect=None)
