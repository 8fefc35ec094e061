"""The menu: each role sees the places it works in, and never a link that would 404 for it.

`menu_items` is the table (one row per place, with who works there); `navigation` is the
context processor that gives every page the signed-in user's menu and the flags other pages
use. The roles come from DOMAIN.md "Who uses it"; each flag is the access rule the page
itself applies, so the menu and the page cannot disagree.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from fraudcase.accounts.enums import Role
from fraudcase.cases import rules as case_rules
from fraudcase.finance import rules as finance_rules
from fraudcase.ocg import rules as ocg_rules
from fraudcase.performance import rules as performance_rules
from fraudcase.recovery import rules as recovery_rules
from fraudcase.returns import rules as return_rules
from fraudcase.streams import cyber_rules
from fraudcase.streams import rules as stream_rules
from fraudcase.triage import rules as triage_rules
from fraudcase.victims import rules as victim_rules

# Who takes reports in (DOMAIN.md "Who uses it": the assessor "records every incoming
# report"): packages, calls for service and referrals, and double-keying the calls to NFIB.
# The pages stay open to every role (a supervisor may cover); only the menu is kept short.
INTAKE_ROLES = frozenset({Role.ASSESSOR})
# Who owns deadlines (the Victims' Code clocks, case reviews, tasks, evidence).
DEADLINE_ROLES = frozenset(
    {
        Role.ASSESSOR,
        Role.VFT_SUPERVISOR,
        Role.EVALUATOR,
        Role.INVESTIGATOR,
        Role.FVO,
        Role.FINANCIAL_INTELLIGENCE,
    }
)


@dataclass(frozen=True)
class Place:
    """One menu link: its words, its url name (and query), and the flag that shows it."""

    label: str
    url_name: str
    flag: str
    query: str = ""


# In the order the menu shows them. A url name that does not exist yet (a page another
# change adds) is skipped, so a slot can wait here for its page.
PLACES = (
    Place("Home", "home", "signed_in"),
    Place("My cases", "my-cases", "may_have_cases"),
    # The supervisor's view of their teams' cases, "Team cases" (issue 15 item 9): one word,
    # so that the VFT supervisor's menu, the longest, stays on one line.
    Place("Cases", "team-cases", "may_supervise_cases"),
    Place("My tasks", "my-tasks", "may_have_tasks"),
    Place("Assess", "assessor-queue", "may_assess_only"),
    Place("Decide", "assessor-queue", "may_allocate", "?stage=to_decide"),
    Place("Evaluate", "assessor-queue", "may_evaluate", "?stage=with_evaluator"),
    Place("Allocation", "allocation-board", "may_allocate"),
    Place("Vulnerability", "workbench", "may_work_vulnerability_lists"),
    Place("Deadlines", "deadlines", "may_have_deadlines"),
    Place("NFIB returns", "nfib-returns", "may_read_returns"),
    Place("Find a report", "report-search", "signed_in"),
    # Series of linked reports (linking): in the menu of those who work across reports; open
    # to every role (each sees only the reports it may), reached from a report's page too.
    Place("Series", "series-list", "series_in_menu"),
    # Organised crime groups (ocg, seed 001 §7.1): those who map and work them. The VFT
    # supervisor, whose menu is the longest, reaches them from a series page.
    Place("OCGs", "ocg-list", "ocgs_in_menu"),
    Place("Performance", "performance-dashboard", "performance_in_menu"),
    Place("Import", "import-nfib", "may_take_reports_in"),
    Place("Call for service", "cfs-new", "may_take_reports_in"),
    Place("To double-key", "cfs-double-key", "may_take_reports_in"),
    Place("Referral", "referral-new", "may_take_reports_in"),
    # One place for the demand that is not a report to assess (streams): its page lists the
    # streams the role works, so the menu stays on one line as streams are added.
    Place("Other demand", "streams", "streams_in_menu"),
    # The SAR register (issue 14): the financial intelligence team only. An officer named on a
    # SAR reaches it from the Deadlines page or a link, not from the menu.
    Place("SARs", "sar-list", "may_keep_sar_register"),
    # The asset recovery registers, accreditations and App. E assessments (recovery, seed 001
    # §7-§8): the financial intelligence team and the ECU manager.
    Place("Asset recovery", "recovery-home", "may_keep_recovery"),
    Place("Administration", "admin:index", "may_administer"),
)


def _reads_streams(role: str) -> bool:
    """Whether any of the other demand streams is open to this role."""
    return role in stream_rules.READING_ROLES | stream_rules.BANKING_READING_ROLES or any(
        cyber_rules.may_read(role, routed) for routed in cyber_rules.RoutedList
    )


def flags(role: str, *, is_staff: bool = False, signed_in: bool = True) -> dict[str, bool]:
    """What this role may open, from the same rules its pages apply. Other changes read
    `may_have_cases` (investigators' My cases) and `may_have_tasks` (My tasks)."""
    if not signed_in:
        return {"signed_in": False}
    vulnerability = victim_rules.may_work_vulnerability(role)
    cases = role in case_rules.CASE_ROLES
    return {
        "signed_in": True,
        "may_work_vulnerability": vulnerability,
        # The PCSO or special gets visits to make, not lists to work: their tasks are enough.
        "may_work_vulnerability_lists": vulnerability and role != Role.SAFEGUARDING,
        "may_assess": role in triage_rules.QUEUE_ROLES,
        "may_assess_only": role == Role.ASSESSOR,
        "may_evaluate": role == Role.EVALUATOR,
        "may_allocate": role in triage_rules.DECIDING_ROLES,
        "may_have_cases": role == Role.INVESTIGATOR,
        "may_supervise_cases": role in case_rules.SUPERVISING_ROLES,
        # Case tasks go to case workers and assessors; visits and contacts to the Protect team
        # and the specials and volunteers with an account (victims.rules.ASSIGNABLE_ROLES).
        "may_have_tasks": cases or role == Role.ASSESSOR or victim_rules.may_be_assigned(role),
        "may_have_deadlines": role in DEADLINE_ROLES,
        "may_take_reports_in": role in INTAKE_ROLES,
        "may_read_returns": role in return_rules.READERS,
        # The other demand streams (streams.rules): who works them, and the analyst who
        # counts them.
        "may_read_ilor": role in stream_rules.READING_ROLES,
        "may_read_banking_protocol": role in stream_rules.BANKING_READING_ROLES,
        # ... and the routed lists (the cyber team's, the Protect team's victim support),
        # reached from the same page so that the menu stays on one line.
        "may_read_streams": _reads_streams(role),
        # The dashboard and the monthly pack (issue 12): the ECU manager, analysts, supervisors.
        "may_read_performance": performance_rules.may_read(role),
        # The supervisor's menu is the longest: they reach the dashboard from NFIB returns, so
        # that it stays on one line on a desktop.
        "performance_in_menu": performance_rules.may_read(role) and role != Role.VFT_SUPERVISOR,
        # ... and Other demand from there too (the NFIB returns page links both).
        "streams_in_menu": _reads_streams(role) and role != Role.VFT_SUPERVISOR,
        "series_in_menu": role in {Role.ANALYST, Role.INVESTIGATOR},
        "ocgs_in_menu": ocg_rules.may_read(role) and role != Role.VFT_SUPERVISOR,
        # The SAR register and its DAML clocks (finance.rules, seed 001 §7.2).
        "may_keep_sar_register": finance_rules.may_keep_register(role),
        "may_keep_recovery": recovery_rules.may_keep_registers(role),
        "may_administer": is_staff,
    }


def _href(place: Place) -> str | None:
    try:
        return reverse(place.url_name) + place.query
    except NoReverseMatch:
        return None


def menu_items(role: str, *, is_staff: bool = False, path: str = "/") -> list[dict]:
    """The menu for this role: [{"label", "href", "current"}], the place `path` is in marked
    current (the longest matching address wins, so /vulnerability/tasks/ is My tasks, not
    Vulnerability)."""
    shown = flags(role, is_staff=is_staff)
    items: list[dict] = []
    for place in PLACES:
        href = _href(place) if shown.get(place.flag) else None
        if href is None or any(i["label"] == place.label for i in items):
            continue
        items.append({"label": place.label, "href": href, "current": False})
    best = max(
        (i for i in items if _within(path, i["href"].split("?")[0])),
        key=lambda i: len(i["href"].split("?")[0]),
        default=None,
    )
    if best is not None:
        best["current"] = True
    return items


def _within(path: str, address: str) -> bool:
    return path == address if address == "/" else path.startswith(address)


def navigation(request) -> dict:
    """Every page's menu and the flags pages use to offer what the user may do."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], **flags("", signed_in=False)}
    return {
        "menu": menu_items(user.role, is_staff=user.is_staff, path=request.path),
        **flags(user.role, is_staff=user.is_staff),
    }
