"""Demo ILOR/EIO requests and Banking Protocol incidents (streams), dated relative to today:
six months of each, through the same services users go through, so the lists, the Deadlines
page and the counts have something to show. Loaded once (their references start DEMO/)."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from fraudcase.accounts.models import Team, User
from fraudcase.intake.receipt import LONDON
from fraudcase.reports.models import Report
from fraudcase.streams import services
from fraudcase.streams.models import InternationalRequest
from fraudcase.streams.rules import AskedFor, BankingResult, RequestKind, RequestTransition

# (kind, country, authority, days ago received, state reached, due given days after receipt)
REQUESTS = [
    (RequestKind.EIO, "FR", "Parquet de Paris", 170, "complete", None),
    (RequestKind.EIO, "DE", "Staatsanwaltschaft Köln", 150, "complete", None),
    (
        RequestKind.ILOR,
        "US",
        "US Department of Justice, Office of International Affairs",
        140,
        "send",
        100,
    ),
    (RequestKind.EIO, "NL", "Openbaar Ministerie Rotterdam", 120, "decline", None),
    (RequestKind.ILOR, "AU", "Australian Federal Police", 95, "send", None),
    (RequestKind.EIO, "ES", "Fiscalía Provincial de Málaga", 80, "send", None),
    (RequestKind.EIO, "PL", "Prokuratura Okręgowa w Warszawie", 60, "accept", 60),
    (RequestKind.ILOR, "CA", "Royal Canadian Mounted Police", 45, "complete", None),
    (RequestKind.EIO, "IE", "Garda National Economic Crime Bureau", 30, "accept", None),
    (RequestKind.EIO, "IT", "Procura della Repubblica di Milano", 14, "", None),
    (RequestKind.ILOR, "IN", "Central Bureau of Investigation", 6, "", None),
    (RequestKind.EIO, "BE", "Parquet fédéral", 2, "", None),
]
# The moves to reach each state, with how many days after receipt each was made.
PATHS = {
    "": [],
    "accept": [(RequestTransition.ACCEPT, 5)],
    "decline": [(RequestTransition.DECLINE, 6)],
    "send": [(RequestTransition.ACCEPT, 5), (RequestTransition.SEND, 12)],
    "complete": [
        (RequestTransition.ACCEPT, 5),
        (RequestTransition.SEND, 12),
        (RequestTransition.COMPLETE, 40),
    ],
}
BRANCHES = [
    ("Castle Bank", "Leicester Gallowtree Gate", "LE1 5AD"),
    ("Castle Bank", "Loughborough Market Place", "LE11 3EA"),
    ("Midshires Building Society", "Hinckley Castle Street", "LE10 1DA"),
    ("Northgate Bank", "Market Harborough High Street", "LE16 7NJ"),
    ("Northgate Bank", "Oadby The Parade", "LE2 5BB"),
]
VICTIMS = [
    ("Edith Marsh", date(1938, 4, 2), "LE2 2FD"),
    ("George Patel", date(1945, 9, 17), "LE4 6RT"),
    ("Margaret Hughes", date(1941, 1, 23), "LE11 2PN"),
    ("Arthur Singh", date(1950, 7, 8), "LE10 0QA"),
    ("Joyce Adeyemi", date(1947, 11, 30), "LE16 9BX"),
]
INCIDENTS = 30


def loaded() -> bool:
    """Whether the demo's requests are in."""
    return InternationalRequest.objects.filter(their_reference__startswith="DEMO/").exists()


def load(today: date) -> None:
    """Add the demo's requests and incidents, unless they are in already."""
    if loaded():
        return
    investigator = User.objects.get(username="investigator")
    finint = User.objects.get(username="finint")
    ecu = Team.objects.get(name="Economic Crime Unit")
    real_today = timezone.localdate()
    for n, (kind, country, authority, ago, state, due_after) in enumerate(REQUESTS):
        received = today - timedelta(days=ago)
        with transaction.atomic():
            found = services.record_request(
                investigator,
                services.RequestInput(
                    kind=kind,
                    country=country,
                    authority=authority,
                    their_reference=f"DEMO/{country}/{received.year}/{100 + n}",
                    received_on=received,
                    asked_for=AskedFor.BANKING if n % 4 else AskedFor.OTHER,
                    asked_for_detail="Account opening documents and statements for two "
                    "accounts, and the IP addresses of online banking log-ins.",
                    officer=(investigator, finint, None)[n % 3],
                    team=ecu,
                    response_due=received + timedelta(days=due_after) if due_after else None,
                    handling_marking="OFFICIAL-SENSITIVE" if n == 3 else "OFFICIAL",
                    restricted_to_team=None,
                ),
            )
            for move, after in PATHS[state]:
                on = min(received + timedelta(days=after), real_today)
                services.move_request(
                    investigator,
                    found.pk,
                    move,
                    on=on,
                    reason="Dual criminality not met: the conduct is not an offence in "
                    "England and Wales."
                    if move == RequestTransition.DECLINE
                    else "",
                    detail="Production orders served on Castle Bank and Northgate Bank."
                    if move == RequestTransition.SEND
                    else "",
                )
    _incidents(today, User.objects.get(username="supervisor"))


def _incidents(today: date, user: User) -> None:
    rng = random.Random(12)
    report = (
        Report.objects.filter(handling_marking="OFFICIAL", restricted_to_team__isnull=True)
        .order_by("id")
        .values_list("local_reference", flat=True)
        .first()
    )
    now = timezone.now()
    for n in range(INCIDENTS):
        day = today - timedelta(days=rng.randrange(1, 180))
        called = min(
            datetime.combine(day, time(9), tzinfo=LONDON) + timedelta(minutes=rng.randrange(420)),
            now - timedelta(hours=2),
        )
        attended = rng.random() < 0.85
        roll = 0.15 if n == 0 else rng.random()  # the first is linked to a crime report
        if roll < 0.1:
            results = [BankingResult.ARREST, BankingResult.CRIME_RECORDED]
        elif roll < 0.24:
            results = [BankingResult.CRIME_RECORDED]
        elif roll < 0.5:
            results = [BankingResult.INTELLIGENCE]
        else:
            results = [BankingResult.NO_OFFENCE]
        bank, branch, postcode = BRANCHES[n % len(BRANCHES)]
        name, dob, home = VICTIMS[n % len(VICTIMS)]
        safeguarded = rng.random() < 0.7
        with transaction.atomic():
            services.record_incident(
                user,
                services.IncidentInput(
                    bank_name=bank,
                    branch_name=branch,
                    branch_postcode=postcode,
                    called_at=called,
                    attended=attended,
                    attended_at=called + timedelta(minutes=rng.randrange(8, 75))
                    if attended
                    else None,
                    attending_officer=f"PC {rng.randrange(1000, 9999)}" if attended else "",
                    victim_name=name,
                    victim_dob=dob,
                    victim_postcode=home,
                    safeguarded=safeguarded,
                    safeguarding="Payment stopped by the bank; family told; referred to the FVO."
                    if safeguarded
                    else "",
                    results=results,
                    crime_reference=report or ""
                    if n == 0 and BankingResult.CRIME_RECORDED in results
                    else "",
                    notes="Customer was told by 'police' on the phone to withdraw cash.",
                ),
            )
