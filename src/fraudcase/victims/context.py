from . import rules


def workbench(request) -> dict:
    """Lets the navigation show the vulnerability workbench only to those who may use it."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"may_work_vulnerability": rules.may_work_vulnerability(role)}
