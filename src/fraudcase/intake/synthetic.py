"""Realistic synthetic NFIB dissemination packages for the demo, tests and benchmarks.

Nothing here is real: names, postcodes and identifiers are drawn from small made-up pools
(phone numbers from Ofcom's drama ranges, e-mail and web domains under .example). Suspect
identifiers are shared across some packages, written in different formats, so that search
and later linking have something to find.
"""

import random
from datetime import date, timedelta

import polars as pl

FORENAMES = [
    "Margaret",
    "Albert",
    "Dorothy",
    "Harold",
    "Joan",
    "Kenneth",
    "Patricia",
    "Derek",
    "Sheila",
    "Raymond",
    "Priya",
    "Dev",
    "Amir",
    "Fatima",
    "Grace",
    "Tomasz",
    "Aisha",
    "Callum",
    "Chloe",
    "Oliver",
    "Sunita",
    "Winifred",
    "Nora",
    "Peter",
    "Harriet",
    "Joel",
    "Ibrahim",
    "Maria",
]
SURNAMES = [
    "Osei",
    "Finch",
    "Patel",
    "Mistry",
    "Smith",
    "Jones",
    "Kaur",
    "Shaw",
    "Bell",
    "Kerr",
    "Quinn",
    "Lamb",
    "Rao",
    "Khan",
    "Nowak",
    "Brown",
    "Taylor",
    "Wilson",
    "Begum",
    "Clarke",
]
STREETS = [
    "Castle View",
    "Canal St",
    "Orchard Close",
    "London Rd",
    "Narborough Rd",
    "Belgrave Gate",
    "Humberstone Rd",
    "Market Pl",
    "Church Lane",
    "Station Rd",
]
TOWNS = [
    ("Leicester", "LE1"),
    ("Leicester", "LE2"),
    ("Leicester", "LE3"),
    ("Leicester", "LE4"),
    ("Leicester", "LE5"),
    ("Loughborough", "LE11"),
    ("Hinckley", "LE10"),
    ("Melton Mowbray", "LE13"),
    ("Oakham", "LE15"),
    ("Market Harborough", "LE16"),
]
BUSINESSES = [
    "Wharf Street Bakery Ltd",
    "Ribbon Print Ltd",
    "Soar Valley Plumbing",
    "Castle Dental Practice",
    "Riverside Community Trust",
    "Granby Motors Ltd",
]
FRAUD_TYPES = {
    "NFIB3A": "Paid for goods on an online marketplace that never arrived",
    "NFIB1H": "A caller claiming to be from the bank persuaded {them} to move savings to a "
    "'safe account'",
    "NFIB2E": "A rogue trader at the door demanded more money for roof repairs",
    "NFIB5A": "Supplier bank details were changed by an e-mail that looked genuine",
    "NFIB1C": "An online romance over several months ended in requests for money via Western Union",
    "NFIB2A": "Invested in a cryptocurrency scheme advertised on social media; cannot withdraw",
    "NFIB1D": "A courier was sent to collect cash after a call from someone claiming to be police",
    "NFIB3E": "Entered card details on a fake parcel delivery page",
}


def _phone_formats(rng: random.Random, digits: str) -> str:
    return rng.choice(
        [
            f"07700 {digits}",
            f"+44 7700 {digits}",
            f"07700{digits}",
            f"(07700) {digits[:3]} {digits[3:]}",
        ]
    )


def _suspect_pool(rng: random.Random, size: int) -> list[dict]:
    pool = []
    for i in range(size):
        digits = f"{900000 + i % 1000:06d}"
        sort = f"{rng.randint(10, 99)}{rng.randint(10, 99)}{rng.randint(10, 99)}"
        pool.append(
            {
                "name": f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES)}"
                if rng.random() < 0.6
                else "",
                "digits": digits,
                "email": f"seller{i}@mail.example" if rng.random() < 0.6 else "",
                "website": f"deals-{i}.example" if rng.random() < 0.4 else "",
                "sort": sort,
                "account": f"{rng.randint(10000000, 99999999)}",
            }
        )
    return pool


def _age_skewed_older(rng: random.Random) -> int:
    """Victim ages: most between 40 and 90, a long tail of younger victims."""
    return max(14, min(98, int(rng.triangular(16, 95, 74))))


def nfib_package_frame(
    victims: int,
    *,
    seed: int = 1,
    start: date = date(2026, 10, 1),
    prefix: str = "NFIB-PKG",
    nfrc_base: int = 261000000000,
    days: int = 30,
) -> pl.DataFrame:
    """A dissemination-package file in the default columns: `victims` rows, packages of 1-50."""
    rng = random.Random(seed)
    pool = _suspect_pool(rng, max(20, victims // 40))
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    rows = []
    package_no = 0
    while len(rows) < victims:
        package_no += 1
        size = min(victims - len(rows), 1 if rng.random() < 0.6 else rng.randint(2, 50))
        fraud_type = rng.choice(list(FRAUD_TYPES))
        suspect = rng.choice(pool)
        disseminated = start + timedelta(days=rng.randrange(days))
        for _ in range(size):
            n = len(rows) + 1
            business = rng.random() < 0.08
            age = _age_skewed_older(rng)
            dob = disseminated - timedelta(days=age * 365 + rng.randrange(365))
            town, district = rng.choice(TOWNS)
            forename, surname = rng.choice(FORENAMES), rng.choice(SURNAMES)
            loss = round(rng.lognormvariate(6.5, 1.4), 2)
            shows = rng.random()
            rows.append(
                {
                    "package_ref": f"{prefix}-{seed}-{package_no:06d}",
                    "nfrc": f"NFRC{nfrc_base + seed * 10_000_000 + n}",
                    "disseminated_on": disseminated.isoformat(),
                    "fraud_type": fraud_type,
                    "victim_type": "Business" if business else "Individual",
                    "forename": "" if business else forename,
                    "surname": "" if business else surname,
                    "business_name": rng.choice(BUSINESSES) if business else "",
                    "dob": "" if business or rng.random() < 0.05 else dob.isoformat(),
                    "address": f"{rng.randint(1, 180)} {rng.choice(STREETS)} {town}",
                    "postcode": f"{district} {rng.randint(1, 9)}{rng.choice(letters)}"
                    f"{rng.choice(letters)}",
                    "phone": f"0116 496 {rng.randint(0, 9999):04d}",
                    "email": "" if rng.random() < 0.5 else f"{forename.lower()}{n}@mail.example",
                    "loss_gbp": f"{loss:.2f}",
                    "suspect_name": suspect["name"],
                    "suspect_phone": _phone_formats(rng, suspect["digits"]) if shows < 0.7 else "",
                    "suspect_email": suspect["email"] if shows < 0.5 else "",
                    "suspect_website": (
                        f"https://www.{suspect['website']}/listing/{n}"
                        if suspect["website"] and shows < 0.6
                        else ""
                    ),
                    "suspect_sort_code": (
                        rng.choice(
                            [
                                suspect["sort"],
                                "-".join(suspect["sort"][i : i + 2] for i in (0, 2, 4)),
                            ]
                        )
                        if shows < 0.4
                        else ""
                    ),
                    "suspect_account_number": suspect["account"] if shows < 0.4 else "",
                    "narrative": FRAUD_TYPES[fraud_type].format(them="them"),
                }
            )
    return pl.DataFrame(rows)
