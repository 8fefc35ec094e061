"""Pure intake rules: when an NFIB package was received, which calls for service are recorded
(§5.1), and where a report is routed as it comes in (§5.4). No ORM, no I/O."""

from dataclasses import dataclass
from datetime import datetime

from fraudcase.reports.enums import CYBER_CODES

# DOMAIN.md "Where reports come from" 2: a vulnerable victim is always a call for service.
CFS_CRITERIA = (
    "offender_arrested",
    "in_progress",
    "suspect_known_local",
    "victim_vulnerable",
    "recovery_prospect",
    "property_at_risk",
    "other_reason",
)
ACTION_FRAUD_ADVICE = (
    "No call-for-service criterion is met. The caller was advised to report the fraud to "
    "Action Fraud (0300 123 2040 or www.actionfraud.police.uk) and given the reference advice."
)


@dataclass(frozen=True)
class CallForServiceOutcome:
    accepted: bool
    advice: str
    problems: dict[str, str]


def call_for_service_decision(
    criteria: list[str], other_reason: str, *, victim_vulnerable: bool = False
) -> CallForServiceOutcome:
    """Accept when at least one criterion holds (§5.1); otherwise advise Action Fraud.

    A vulnerable victim is always a call for service; "other reason" needs the reason written.
    """
    chosen = set(criteria)
    unknown = chosen - set(CFS_CRITERIA)
    problems: dict[str, str] = {}
    if unknown:
        problems["criteria"] = f"Unknown criteria: {', '.join(sorted(unknown))}"
    if victim_vulnerable:
        chosen.add("victim_vulnerable")
    if "other_reason" in chosen and not other_reason.strip():
        problems["other_reason"] = "Enter the reason the call is accepted for another reason"
    if problems:
        return CallForServiceOutcome(False, "", problems)
    if chosen:
        return CallForServiceOutcome(True, "", {})
    return CallForServiceOutcome(False, ACTION_FRAUD_ADVICE, {})


# ---------------------------------------------------------------- receipt of an NFIB package


def receipt_problems(received_at: datetime | None, reason: str, *, now: datetime) -> dict[str, str]:
    """What is wrong with the time the importer says the force received a package (§5.1.1).

    The 24 hours to record run from receipt. Without a time the import time (`now`) is the
    receipt; an earlier time needs the reason it was not imported at once; a time in the future
    is refused. (A time before the package's dissemination date is refused by the import, which
    reads the date from the file.) Returns {field: problem}, empty when all is well.
    """
    if received_at is None:
        if reason.strip():
            return {
                "received_at": "Enter when the package was received, or leave the reason blank "
                "(without a time, the time of the import is used)"
            }
        return {}
    if received_at > now:
        return {"received_at": "The time the package was received cannot be in the future"}
    if not reason.strip():
        return {
            "received_reason": "Say why the package was received earlier than it is imported "
            "(for example, it arrived while the unit was closed)"
        }
    return {}


# ---------------------------------------------------------------- routes (§5.4; seed 002 ¶38)

# Report Fraud replaced Action Fraud in December 2025: a file or a referrer may use either
# name, in any case, with or without spaces (`name_key`). NFIB disseminates for both.
REPORT_FRAUD_NAMES = frozenset({"actionfraud", "reportfraud"})
REFERRED_BY = {**dict.fromkeys(REPORT_FRAUD_NAMES, "report_fraud"), "nfib": "nfib", "": ""}
REFERRED_BY_WORDS = "Report Fraud, Action Fraud or NFIB"
# A package's `referral_type`: for investigation (the ordinary dissemination, also when blank)
# or for victim support only (§2, §5.4), the referrer's name allowed in front.
REFERRAL_TYPES = {
    "": "investigation",
    "investigation": "investigation",
    "forinvestigation": "investigation",
    "dissemination": "investigation",
    "victimsupportonly": "victim_support",
    "victimsupport": "victim_support",
    "supportonly": "victim_support",
    "vso": "victim_support",
}
REFERRAL_TYPE_WORDS = "Investigation or Victim support only"
# A yes/no column (`crime_in_action`): blank is no.
FLAGS = {"": False, "n": False, "no": False, "false": False, "0": False}
FLAGS |= {"y": True, "yes": True, "true": True, "1": True}
FLAG_WORDS = "Y or N"


def name_key(value: str) -> str:
    """A name as compared: lower case, letters and digits only ("Report Fraud" = "reportfraud")."""
    return "".join(c for c in value.lower() if c.isalnum())


def is_report_fraud(name: str) -> bool:
    """Whether a referrer's name is Report Fraud or its old name, Action Fraud."""
    return name_key(name) in REPORT_FRAUD_NAMES


def referral_type_key(value: str) -> str:
    """A referral type as compared: `name_key` without a leading referrer's name ("Action
    Fraud - Victim support only" = "victimsupportonly")."""
    key = name_key(value)
    for name in (*REPORT_FRAUD_NAMES, "nfib"):
        if key.startswith(name) and key != name:
            return key.removeprefix(name)
    return key


def route(*, victim_support_only: bool, fraud_type: str, crime_in_action: bool) -> str:
    """Where a report goes as it comes in (reports.enums.Route; docs/rules.md "Cyber and victim
    support routes"), the first that applies:

    1. a victim-support-only referral: the Protect team, not assessment (§5.4);
    2. a crime in action, offending happening now: the cyber team, the same day (002 ¶38 i);
    3. a cyber-dependent crime code (NFIB50A-NFIB52E): the cyber team (002 ¶11 iv, ¶38 i);
    4. otherwise no route: assessment only.
    """
    if victim_support_only:
        return "victim_support"
    if crime_in_action:
        return "crime_in_action"
    if fraud_type.strip().upper() in CYBER_CODES:
        return "cyber"
    return ""
