"""Who works the routed lists, and what a list is: pure rules, no ORM (docs/rules.md "Cyber and
victim support routes"; seed 001 §5.4, §6; seed 002 ¶11 iv-v, ¶36-¶38)."""

from fraudcase.accounts.enums import Role, TeamKind
from fraudcase.core.enums import Choices
from fraudcase.reports.enums import CYBER_ROUTES, Route


class RoutedList(Choices):
    """The two routed lists: the cyber team's and the Protect team's."""

    CYBER = "cyber", "Cyber crime unit"
    VICTIM_SUPPORT = "victim-support", "Victim support referrals"


ROUTES = {
    RoutedList.CYBER: frozenset(CYBER_ROUTES),
    RoutedList.VICTIM_SUPPORT: frozenset({Route.VICTIM_SUPPORT}),
}
# The team kind that owns each list's clock on the Deadlines page.
TEAM_KINDS = {RoutedList.CYBER: TeamKind.CYBER, RoutedList.VICTIM_SUPPORT: TeamKind.PROTECT}

# Who opens each list: the cyber team's investigators and their supervisor (002 ¶11 iv); the
# Protect team (FVO, 001 §6.1) and the supervisor; the analyst reads both for the pack.
READERS = {
    RoutedList.CYBER: frozenset({Role.INVESTIGATOR, Role.VFT_SUPERVISOR, Role.ANALYST}),
    RoutedList.VICTIM_SUPPORT: frozenset({Role.FVO, Role.VFT_SUPERVISOR, Role.ANALYST}),
}
# Who records the first contact (the analyst only reads).
CONTACTERS = {
    RoutedList.CYBER: frozenset({Role.INVESTIGATOR, Role.VFT_SUPERVISOR}),
    RoutedList.VICTIM_SUPPORT: frozenset({Role.FVO, Role.VFT_SUPERVISOR, Role.SAFEGUARDING}),
}


class ContactState(Choices):
    """A list's tabs: the first contacts still owed (the work), those made, or all."""

    OWED = "owed", "To contact"
    CONTACTED = "contacted", "Contacted"
    ALL = "all", "All"


class ContactMethod(Choices):
    PHONE = "phone", "Telephone"
    VISIT = "visit", "Personal visit"
    EMAIL = "email", "E-mail"
    LETTER = "letter", "Letter"


def may_read(role: str, routed: str) -> bool:
    return role in READERS[RoutedList(routed)]


def may_contact(role: str, routed: str) -> bool:
    return role in CONTACTERS[RoutedList(routed)]


def list_of(route: str) -> RoutedList | None:
    """The list a report's route puts it on (None: not routed)."""
    for routed, routes in ROUTES.items():
        if route in routes:
            return routed
    return None


def contact_problems(method: str, summary: str) -> dict[str, str]:
    """What is wrong with a first contact as recorded: {field: problem}."""
    problems = {}
    if method not in ContactMethod.values:
        problems["method"] = "Choose how the victim was contacted"
    if not summary.strip():
        problems["summary"] = "Say what the victim was told, including the protect advice given"
    return problems


def what_is_due(route: str, days: int) -> str:
    """The Deadlines page's words for a routed first contact."""
    when = "same day" if days == 0 else f"{days} working day{'s' if days != 1 else ''}"
    if route == Route.VICTIM_SUPPORT:
        return f"Victim support only: first contact by the Protect team ({when})"
    if route == Route.CRIME_IN_ACTION:
        return f"Crime in action: the cyber team contacts the victim ({when})"
    return f"Cyber-dependent crime: the cyber team contacts the victim ({when})"
