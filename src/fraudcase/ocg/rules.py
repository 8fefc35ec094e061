"""Organised crime groups as pure rules: the lifecycle, who may do what, and what a record
needs. Plain values in, a decision out; no ORM, no I/O.

DOMAIN.md "Linking" (OCG, seed 001 §7.1): a group showing planning, control, co-ordination,
structure and group decision-making over time; its lifecycle identified, mapped, under
investigation, disrupted, dismantled, archived; evaluated at closure (seed 000: "each fraud
OCG is evaluated at the point of closure to identify 'what works' and 'areas for
improvement'").
"""

from fraudcase.accounts.enums import Role
from fraudcase.core.enums import Choices


class OcgStatus(Choices):
    """DOMAIN.md "Linking": the OCG's lifecycle, in order."""

    IDENTIFIED = "identified", "Identified"
    MAPPED = "mapped", "Mapped"
    UNDER_INVESTIGATION = "under_investigation", "Under investigation"
    DISRUPTED = "disrupted", "Disrupted"
    DISMANTLED = "dismantled", "Dismantled"
    ARCHIVED = "archived", "Archived"


# Which status may follow which. Forward along the lifecycle; a disrupted group that regroups
# goes back under investigation; a group that intelligence does not bear out may be archived
# from any open status (with its evaluation, like any other closure). Archived is the end.
TRANSITIONS: dict[OcgStatus, frozenset[OcgStatus]] = {
    OcgStatus.IDENTIFIED: frozenset({OcgStatus.MAPPED, OcgStatus.ARCHIVED}),
    OcgStatus.MAPPED: frozenset(
        {OcgStatus.UNDER_INVESTIGATION, OcgStatus.DISRUPTED, OcgStatus.ARCHIVED}
    ),
    OcgStatus.UNDER_INVESTIGATION: frozenset(
        {OcgStatus.DISRUPTED, OcgStatus.DISMANTLED, OcgStatus.ARCHIVED}
    ),
    OcgStatus.DISRUPTED: frozenset(
        {OcgStatus.UNDER_INVESTIGATION, OcgStatus.DISMANTLED, OcgStatus.ARCHIVED}
    ),
    OcgStatus.DISMANTLED: frozenset({OcgStatus.ARCHIVED}),
    OcgStatus.ARCHIVED: frozenset(),
}

# Closure (seed 000): the evaluation is written once the group is dismantled, or before it is
# archived from any other status; archiving without one is refused.
CLOSED = frozenset({OcgStatus.DISMANTLED, OcgStatus.ARCHIVED})


def next_statuses(current: str) -> list[OcgStatus]:
    """The statuses that may follow `current`, in lifecycle order."""
    allowed = (
        TRANSITIONS.get(OcgStatus(current), frozenset()) if current in OcgStatus.values else ()
    )
    return [s for s in OcgStatus if s in allowed]


def transition_problem(current: str, new: str, *, evaluated: bool) -> str | None:
    """What stops the OCG moving from `current` to `new`, or None (DOMAIN.md "Linking";
    seed 000: evaluated before it is archived)."""
    if new not in OcgStatus.values:
        return "Choose the new status"
    if OcgStatus(new) not in next_statuses(current):
        was, becomes = OcgStatus(current).label.lower(), OcgStatus(new).label.lower()
        return f"An OCG that is {was} cannot become {becomes}"
    if new == OcgStatus.ARCHIVED and not evaluated:
        return "Record the evaluation (what worked, what to improve) before archiving the OCG"
    return None


def may_evaluate(status: str) -> bool:
    """The evaluation is written at closure (seed 000) and kept once archived: it may be
    recorded or revised while the group is not yet archived."""
    return status != OcgStatus.ARCHIVED


def evaluation_problems(worked: str, improve: str) -> dict[str, str]:
    """Seed 000: both halves, 'what works' and 'areas for improvement'."""
    problems = {}
    if not worked.strip():
        problems["worked"] = "Enter what worked"
    if not improve.strip():
        problems["improve"] = "Enter what to improve"
    return problems


class ThreatLevel(Choices):
    """A MoRiLE-style (Management of Risk in Law Enforcement) scoring of the group's threat,
    harm and risk: the level and the rationale that supports it."""

    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


def threat_problems(level: str, rationale: str) -> dict[str, str]:
    problems = {}
    if level not in ThreatLevel.values:
        problems["level"] = "Choose the threat level"
    if not rationale.strip():
        problems["rationale"] = "Enter the rationale for the threat level"
    return problems


class NominalRole(Choices):
    """A nominal's place in the group. A professional enabler (a solicitor, accountant, company
    formation agent who enables the crime; seed 000 "identify the professionals and businesses
    that enable economic crime") is a kind of nominal, recorded with their profession."""

    PRINCIPAL = "principal", "Principal"
    MEMBER = "member", "Member"
    ASSOCIATE = "associate", "Associate"
    ENABLER = "professional_enabler", "Professional enabler"


def nominal_problems(name: str, role: str, profession: str) -> dict[str, str]:
    problems = {}
    if not name.strip():
        problems["name"] = "Enter the nominal's name"
    if role not in NominalRole.values:
        problems["role"] = "Choose the nominal's role in the group"
    elif role == NominalRole.ENABLER and not profession.strip():
        problems["profession"] = "Enter the professional enabler's profession"
    return problems


class EntryKind(Choices):
    """Dated entries kept on the OCG, never edited (seed 000: "all fraud OCGs are briefed at
    Regional level through the Regional Tasking and Intelligence Group ... and at the local
    community safety partnership level (through the JAG)")."""

    MEETING_DECISION = "meeting_decision", "OCG meeting decision"
    REGIONAL_TASKING = "regional_tasking", "Regional tasking briefing"
    JAG_BRIEFING = "jag_briefing", "Community safety partnership (JAG) briefing"
    STATUS_CHANGE = "status_change", "Status change"


# The kinds an officer writes; status changes are written by the change itself.
WRITTEN_KINDS = (EntryKind.MEETING_DECISION, EntryKind.REGIONAL_TASKING, EntryKind.JAG_BRIEFING)


def entry_problems(kind: str, text: str) -> dict[str, str]:
    problems = {}
    if kind not in [k.value for k in WRITTEN_KINDS]:
        problems["kind"] = "Choose the kind of entry"
    if not text.strip():
        problems["text"] = "Enter what was decided or briefed"
    return problems


# Who works OCGs (seed 001 §7.1 "identify and map organised crime groups"): the analyst who
# maps them, the supervisor who runs the unit's OCG meeting and the ECU manager; investigators
# read them (and the lead officer of one works on it).
EDITING_ROLES = frozenset({Role.ANALYST, Role.VFT_SUPERVISOR, Role.ECU_MANAGER})
READING_ROLES = EDITING_ROLES | {Role.INVESTIGATOR}
# Who may lead an OCG's work.
LEAD_ROLES = frozenset({Role.INVESTIGATOR, Role.VFT_SUPERVISOR, Role.ECU_MANAGER, Role.ANALYST})


def may_read(role: str) -> bool:
    return role in READING_ROLES


def may_edit(role: str, *, is_lead: bool = False) -> bool:
    """An editing role, or the OCG's own lead officer."""
    return role in EDITING_ROLES or (is_lead and role in READING_ROLES)


REFERENCE_PREFIX = "OCG-"


def ocg_reference(ocg_id: int) -> str:
    """ "OCG-000042"."""
    return f"{REFERENCE_PREFIX}{ocg_id:06d}"


def ocg_id_of(reference: str) -> int | None:
    """The id a reference names ("OCG-000042" -> 42, "ocg-42" too); None for no reference."""
    text = (reference or "").strip().upper()
    rest = text[len(REFERENCE_PREFIX) :]
    if not text.startswith(REFERENCE_PREFIX) or not rest.isdigit() or len(text) > 20:
        return None
    return int(rest)
