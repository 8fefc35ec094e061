"""Pure intake rules: when an NFIB package was received, which calls for service are recorded
(§5.1). No ORM, no I/O."""

from dataclasses import dataclass
from datetime import datetime

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
