"""The demo's financial investigation: accreditations (one about to expire), a cash seizure in
its first 48 hours, a confiscation order part paid, a restraint order, a production order, a
serious crime prevention order and an App. E assessment, kept by `finint`."""

from datetime import date, timedelta

from django.utils import timezone

from fraudcase.accounts.models import User
from fraudcase.recovery import rules, services
from fraudcase.reports.services import visible_reports


def load(finint: User, today: date) -> None:
    """Add the demo's entries (called once, with the rest of the demo)."""
    investigator = User.objects.get(username="investigator")
    manager = User.objects.get(username="manager")
    long_ago = today - timedelta(days=700)
    # Accreditations are checked against the real date when an entry is saved: a demo made for
    # an earlier day (its tests) keeps them current from today's date too.
    current = max(today, timezone.localdate())
    for kind, expires in (
        ("cash_seizure", current + timedelta(days=800)),
        ("fi", current + timedelta(days=60)),  # on the manager's list of those expiring
        ("confiscation", None),
        ("pip2", None),
    ):
        services.record_accreditation(
            manager, officer=investigator, kind=kind, awarded_on=long_ago, expires_on=expires
        )
    services.record_accreditation(
        manager, officer=finint, kind="fio", awarded_on=long_ago, expires_on=None
    )
    refs = list(
        visible_reports(finint).order_by("pk").values_list("local_reference", flat=True)[:4]
    )
    if len(refs) < 4:
        return
    base = {"officer": investigator, "court": "Leicester Magistrates' Court"}
    services.save_entry(
        finint,
        rules.EntryKind.CASH,
        {
            **base,
            "report": refs[0],
            "subject": "Sam Runner",
            "status": "detained",
            "seized_on": today - timedelta(days=1),
            "amount_gbp": "14250.00",
        },
    )
    confiscation = services.save_entry(
        finint,
        rules.EntryKind.CONFISCATION,
        {
            **base,
            "court": "Leicester Crown Court",
            "report": refs[1],
            "subject": "Daniel Crook",
            "status": "granted",
            "benefit_gbp": "86000",
            "available_gbp": "31500",
            "pursued": True,
            "applied_on": today - timedelta(days=120),
            "granted_on": today - timedelta(days=30),
            "order_gbp": "31500",
            "pay_by": today + timedelta(days=60),
            "compensation_gbp": "12000",
        },
    )
    services.add_step(
        finint, confiscation.pk, kind="payment", on=today - timedelta(days=10), amount="5000"
    )
    services.save_entry(
        finint,
        rules.EntryKind.RESTRAINT,
        {
            **base,
            "court": "Leicester Crown Court",
            "report": refs[1],
            "subject": "Daniel Crook",
            "status": "granted",
            "applied_on": today - timedelta(days=200),
            "granted_on": today - timedelta(days=190),
            "amount_gbp": "64000",
            "review_on": today + timedelta(days=14),
        },
    )
    services.save_entry(
        finint,
        rules.EntryKind.PRODUCTION,
        {
            **base,
            "court": "Leicester Crown Court",
            "report": refs[2],
            "subject": "Castle Bank plc",
            "status": "served",
            "applied_on": today - timedelta(days=12),
            "granted_on": today - timedelta(days=10),
            "served_on": today - timedelta(days=9),
            "response_due": today - timedelta(days=2),
        },
    )
    services.save_entry(
        finint,
        rules.EntryKind.SCPO,
        {
            "report": refs[3],
            "subject": "Alex Ledger",
            "status": "granted",
            "court": "Leicester Crown Court",
            "applied_on": today - timedelta(days=90),
            "granted_on": today - timedelta(days=60),
            "conditions": "To notify the police of every bank account and company directorship.",
            "expires_on": today + timedelta(days=365 * 5),
        },
    )
    services.save_entry(
        finint,
        rules.EntryKind.IOM,
        {
            "report": refs[3],
            "subject": "Alex Ledger",
            "status": "applied",
            "applied_on": today,
            "reason": "Professional enabler of an OCG; third conviction for fraud.",
        },
    )
    report = visible_reports(finint).get(local_reference=refs[0])
    services.record_assessment(
        finint,
        report,
        factors={
            f: {"yes": f in ("cash", "ocg", "vulnerability"), "comment": ""}
            for f in rules.Factor.values
        },
        recommendation=rules.Recommendation.CASH_SEIZURE,
        rationale="",
        non_acceptance="",
        allocated_to=investigator,
    )
