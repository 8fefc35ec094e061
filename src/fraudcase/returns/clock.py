"""The monthly NFIB return as a kind of deadline (cases.clocks): the Deadlines page, the home
page and /api/v1/deadlines show each return not yet sent once its due date (§5.7: the 7th
working day after the month ends) has come. It is the VFT supervisor's (DOMAIN.md "Who uses
it": "sends the monthly NFIB return"), and in everyone's team view; a return is not about one
report, so showing it discloses none."""

from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from fraudcase.accounts.enums import Role
from fraudcase.accounts.models import User
from fraudcase.cases.clocks import TEAM, DueItem, Kind
from fraudcase.triage import rules as triage_rules

from .models import NFIBReturn


def owed(user: User, scope: str, today: date) -> QuerySet[NFIBReturn]:
    if scope != TEAM and user.role != Role.VFT_SUPERVISOR:
        return NFIBReturn.objects.none()
    return NFIBReturn.objects.filter(sent_at__isnull=True, due__lte=today)


def item(record: NFIBReturn, today: date) -> DueItem:
    month = f"{record.month:%Y-%m}"
    return DueItem(
        f"Monthly NFIB outcome return for {record.month:%B %Y}",
        month,
        "",
        record.due,
        triage_rules.deadline_state(record.due, today),
        Role.VFT_SUPERVISOR.label,
        reverse("nfib-return", kwargs={"month": month}),
    )


KIND = Kind(
    "nfib-return",
    "Monthly NFIB returns",
    owed,
    "due",
    "month",
    item,
    lambda rows: [],
)
