"""Reads and writes for the SAR register and its DAML consent clocks.

Every read starts from `visible_sars`: the financial intelligence role sees every SAR, anyone
else only the SARs they are named on; for everyone else a SAR does not exist (404, and absent
from every list, count, export, deadline and audit view). Every consultation is audited with
the reason the user gave (DPA 2018 s.62); each write is one transaction, audited.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.accounts.models import User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.cases import clocks
from fraudcase.core import bulk, dates
from fraudcase.core.errors import Conflict, InvalidInput, JustificationRequired, NotPermitted
from fraudcase.reports import rules as report_rules
from fraudcase.reports.models import Report, VictimType
from fraudcase.reports.services import visible_reports
from fraudcase.triage import rules as triage_rules
from fraudcase.victims import rules as victim_rules
from fraudcase.victims import scanning as victim_scanning
from fraudcase.victims import services as victim_services

from . import rules
from .models import MoratoriumExtension, Sar, SarVictimReferral

# The audit log's object type for everything about SARs (hidden by `hidden_audit`).
AUDITED = "sar"
LIST_REF = "list"


def may_keep_register(user: User) -> bool:
    """Whether the user sees every SAR and records, imports and decides them."""
    return rules.may_keep_register(user.role)


def visible_sars(user: User) -> QuerySet[Sar]:
    """The SARs this user may see: all of them for the financial intelligence role, else only
    those naming the user."""
    if not user.is_authenticated or not user.is_active:
        return Sar.objects.none()
    if may_keep_register(user):
        return Sar.objects.all()
    return Sar.objects.filter(named_users=user)


def may_open_register(user: User) -> bool:
    """Whether the SAR pages exist for this user: the register's role, or named on a SAR."""
    return may_keep_register(user) or visible_sars(user).exists()


def filtered_sars(
    user: User, *, state: str = "", institution: str = "", month: date | None = None
) -> QuerySet[Sar]:
    """The user's visible SARs, filtered as the list page and the API ask."""
    found = visible_sars(user)
    if state in rules.DamlState.values:
        found = found.filter(daml_state=state)
    if institution.strip():
        found = found.filter(reporting_institution__icontains=institution.strip())
    if month is not None:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        found = found.filter(disclosed_on__gte=month, disclosed_on__lt=following)
    return found


def hidden_audit(user: Any) -> Q | None:
    """The audit entries about SARs this user may not see (audit.hide_from_viewers)."""
    everything = Q(object_type=AUDITED)
    if user is None or not getattr(user, "is_authenticated", False):
        return everything
    if may_keep_register(user):
        return None
    named = Sar.objects.filter(named_users=user).values("ukfiu_reference")
    return everything & ~Q(object_ref__in=named)


# ---------------------------------------------------------------- consulting


def get_sar(user: User, reference: str, *, justification: str = "") -> Sar:
    """One SAR, audited as consulted with the user's reason. Http404 when the user may not see
    it; JustificationRequired (before anything is shown) when no reason is given."""
    sar = (
        visible_sars(user)
        .select_related("recorded_by", "decided_by", "victim_referral")
        .filter(ukfiu_reference=reference)
        .first()
    )
    if sar is None:
        raise Http404("No such SAR")
    if not justification.strip():
        raise JustificationRequired(sar.ukfiu_reference)
    audit.record(
        user,
        AuditAction.CONSULTATION,
        AUDITED,
        sar.ukfiu_reference,
        f"Viewed SAR {sar.ukfiu_reference}",
        justification.strip()[:500],
    )
    return sar


def audit_list(
    user: User, references: list[str], *, justification: str, disclosure: bool = False
) -> None:
    """Record the SARs a list showed (or an export copied out), with the user's reason."""
    if not justification.strip():
        raise JustificationRequired("", restricted=len(references), total=len(references))
    shown = ", ".join(references)
    verb = "Exported" if disclosure else "Listed"
    audit.record(
        user,
        AuditAction.DISCLOSURE if disclosure else AuditAction.CONSULTATION,
        AUDITED,
        LIST_REF,
        f"{verb} {len(references)} SARs: {shown}"[:500],
        justification.strip()[:500],
    )


def named_users(sar: Sar) -> list[User]:
    """The officers named on the SAR, by username."""
    return list(sar.named_users.order_by("username"))


def linked_reports(user: User, sar: Sar) -> list[tuple[str, str]]:
    """The SAR's linked references, each with the local reference of its report when the user
    may see one (else ""): one query."""
    given = sar.linked_list
    if not given:
        return []
    found: dict[str, str] = {}
    for local, nfrc in (
        visible_reports(user)
        .filter(Q(local_reference__in=given) | Q(nfrc_numbers__number__in=given))
        .values_list("local_reference", "nfrc_numbers__number")
    ):
        found[local] = local
        if nfrc:
            found[nfrc] = local
    return [(ref, found.get(ref, "")) for ref in given]


# ---------------------------------------------------------------- recording


@dataclass(frozen=True)
class SarInput:
    ukfiu_reference: str
    disclosed_on: date
    reporting_institution: str
    subjects: str
    reason: str
    amount_gbp: str
    daml: bool
    linked_references: str
    named_users: str  # usernames, separated by commas, semicolons or new lines
    victim_name: str = ""
    victim_dob: date | None = None
    victim_postcode: str = ""


def users_by_name(usernames: list[str]) -> dict[str, User]:
    """The active users with these usernames, by username, in one query."""
    return {u.username: u for u in User.objects.filter(is_active=True, username__in=usernames)}


def daml_fields(daml: bool, disclosed_on: date) -> dict[str, object]:
    """A new SAR's consent clock: the notice period running from its disclosure, if it asks."""
    if not daml:
        return {"daml": False, "daml_state": rules.DamlState.NONE}
    ends = rules.notice_period_ends(disclosed_on)
    return {
        "daml": True,
        "daml_state": rules.DamlState.AWAITING,
        "notice_ends": ends,
        "daml_due": ends,
    }


@transaction.atomic
def record_sar(user: User, data: SarInput) -> Sar:
    """Record a SAR by hand (with its DAML notice period if it asks for consent)."""
    if not may_keep_register(user):
        raise NotPermitted("Only the financial intelligence team records SARs")
    today = timezone.localdate()
    reference = data.ukfiu_reference.strip().upper()
    problems: dict[str, str] = {}
    if problem := rules.reference_problem(reference):
        problems["ukfiu_reference"] = problem
    elif Sar.objects.filter(ukfiu_reference=reference).exists():
        problems["ukfiu_reference"] = "A SAR with this UKFIU reference is already recorded"
    if problem := rules.disclosed_problem(data.disclosed_on, today):
        problems["disclosed_on"] = problem
    if problem := rules.amount_problem(data.amount_gbp):
        problems["amount_gbp"] = problem
    subjects = rules.split_list(data.subjects.replace(";", "\n"))
    if not subjects:
        problems["subjects"] = "Enter at least one subject"
    if not data.reason.strip():
        problems["reason"] = "Enter the reason for suspicion"
    if not data.reporting_institution.strip():
        problems["reporting_institution"] = "Enter the reporting institution"
    usernames = rules.split_list(data.named_users)
    found = users_by_name(usernames)
    missing = [u for u in usernames if u not in found]
    if missing:
        problems["named_users"] = f"No active user has the username {', '.join(missing)}"
    if data.victim_dob is not None and data.victim_dob > today:
        problems["victim_dob"] = "The victim's date of birth must be in the past"
    if postcode := report_rules.postcode_problem(data.victim_postcode):
        problems["victim_postcode"] = postcode
    if (data.victim_dob or data.victim_postcode.strip()) and not data.victim_name.strip():
        problems["victim_name"] = "Enter the victim's name, or leave the victim's details blank"
    if problems:
        raise InvalidInput(problems)
    amount = data.amount_gbp.replace(",", "").replace("£", "").strip()
    sar = Sar.objects.create(
        ukfiu_reference=reference,
        disclosed_on=data.disclosed_on,
        reporting_institution=data.reporting_institution.strip(),
        subjects="\n".join(subjects),
        reason=data.reason.strip(),
        amount_gbp=Decimal(amount) if amount else None,
        linked_references="\n".join(r.upper() for r in rules.split_list(data.linked_references)),
        victim_name=data.victim_name.strip(),
        victim_dob=data.victim_dob,
        victim_postcode=report_rules.normalise_postcode(data.victim_postcode),
        recorded_by=user,
        recorded_at=timezone.now(),
        **daml_fields(data.daml, data.disclosed_on),
    )
    sar.named_users.set([found[u] for u in usernames])
    scan_for_victims(Sar.objects.filter(pk=sar.pk))
    audit.record(
        user,
        AuditAction.COLLECTION,
        AUDITED,
        sar.ukfiu_reference,
        f"Recorded SAR {sar.ukfiu_reference}" + (" asking for consent" if sar.daml else ""),
    )
    return sar


# ---------------------------------------------------------------- DAML decisions


def _open_for_work(user: User, reference: str) -> Sar:
    sar = visible_sars(user).filter(ukfiu_reference=reference).first()
    if sar is None or not may_keep_register(user):
        raise Http404("No such SAR")  # the step does not exist for a named officer
    return sar


@transaction.atomic
def decide(user: User, reference: str, decision: str, *, on: date | None, reason: str) -> Sar:
    """Record the decision on a consent request (consent, refuse, no action), who made it and
    why. A refusal starts the 31-day moratorium (rules.moratorium_ends); consent and no action
    stop the clock. Exactly one of two racing decisions wins."""
    sar = _open_for_work(user, reference)
    today = timezone.localdate()
    on = on or today
    if sar.daml_state != rules.DamlState.AWAITING:
        raise Conflict("This consent request has been decided already: look again")
    problems = rules.decision_problems(
        decision, disclosed_on=sar.disclosed_on, on=on, today=today, reason=reason
    )
    if problems:
        raise InvalidInput(problems)
    state = rules.DECIDED[rules.DamlDecision(decision)]
    ends = rules.moratorium_ends(on) if state == rules.DamlState.REFUSED else None
    moved = Sar.objects.filter(pk=sar.pk, daml_state=rules.DamlState.AWAITING).update(
        daml_state=state,
        decision=decision,
        decided_on=on,
        decided_by=user,
        decision_reason=reason.strip(),
        first_moratorium_ends=ends,
        moratorium_ends=ends,
        daml_due=rules.next_due(state, sar.notice_ends, ends),
    )
    if moved != 1:
        raise Conflict("This consent request has been decided already: look again")
    audit.record(
        user,
        AuditAction.ALTERATION,
        AUDITED,
        sar.ukfiu_reference,
        f"DAML decision: {rules.DamlDecision(decision).label}",
        reason.strip()[:500],
    )
    sar.refresh_from_db()
    return sar


@transaction.atomic
def extend(user: User, reference: str, *, granted_on: date, extended_to: date, court: str) -> Sar:
    """Record a Crown Court extension of the moratorium (POCA s.336A)."""
    sar = _open_for_work(user, reference)
    if sar.daml_state != rules.DamlState.REFUSED or sar.moratorium_ends is None:
        raise Conflict("No moratorium is running on this SAR: look again")
    assert sar.first_moratorium_ends is not None
    problems = rules.extension_problems(
        current_end=sar.moratorium_ends,
        first_end=sar.first_moratorium_ends,
        extended_to=extended_to,
        granted_on=granted_on,
        today=timezone.localdate(),
    )
    if not court.strip():
        problems["court"] = "Enter the Crown Court that granted it"
    if problems:
        raise InvalidInput(problems)
    moved = Sar.objects.filter(
        pk=sar.pk, daml_state=rules.DamlState.REFUSED, moratorium_ends=sar.moratorium_ends
    ).update(moratorium_ends=extended_to, daml_due=extended_to)
    if moved != 1:
        raise Conflict("The moratorium has changed since you opened it: look again")
    MoratoriumExtension.objects.create(
        sar=sar,
        granted_on=granted_on,
        extended_to=extended_to,
        court=court.strip(),
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    audit.record(
        user,
        AuditAction.ALTERATION,
        AUDITED,
        sar.ukfiu_reference,
        f"Moratorium extended to {extended_to.isoformat()} by {court.strip()}"[:500],
    )
    sar.refresh_from_db()
    return sar


@transaction.atomic
def end_moratorium(user: User, reference: str, *, reason: str) -> Sar:
    """Record that the moratorium is over (it ran out, or a restraint order was obtained):
    the clock stops."""
    sar = _open_for_work(user, reference)
    if not reason.strip():
        raise InvalidInput({"reason": "Enter what happened at the end of the moratorium"})
    moved = Sar.objects.filter(pk=sar.pk, daml_state=rules.DamlState.REFUSED).update(
        daml_state=rules.DamlState.ENDED, daml_due=None
    )
    if moved != 1:
        raise Conflict("No moratorium is running on this SAR: look again")
    audit.record(
        user,
        AuditAction.ALTERATION,
        AUDITED,
        sar.ukfiu_reference,
        "Moratorium ended",
        reason.strip()[:500],
    )
    sar.refresh_from_db()
    return sar


def extensions(sar: Sar) -> list[MoratoriumExtension]:
    """The court's extensions of the SAR's moratorium, in the order granted."""
    return list(sar.extensions.select_related("recorded_by"))


# ---------------------------------------------------------------- the DAML clock


def daml_owed(user: User, scope: str, today: date) -> QuerySet[Sar]:
    """SARs whose notice period or moratorium ends by today, among those the user may see. The
    financial intelligence team owns them as a unit, so "mine" and "team" are the same."""
    return visible_sars(user).filter(daml_due__lte=today)


def _daml_item(sar: Sar, today: date) -> clocks.DueItem:
    assert sar.daml_due is not None  # an owed SAR has its due date
    what = (
        "DAML notice period ends (POCA s.335(5))"
        if sar.daml_state == rules.DamlState.AWAITING
        else "DAML moratorium ends (POCA s.335(6), s.336A)"
    )
    return clocks.DueItem(
        what,
        sar.ukfiu_reference,
        "None: a SAR",
        sar.daml_due,
        triage_rules.deadline_state(sar.daml_due, today),
        "Financial intelligence",
        reverse("sar-detail", kwargs={"ref": sar.ukfiu_reference}),
    )


def restamp_notice_periods() -> int:
    """Re-date the notice periods still running from their disclosures with today's bank
    holidays (POCA s.335(5)): one UPDATE per distinct day of disclosure, only rows whose end
    moves. A moratorium counts calendar days (s.335(6)) and an extension's end is the court's:
    neither moves."""
    awaiting = Sar.objects.filter(daml_state=rules.DamlState.AWAITING)
    moved = 0
    for disclosed_on in awaiting.values_list("disclosed_on", flat=True).distinct().order_by():
        ends = rules.notice_period_ends(disclosed_on)
        moved += (
            awaiting.filter(disclosed_on=disclosed_on)
            .exclude(notice_ends=ends)
            .update(notice_ends=ends, daml_due=ends)
        )
    return moved


DAML_CLOCK = clocks.Kind(
    "daml",
    "DAML consent requests",
    daml_owed,
    "daml_due",
    "ukfiu_reference",
    _daml_item,
    lambda rows: [],  # not about a report: nothing for the disclosure gate
    restamp_notice_periods,
)


def open_requests(user: User) -> QuerySet[Sar]:
    """Every consent request whose clock runs, next deadline first (the CLI, the list)."""
    return visible_sars(user).filter(daml_due__isnull=False).order_by("daml_due", "pk")


# ---------------------------------------------------------------- vulnerable victims (App. C)

REFERRAL_AUDITED = "sar_victim_referral"


def scan_for_victims(sars: QuerySet[Sar]) -> int:
    """Scan the SARs (of `sars`) naming a victim and not yet scanned with the App. C rules
    (rules.victim_scan); refer each vulnerable victim to the vulnerability team. The referral
    carries the victim and the reason only (§7.2). Set-based: one read, one insert of the
    referrals, one UPDATE per batch linking them. Returns how many were referred."""
    today = timezone.localdate()
    found = list(
        sars.filter(victim_referral__isnull=True)
        .exclude(victim_name="")
        .values_list("pk", "victim_name", "victim_dob", "victim_postcode", "disclosed_on", "reason")
    )
    held = _held_before(found)
    phrases = victim_services.repeat_phrases_in_use()
    made: list[tuple[int, SarVictimReferral]] = []
    for pk, name, dob, postcode, disclosed_on, account in found:
        scanned = rules.victim_scan(
            victim_dob=dob,
            disclosed_on=disclosed_on,
            account=account,
            held_before=held.get(pk, 0),
            repeat_phrases=phrases,
        )
        if scanned is None:
            continue
        status, why = scanned
        made.append(
            (
                pk,
                SarVictimReferral(
                    victim_name=name,
                    victim_dob=dob,
                    victim_postcode=postcode,
                    status=status,
                    reason=why[:500],
                    referred_on=today,
                ),
            )
        )
    if not made:
        return 0
    SarVictimReferral.objects.bulk_create([r for _, r in made], batch_size=2000)
    Sar.objects.bulk_update(
        [Sar(pk=pk, victim_referral=r) for pk, r in made], ["victim_referral"], batch_size=2000
    )
    audit.record_many(
        None,
        [
            audit.Entry(
                AuditAction.DISCLOSURE,
                REFERRAL_AUDITED,
                str(r.pk),
                f"Victim referred to the vulnerability team ({r.status})",
            )
            for _, r in made
        ],
    )
    return len(made)


def _held_before(found: list[tuple[Any, ...]]) -> dict[int, int]:
    """{SAR id: how many reports held name its victim}: an individual victim with the same
    forename, surname (the first and last words of the SAR's name, compared as the victim
    lists compare them) and date of birth, received in the 12 months before the disclosure
    (App. C VS2 "repeat victim", as the victim list scan counts them). Only reports every user
    may see are counted: the referral goes to the vulnerability team, and a count must not
    betray a restricted report. Set-based: the reports are read by the names the SARs give, a
    few thousand a query, and matched in polars."""
    sars = pl.DataFrame(
        [(pk, name, dob, day) for pk, name, dob, _, day, _ in found if dob is not None],
        schema={"sar": pl.Int64, "name": pl.String, "dob": pl.Date, "disclosed": pl.Date},
        orient="row",
    )
    if sars.height == 0:
        return {}
    words = pl.col("name").str.strip_chars().str.split(" ")
    sars = sars.with_columns(
        words.list.first().alias("forename"), words.list.last().alias("surname")
    ).with_columns(
        victim_scanning.name_key_expr("forename").alias("fore_key"),
        victim_scanning.name_key_expr("surname").alias("sur_key"),
    )
    disclosed = [day for *_, day, _ in found]
    start = dates.start_of(min(disclosed) - timedelta(days=366))
    end = dates.start_of(max(disclosed) + timedelta(days=1))
    # Candidates through the victims' indexed search name ("forename surname" in lower case),
    # then compared as the victim lists compare names.
    names = (
        sars.select(pl.concat_str("forename", pl.lit(" "), "surname").str.to_lowercase())
        .to_series()
        .unique()
        .to_list()
    )
    rows: list[tuple[Any, ...]] = []
    for chunk in bulk.chunked(names):
        rows += Report.objects.filter(
            handling_marking=HandlingMarking.OFFICIAL,
            restricted_to_team__isnull=True,
            received_at__gte=start,
            received_at__lt=end,
            victim__victim_type=VictimType.INDIVIDUAL,
            victim__search_name__in=chunk,
            victim__dob__isnull=False,
        ).values_list("victim__forename", "victim__surname", "victim__dob", "received_at")
    if not rows:
        return {}
    reports = pl.DataFrame(
        rows,
        schema={
            "forename": pl.String,
            "surname": pl.String,
            "dob": pl.Date,
            "received_at": pl.Datetime("us", "UTC"),
        },
        orient="row",
    ).select(
        victim_scanning.name_key_expr("forename").alias("fore_key"),
        victim_scanning.name_key_expr("surname").alias("sur_key"),
        "dob",
        pl.col("received_at").dt.convert_time_zone("Europe/London").dt.date().alias("received"),
    )
    counted = (
        sars.join(reports, on=["fore_key", "sur_key", "dob"])
        .filter(
            (pl.col("received") <= pl.col("disclosed"))
            & (pl.col("received") > pl.col("disclosed").dt.offset_by("-12mo"))
        )
        .group_by("sar")
        .agg(pl.len().alias("n"))
    )
    return dict(counted.iter_rows())


def may_read_victim_referrals(user: User) -> bool:
    """The vulnerability team (victims.rules) reads the referrals; so does the register's role."""
    return victim_rules.may_work_vulnerability(user.role) or may_keep_register(user)


def victim_referrals(user: User) -> QuerySet[SarVictimReferral]:
    """The referrals from SARs, newest first, for those who may read them (else none)."""
    if not may_read_victim_referrals(user):
        return SarVictimReferral.objects.none()
    return SarVictimReferral.objects.all()


def audit_referrals(user: User, ids: list[int]) -> None:
    """Record the referrals a page showed (victims' personal data, consulted)."""
    if ids:
        audit.record(
            user,
            AuditAction.CONSULTATION,
            REFERRAL_AUDITED,
            "list",
            ("Viewed victim referrals " + ", ".join(str(i) for i in ids))[:500],
        )
