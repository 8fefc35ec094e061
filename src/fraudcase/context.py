from fraudcase.accounts.enums import Role
from fraudcase.cases import rules as case_rules
from fraudcase.triage import rules as triage_rules
from fraudcase.victims import rules as victim_rules


def navigation(request) -> dict:
    """Lets the menu show the workbench and the assessor queue only to those who may use them."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {
        "may_work_vulnerability": victim_rules.may_work_vulnerability(role),
        "may_assess": role in triage_rules.QUEUE_ROLES,
        "may_allocate": role in triage_rules.DECIDING_ROLES,
        "has_cases": role in case_rules.CASE_ROLES,
        "gets_tasks": role in case_rules.CASE_ROLES | {Role.ASSESSOR}
        or victim_rules.may_work_vulnerability(role),
    }
