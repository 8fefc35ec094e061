"""Synthetic NFIB victim lists in the default columns, for the demo, tests and benchmarks."""

import random
from datetime import date, timedelta

import polars as pl

from fraudcase.intake.synthetic import BUSINESSES, FORENAMES, SURNAMES, TOWNS

NARRATIVES = [
    "Bank impersonation call; moved savings to a safe account",
    "Paid for a games console on social media",
    "Invoice redirection",
    "Builder at the door demanded more money for roof repairs",
    "Offered cash to let someone use my account: a money mule approach",
    "Investment scam advertised online",
    "Entered card details on a fake delivery page",
    "Online romance over six months; she is now frail and isolated",
    "Sent money by Western Union to a man met online",
    "Carer took bank card and withdrew cash",
    "A courier collected cash after a call from someone claiming to be police",
    "Bought concert tickets that never arrived",
    "Scammed before by the same people; this is the second time this year",
]
CONTACT = ["Online", "Telephone", "Email", "In person", "Text message", "Social media", "Letter"]
SEGMENTS = ["", "", "", "", "A", "B", "C", "D1", "D2"]
# Names that lists write in more than one way ("O'Brien", "OBRIEN"): the repeat-victim check
# must find the same person in both.
PUNCTUATED = ["O'Brien", "Smith-Jones", "St. Clair", "D'Souza"]


def victim_list_frame(rows: int, *, seed: int = 1, start: date = date(2026, 10, 1)) -> pl.DataFrame:
    """A month's victim list: ages skewed older, some repeat victims, a few businesses."""
    rng = random.Random(seed)
    out = []
    people = [
        (
            rng.choice(FORENAMES),
            rng.choice(SURNAMES + PUNCTUATED),
            start - timedelta(days=int(rng.triangular(16, 95, 72) * 365.25)),
        )
        for _ in range(max(10, rows // 3))
    ]
    for n in range(rows):
        business = rng.random() < 0.07
        forename, surname, dob = rng.choice(people)
        if surname in PUNCTUATED and rng.random() < 0.5:
            surname = surname.upper().replace("'", "").replace("-", " ").replace(".", "")
        out.append(
            {
                "nfrc": f"NFRC26{seed:02d}{n:08d}",
                "report_date": (start + timedelta(days=rng.randrange(28))).isoformat(),
                "victim_type": "Business" if business else "Individual",
                "forename": "" if business else forename,
                "surname": "" if business else surname,
                "business_name": rng.choice(BUSINESSES) if business else "",
                "dob": "" if business or rng.random() < 0.04 else dob.isoformat(),
                "postcode": f"{rng.choice(TOWNS)[1]} {rng.randint(1, 9)}AB",
                "loss_gbp": f"{rng.lognormvariate(6, 1.5):.2f}",
                "referred_for_investigation": "Y" if rng.random() < 0.1 else "N",
                "fraud_type": rng.choice(["NFIB1H", "NFIB3A", "NFIB5A", "NFIB2E", "NFIB1C"]),
                "contact_method": rng.choice(CONTACT),
                "segment": rng.choice(SEGMENTS),
                "narrative": rng.choice(NARRATIVES),
            }
        )
    return pl.DataFrame(out)
