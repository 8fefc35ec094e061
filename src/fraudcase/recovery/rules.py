"""The policy for asset recovery, accreditation and ancillary orders, as pure functions.

Seed 001 §7.3-§7.6 (financial investigation, restraint and confiscation, ancillary orders,
offender management), §8 (accreditation) and Appendix E (the financial crime assessment). The
statutory periods and thresholds of the Proceeds of Crime Act 2002 (POCA) are in `Law`, each
citing its section; a deployment overrides them through the setting `RECOVERY_LAW` (a dict of
field -> value) when the law changes, so a change is a setting, not a release.

No ORM and no I/O: dates (today's included) come in as arguments.
"""

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from fraudcase.accounts.enums import Role
from fraudcase.core import dates
from fraudcase.core.enums import Choices

# ---------------------------------------------------------------- who


# The financial intelligence team keeps the registers (DOMAIN.md "Who uses it"; seed 001 §7.2);
# the ECU manager oversees them, the accreditations and the performance figures (§9).
REGISTER_ROLES = frozenset({Role.FINANCIAL_INTELLIGENCE, Role.ECU_MANAGER})
# Who records and reads officers' accreditations (§8): the manager and the FI team's lead.
ACCREDITATION_ROLES = frozenset({Role.ECU_MANAGER, Role.FINANCIAL_INTELLIGENCE})


def may_keep_registers(role: str) -> bool:
    """Whether this role reads every register entry on a report it may see, and records them."""
    return role in REGISTER_ROLES


def may_manage_accreditation(role: str) -> bool:
    return role in ACCREDITATION_ROLES


# ---------------------------------------------------------------- the law, configurable


@dataclass(frozen=True)
class Law:
    """The statutory periods and thresholds, each with its source."""

    # POCA s.294 and s.303: cash may be seized and detained only if it is at least the
    # minimum amount, £1,000 (Proceeds of Crime Act 2002 (Recovery of Cash in Summary
    # Proceedings: Minimum Amount) Order 2006).
    cash_minimum_gbp: Decimal = Decimal("1000")
    # POCA s.295(1B): seized cash may be detained for an initial 48 hours, in which no account
    # is taken of a Saturday, Sunday, Christmas Day, Good Friday or bank holiday: 2 working days.
    initial_detention_working_days: int = 2
    # POCA s.295(2): a magistrates' court may order further detention for up to 6 months at a
    # time ...
    detention_extension_most_months: int = 6
    # ... POCA s.295(2)(b): but not beyond 2 years from the date of the first order.
    detention_total_most_months: int = 24
    # POCA s.303Z1: an account freezing order needs at least the minimum amount, £1,000 ...
    afo_minimum_gbp: Decimal = Decimal("1000")
    # ... POCA s.303Z3(4): and may freeze the account for up to 2 years.
    afo_most_months: int = 24
    # POCA s.303Z41+: crypto-assets seized are detained as cash is (s.303Z45: 48 hours, then
    # court orders of up to 6 months, 2 years at most), the same £1,000 minimum.
    crypto_minimum_gbp: Decimal = Decimal("1000")
    # POCA s.11(1)-(2): the amount is payable on the day of the order, or within up to 3 months
    # if the court allows time to pay ...
    time_to_pay_most_months: int = 3
    # ... POCA s.11(4)-(5): extendable on application, never beyond 6 months from the order.
    time_to_pay_extended_most_months: int = 6
    # Seed 001 §7.4: with less than £300 in available assets a confiscation investigation may
    # not be appropriate; the decision either way is recorded with its reason.
    confiscation_available_floor_gbp: Decimal = Decimal("300")
    # POCA s.345(5): a production order answers within 7 days unless the judge orders otherwise.
    production_response_days: int = 7
    # POCA s.370(6): an account monitoring order runs for up to 90 days from the order.
    account_monitoring_most_days: int = 90
    # How long before an ancillary order or accreditation expires it shows as due (§7.5-7.6).
    order_expiry_notice_days: int = 28
    accreditation_notice_days: int = 90


LAW = Law()


def law_from(overrides: dict[str, Any] | None) -> Law:
    """`LAW` with the deployment's overrides (unknown names are an error, not ignored)."""
    if not overrides:
        return LAW
    known = {f.name: f.type for f in fields(Law)}
    unknown = set(overrides) - set(known)
    if unknown:
        raise ValueError(f"RECOVERY_LAW names no such period or threshold: {sorted(unknown)}")
    typed: dict[str, Any] = {
        k: Decimal(str(v)) if isinstance(getattr(LAW, k), Decimal) else int(v)
        for k, v in overrides.items()
    }
    return replace(LAW, **typed)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


# ---------------------------------------------------------------- accreditation (§8)


class Accreditation(Choices):
    """The courses and levels an officer may hold (seed 001 §8; DOMAIN.md "Who uses it")."""

    FIO = "fio", "Financial intelligence officer"
    FI = "fi", "Financial investigator"
    CONFISCATION = "confiscation", "Confiscation"
    CASH_SEIZURE = "cash_seizure", "Civil recovery (cash seizure)"
    FIC = "fic", "Fraud Investigation Course"
    PIP1 = "pip1", "PIP level 1"
    PIP2 = "pip2", "PIP level 2"
    PIP3 = "pip3", "PIP level 3"


def is_current(
    awarded_on: date, expires_on: date | None, withdrawn_on: date | None, on: date
) -> bool:
    """Whether an accreditation is held on `on`: awarded by then, not expired (the day of
    expiry is the last day it holds) and not withdrawn."""
    if awarded_on > on:
        return False
    if withdrawn_on is not None and withdrawn_on <= on:
        return False
    return expires_on is None or on <= expires_on


def expiring_within(expires_on: date | None, today: date, days: int) -> bool:
    """Whether an accreditation expires between today and `days` ahead (§8: the manager
    renews them in time)."""
    return expires_on is not None and today <= expires_on <= today + timedelta(days=days)


def accreditation_problems(
    *, awarded_on: date, expires_on: date | None, today: date
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if awarded_on > today:
        problems["awarded_on"] = "The date it was awarded must be today or in the past"
    if expires_on is not None and expires_on <= awarded_on:
        problems["expires_on"] = "The expiry date must be after the date it was awarded"
    return problems


# ---------------------------------------------------------------- the registers (§7)


class EntryKind(Choices):
    """The kinds of entry the registers keep: asset recovery (POCA 2002), ancillary orders and
    offender management (§7.5-7.6)."""

    CASH = "cash", "Cash seizure and detention (POCA s.294-298)"
    AFO = "afo", "Account freezing order (POCA s.303Z1)"
    CRYPTO = "crypto", "Crypto-asset seizure (POCA s.303Z41)"
    RESTRAINT = "restraint", "Restraint order (POCA s.41)"
    CONFISCATION = "confiscation", "Confiscation order (POCA s.6)"
    PRODUCTION = "production", "Production order (POCA s.345)"
    MONITORING = "monitoring", "Account monitoring order (POCA s.370)"
    DISCLOSURE = "disclosure", "Disclosure order (POCA s.357)"
    SCPO = "scpo", "Serious crime prevention order (Serious Crime Act 2007 s.19)"
    FRO = "fro", "Financial reporting order"
    CBO = "cbo", "Criminal behaviour order (ASBCPA 2014 s.22)"
    CPW = "cpw", "Community protection warning (ASBCPA 2014 s.43)"
    CPN = "cpn", "Community protection notice (ASBCPA 2014 s.43)"
    IOM = "iom", "Integrated offender management nomination"
    PCII = "pcii", "Post-conviction intelligence interview"


ASSET_RECOVERY = (
    EntryKind.CASH,
    EntryKind.AFO,
    EntryKind.CRYPTO,
    EntryKind.RESTRAINT,
    EntryKind.CONFISCATION,
)
INVESTIGATION_ORDERS = (EntryKind.PRODUCTION, EntryKind.MONITORING, EntryKind.DISCLOSURE)
ANCILLARY = (EntryKind.SCPO, EntryKind.FRO, EntryKind.CBO, EntryKind.CPW, EntryKind.CPN)
OFFENDER = (EntryKind.IOM, EntryKind.PCII)

# Short names, for addresses (/recovery/registers/cash/) and the menu of registers.
SLUGS = {k.value: k for k in EntryKind}
SHORT = {
    EntryKind.CASH: "Cash seizures",
    EntryKind.AFO: "Account freezing orders",
    EntryKind.CRYPTO: "Crypto-asset seizures",
    EntryKind.RESTRAINT: "Restraint orders",
    EntryKind.CONFISCATION: "Confiscation orders",
    EntryKind.PRODUCTION: "Production orders",
    EntryKind.MONITORING: "Account monitoring orders",
    EntryKind.DISCLOSURE: "Disclosure orders",
    EntryKind.SCPO: "Serious crime prevention orders",
    EntryKind.FRO: "Financial reporting orders",
    EntryKind.CBO: "Criminal behaviour orders",
    EntryKind.CPW: "Community protection warnings",
    EntryKind.CPN: "Community protection notices",
    EntryKind.IOM: "Offender management nominations",
    EntryKind.PCII: "Post-conviction interviews",
}

# Which accreditation a power needs (§8: "accredited by the National Crime Agency ... to be
# considered competent to undertake financial investigation"; confiscation "a particularly
# specialised area"; cash seizure the civil recovery course). Any one of those listed will do.
REQUIRED: dict[str, frozenset[Accreditation]] = {
    EntryKind.CASH: frozenset({Accreditation.CASH_SEIZURE}),
    EntryKind.AFO: frozenset({Accreditation.CASH_SEIZURE, Accreditation.FI}),
    EntryKind.CRYPTO: frozenset({Accreditation.CASH_SEIZURE, Accreditation.FI}),
    EntryKind.RESTRAINT: frozenset({Accreditation.FI}),
    EntryKind.CONFISCATION: frozenset({Accreditation.CONFISCATION}),
    EntryKind.PRODUCTION: frozenset({Accreditation.FI}),
    EntryKind.MONITORING: frozenset({Accreditation.FI}),
    EntryKind.DISCLOSURE: frozenset({Accreditation.FI}),
    # A financial crime assessment is allocated to an accredited financial investigator (App. E).
    "assessment": frozenset({Accreditation.FI}),
}


def required_for(kind: str) -> frozenset[Accreditation]:
    """The accreditations any one of which the officer of an entry of `kind` must hold (none
    for ancillary orders and offender management)."""
    return REQUIRED.get(kind, frozenset())


def officer_problem(kind: str, held: set[str]) -> str:
    """ "" when an officer holding the current accreditations `held` may be given an entry of
    `kind`; else why not."""
    needed = required_for(kind)
    if not needed or {a.value for a in needed} & held:
        return ""
    names = " or ".join(sorted(a.label.lower() for a in needed))
    return f"This officer holds no current {names} accreditation: choose an accredited officer"


class Status(Choices):
    """Where an entry stands; `STATUSES` says which apply to which kind."""

    APPLIED = "applied", "Applied for"
    DETAINED = "detained", "Seized and detained"
    GRANTED = "granted", "Granted or in force"
    SERVED = "served", "Served"
    RESPONDED = "responded", "Response received"
    REFUSED = "refused", "Refused"
    VARIED = "varied", "Varied"
    ENFORCEMENT = "enforcement", "In enforcement"
    BREACHED = "breached", "Breached"
    FORFEITED = "forfeited", "Forfeited"
    RELEASED = "released", "Released or returned"
    DISCHARGED = "discharged", "Discharged"
    SATISFIED = "satisfied", "Paid in full"
    EXPIRED = "expired", "Expired"
    CLOSED = "closed", "Closed"


_ORDER = (Status.APPLIED, Status.GRANTED, Status.REFUSED)
STATUSES: dict[str, tuple[Status, ...]] = {
    EntryKind.CASH: (Status.DETAINED, Status.FORFEITED, Status.RELEASED),
    EntryKind.AFO: (*_ORDER, Status.FORFEITED, Status.RELEASED, Status.EXPIRED),
    EntryKind.CRYPTO: (Status.DETAINED, Status.FORFEITED, Status.RELEASED),
    EntryKind.RESTRAINT: (*_ORDER, Status.VARIED, Status.DISCHARGED),
    EntryKind.CONFISCATION: (
        Status.APPLIED,
        Status.GRANTED,
        Status.ENFORCEMENT,
        Status.SATISFIED,
        Status.CLOSED,
    ),
    EntryKind.PRODUCTION: (*_ORDER, Status.SERVED, Status.RESPONDED),
    EntryKind.MONITORING: (*_ORDER, Status.SERVED, Status.RESPONDED, Status.EXPIRED),
    EntryKind.DISCLOSURE: (*_ORDER, Status.SERVED, Status.RESPONDED),
    **{k.value: (*_ORDER, Status.BREACHED, Status.EXPIRED, Status.DISCHARGED) for k in ANCILLARY},
    EntryKind.IOM: (Status.APPLIED, Status.GRANTED, Status.REFUSED, Status.CLOSED),
    EntryKind.PCII: (Status.APPLIED, Status.CLOSED),
}
# The statuses after which no clock runs.
ENDED = frozenset(
    {
        Status.REFUSED,
        Status.FORFEITED,
        Status.RELEASED,
        Status.DISCHARGED,
        Status.SATISFIED,
        Status.EXPIRED,
        Status.CLOSED,
        Status.RESPONDED,
    }
)

# The fields each kind's form asks, beyond report, OCG, subject, officer, status and notes.
FIELDS: dict[str, tuple[str, ...]] = {
    EntryKind.CASH: ("seized_on", "amount_gbp", "court", "below_minimum_reason"),
    EntryKind.CRYPTO: ("seized_on", "amount_gbp", "court", "below_minimum_reason"),
    EntryKind.AFO: ("applied_on", "granted_on", "expires_on", "amount_gbp", "court"),
    EntryKind.RESTRAINT: ("applied_on", "granted_on", "amount_gbp", "court", "review_on"),
    EntryKind.CONFISCATION: (
        "benefit_gbp",
        "available_gbp",
        "pursued",
        "pursuit_reason",
        "applied_on",
        "granted_on",
        "order_gbp",
        "pay_by",
        "compensation_gbp",
        "court",
    ),
    EntryKind.PRODUCTION: (
        "applied_on",
        "granted_on",
        "served_on",
        "response_due",
        "received_on",
        "court",
    ),
    EntryKind.MONITORING: (
        "applied_on",
        "granted_on",
        "served_on",
        "expires_on",
        "received_on",
        "court",
    ),
    EntryKind.DISCLOSURE: (
        "applied_on",
        "granted_on",
        "served_on",
        "response_due",
        "received_on",
        "court",
    ),
    **{
        k.value: ("applied_on", "granted_on", "conditions", "expires_on", "court")
        for k in ANCILLARY
    },
    EntryKind.IOM: ("applied_on", "reason"),
    EntryKind.PCII: ("applied_on", "received_on", "reason"),
}


def parse_amount(text: str) -> Decimal | None:
    """An amount in pounds from a form (commas and £ allowed); None when blank; ValueError for
    anything else."""
    text = (text or "").replace(",", "").replace("£", "").strip()
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as bad:
        raise ValueError(text) from bad
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(text)
    return amount


def minimum_for(kind: str, law: Law = LAW) -> Decimal | None:
    """The least amount the power may be used for (cash, crypto-assets, accounts)."""
    minimums: dict[str, Decimal] = {
        EntryKind.CASH: law.cash_minimum_gbp,
        EntryKind.CRYPTO: law.crypto_minimum_gbp,
        EntryKind.AFO: law.afo_minimum_gbp,
    }
    return minimums.get(kind)


def initial_detention_ends(seized_on: date, law: Law = LAW) -> date:
    """The day the first 48 hours of detention end (POCA s.295(1B): weekends, Christmas Day,
    Good Friday and bank holidays do not count, so 2 working days after the seizure)."""
    return dates.add_working_days(seized_on, law.initial_detention_working_days)


def detention_cap(first_order_on: date, law: Law = LAW) -> date:
    """The last day detention may reach: 2 years from the first court order (s.295(2)(b))."""
    return add_months(first_order_on, law.detention_total_most_months)


def time_to_pay_ends(order_on: date, law: Law = LAW, *, extended: bool = False) -> date:
    """The latest day the court may allow for payment (POCA s.11): 3 months, 6 if extended."""
    months = law.time_to_pay_extended_most_months if extended else law.time_to_pay_most_months
    return add_months(order_on, months)


def below_confiscation_floor(available: Decimal | None, law: Law = LAW) -> bool:
    """Whether the available amount is under the seed's £300 (§7.4)."""
    return available is not None and available < law.confiscation_available_floor_gbp


def entry_problems(
    kind: str, values: dict[str, Any], *, today: date, law: Law = LAW
) -> dict[str, str]:
    """What is wrong with an entry of `kind` with these values (field -> problem)."""
    problems: dict[str, str] = {}
    status = values.get("status", "")
    if status not in [s.value for s in STATUSES[kind]]:
        problems["status"] = "Select a status"
    for name in ("seized_on", "applied_on", "granted_on", "served_on", "received_on"):
        day = values.get(name)
        if day is not None and day > today:
            problems[name] = "The date must be today or in the past"
    applied, granted = values.get("applied_on"), values.get("granted_on")
    if applied and granted and granted < applied and "granted_on" not in problems:
        problems["granted_on"] = "The order cannot be granted before it was applied for"
    minimum = minimum_for(kind, law)
    amount = values.get("amount_gbp")
    if kind in (EntryKind.CASH, EntryKind.CRYPTO) and not values.get("seized_on"):
        problems["seized_on"] = "Enter the date of the seizure"
    if kind in (EntryKind.CASH, EntryKind.CRYPTO, EntryKind.AFO) and amount is None:
        problems["amount_gbp"] = "Enter the amount in pounds"
    elif minimum is not None and amount is not None and amount < minimum:
        if kind == EntryKind.AFO:
            problems["amount_gbp"] = (
                f"An account freezing order needs at least £{minimum:,.0f} (POCA s.303Z1)"
            )
        elif not (values.get("below_minimum_reason") or "").strip():
            # Under the minimum the cash may not be detained under POCA; seed 001 §7.3: other
            # powers may apply (Misuse of Drugs Act 1971 s.27), so the reason is recorded.
            problems["below_minimum_reason"] = (
                f"Under £{minimum:,.0f} the power does not apply (POCA s.294): record which "
                "other power was used and why"
            )
    if kind == EntryKind.AFO and granted and values.get("expires_on"):
        cap = add_months(granted, law.afo_most_months)
        if values["expires_on"] > cap:
            problems["expires_on"] = (
                f"An account freezing order runs for 2 years at most (POCA s.303Z3): "
                f"{cap:%-d %B %Y} at the latest"
            )
    if kind == EntryKind.MONITORING and granted and values.get("expires_on"):
        cap = granted + timedelta(days=law.account_monitoring_most_days - 1)
        if values["expires_on"] > cap:
            problems["expires_on"] = (
                f"An account monitoring order runs for 90 days at most (POCA s.370(6)): "
                f"{cap:%-d %B %Y} at the latest"
            )
    if kind == EntryKind.CONFISCATION:
        problems.update(confiscation_problems(values, law=law))
    if kind in (EntryKind.IOM, EntryKind.PCII) and not (values.get("reason") or "").strip():
        problems["reason"] = (
            "Enter why the offender is nominated"
            if kind == EntryKind.IOM
            else "Enter what the interview is for"
        )
    if (
        kind in ANCILLARY
        and status == Status.GRANTED
        and not (values.get("conditions") or "").strip()
    ):
        problems["conditions"] = "Enter the order's conditions"
    return problems


def confiscation_problems(values: dict[str, Any], *, law: Law = LAW) -> dict[str, str]:
    """The £300 rule (§7.4) and time to pay (POCA s.11)."""
    problems: dict[str, str] = {}
    available = values.get("available_gbp")
    if (
        below_confiscation_floor(available, law)
        and not (values.get("pursuit_reason") or "").strip()
    ):
        verb = "pursued" if values.get("pursued") else "not pursued"
        problems["pursuit_reason"] = (
            f"Available assets are under £{law.confiscation_available_floor_gbp:,.0f}: record "
            f"why confiscation is {verb} (seed 001 §7.4)"
        )
    granted, pay_by = values.get("granted_on"), values.get("pay_by")
    if granted and pay_by:
        if pay_by < granted:
            problems["pay_by"] = "Time to pay cannot end before the order"
        elif pay_by > time_to_pay_ends(granted, law, extended=True):
            problems["pay_by"] = (
                "Time to pay is 3 months at most, 6 if extended (POCA s.11): "
                f"{time_to_pay_ends(granted, law, extended=True):%-d %B %Y} at the latest"
            )
    if (
        values.get("status") in (Status.GRANTED, Status.ENFORCEMENT)
        and values.get("order_gbp") is None
    ):
        problems["order_gbp"] = "Enter the amount of the order"
    return problems


@dataclass(frozen=True)
class Due:
    """An entry's next deadline and what it is."""

    on: date
    what: str


def next_due(kind: str, values: dict[str, Any], *, law: Law = LAW) -> Due | None:
    """The entry's next deadline while its clock runs, stored on the entry (indexed) so the
    Deadlines page reads a range, never the history; None once nothing is owed."""
    status = values.get("status")
    if status in ENDED:
        return None
    if status == Status.BREACHED:
        return Due(
            values.get("breached_on") or values.get("granted_on") or date.min,
            "Order breached: act on the breach",
        )
    if kind in (EntryKind.CASH, EntryKind.CRYPTO):
        if values.get("detained_until"):
            return Due(
                values["detained_until"],
                "Detention order ends: apply to extend, forfeit or release (POCA s.295)",
            )
        if values.get("seized_on"):
            return Due(
                initial_detention_ends(values["seized_on"], law),
                "Initial 48 hours of detention end: apply to a magistrates' court (POCA s.295(1B))",
            )
    if kind in (EntryKind.AFO, EntryKind.MONITORING) and values.get("expires_on"):
        return Due(values["expires_on"], "Order ends")
    if kind == EntryKind.RESTRAINT and values.get("review_on"):
        return Due(values["review_on"], "Restraint order review")
    if kind == EntryKind.CONFISCATION and values.get("pay_by") and status == Status.GRANTED:
        return Due(values["pay_by"], "Time to pay ends (POCA s.11): enforce if unpaid")
    if (
        kind in INVESTIGATION_ORDERS
        and values.get("response_due")
        and not values.get("received_on")
    ):
        return Due(values["response_due"], "Response due to the order")
    if kind in ANCILLARY and values.get("expires_on") and status == Status.GRANTED:
        return Due(
            values["expires_on"] - timedelta(days=law.order_expiry_notice_days),
            f"Order expires on {values['expires_on']:%-d %B %Y}: consider renewal",
        )
    return None


def extension_problems(
    *,
    current_end: date,
    first_order_on: date,
    granted_on: date,
    extended_to: date,
    today: date,
    law: Law = LAW,
) -> dict[str, str]:
    """A court's order for further detention (POCA s.295(2)): granted by now, for up to 6 months
    from the order, never past 2 years from the first order."""
    problems: dict[str, str] = {}
    if granted_on > today:
        problems["granted_on"] = "The date the court ordered it must be today or in the past"
    elif granted_on > current_end:
        problems["granted_on"] = (
            f"Detention ended on {current_end:%-d %B %Y}: it can no longer be extended"
        )
    most = add_months(granted_on, law.detention_extension_most_months)
    cap = detention_cap(first_order_on, law)
    if extended_to <= granted_on:
        problems["extended_to"] = "The new end must be after the day of the order"
    elif extended_to > most:
        problems["extended_to"] = (
            "A court orders up to 6 months at a time (POCA s.295(2)): "
            f"{most:%-d %B %Y} at the latest"
        )
    elif extended_to > cap:
        problems["extended_to"] = (
            f"Detention may not run past {cap:%-d %B %Y}, 2 years after the first order "
            "(POCA s.295(2))"
        )
    return problems


# ---------------------------------------------------------------- the App. E assessment


class Factor(Choices):
    """The factors of the financial crime assessment (seed 001 Appendix E, based on MoRiLE)."""

    VULNERABILITY = "vulnerability", "Vulnerability"
    INTELLIGENCE = "intelligence", "Intelligence led - SAR/Consent"
    COMMODITY = "commodity", "Value/Volume of commodity"
    CASH = "cash", "Value of Cash"
    ROLE_MODEL = "role_model", "Negative Role model"
    FINANCIAL_IMPACT = "financial_impact", "Financial impact - Benefit/Assets"
    SIGNIFICANT_EVENT = "significant_event", "Significant Event/Occurrence/Operation"
    OCG = "ocg", "Organised Crime Group"
    ORGANISATIONAL_RISK = "organisational_risk", "Significant organisational Risk/Event/Operation"
    BRIBERY = "bribery", "Bribery and Corruption offences"
    TIER1 = "tier1", "Tier 1 Fraud"
    FRAUD_ACT = "fraud_act", "Other Section 2,3 & 4 of the Fraud Act 2006"
    ELECTION = "election", "Election Fraud"
    COMPLEX = "complex", "Complex Investigation"
    PEP = "pep", "Politically Exposed Person"
    PUBLIC_INTEREST = "public_interest", "Likely to attract significant public/press interest"
    VICTIMS = "victims", "Number of Victims"
    SUSPECTS = "suspects", "Number of Suspects"
    FINANCIAL_ORDER = "financial_order", "Financial Order"
    OTHER = "other", "Other"


class Recommendation(Choices):
    FINANCIAL_INVESTIGATION = "financial_investigation", "Financial investigation"
    CASH_SEIZURE = "cash_seizure", "Cash seizure"
    ACCOUNT_FREEZING = "account_freezing", "Account freezing"
    RESTRAINT = "restraint", "Restraint"
    CONFISCATION = "confiscation", "Confiscation"
    MONEY_LAUNDERING = "money_laundering", "Money-laundering investigation"
    CIVIL = "civil", "Civil route"
    NONE = "none", "None"


def assessment_problems(
    *, factors: dict[str, bool], recommendation: str, rationale: str, non_acceptance: str
) -> dict[str, str]:
    """App. E: every factor answered; a civil route needs its rationale (§7.3: "the deviation
    away from an investigation focussed on achieving a judicial outcome ... would necessitate
    the recording of the appropriate rationale"); no factor accepted needs the rationale for
    non-acceptance."""
    problems: dict[str, str] = {}
    if recommendation not in Recommendation.values:
        problems["recommendation"] = "Select a recommendation"
    elif recommendation == Recommendation.CIVIL and not rationale.strip():
        problems["rationale"] = "Enter the rationale for the civil route (seed 001 §7.3)"
    if recommendation == Recommendation.NONE and not non_acceptance.strip():
        problems["non_acceptance"] = "Enter the rationale for non-acceptance"
    missing = [f for f in Factor.values if f not in factors]
    if missing:
        problems["factors"] = "Answer every factor"
    return problems
