"""A synthetic truth set for person linkage: victims, some of them the same person reported
again with the details written differently (a typo in a name, case, postcode spacing, a
missing date of birth, an e-mail in capitals, a telephone number in +44 form), each row with
the person it truly is. Used by tests/linking and benchmarks/bench_persons.py.

    rows = victims(100_000)   # polars: victim_id, forename, surname, dob, postcode, phone,
                              # email, truth
"""

import random
from datetime import date, timedelta

import polars as pl

FORENAMES = [
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Margaret",
    "Joan",
    "Priya",
    "Mohammed",
    "Ali",
    "Fatima",
    "Aisha",
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Noah",
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Leo",
    "Arthur",
    "Muhammad",
    "Oscar",
    "Charlie",
    "Freddie",
    "Alfie",
    "Theo",
    "Archie",
    "Henry",
    "Lily",
    "Emily",
    "Grace",
    "Sophie",
    "Evie",
    "Ella",
    "Poppy",
    "Florence",
    "Rosie",
    "Daisy",
    "Ivy",
    "Freya",
    "Chloe",
    "Ruby",
    "Mia",
    "Sienna",
    "Hannah",
    "Kevin",
    "Gareth",
    "Rhys",
    "Dylan",
    "Ewan",
    "Fiona",
    "Morag",
    "Siobhan",
    "Niamh",
    "Ciaran",
    "Declan",
    "Eamon",
    "Gurpreet",
    "Harjit",
    "Rajesh",
    "Anil",
    "Sunita",
    "Deepak",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Cook",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Murphy",
    "Miller",
    "Cox",
    "Richards",
    "Khan",
    "Marshall",
    "Anderson",
    "Simpson",
    "Ellis",
    "Adams",
    "Singh",
    "Begum",
    "Wilkinson",
    "Foster",
    "Chapman",
    "Powell",
    "Webb",
    "Rogers",
    "Gray",
    "Mason",
    "Ali",
    "Hunt",
    "Hussain",
    "Campbell",
    "Matthews",
    "Owen",
    "Palmer",
    "Holmes",
    "Mills",
    "Barnes",
    "Knight",
    "Lloyd",
    "Butler",
    "Russell",
    "Barker",
    "Fisher",
    "Stevens",
    "Jenkins",
    "Murray",
    "Dixon",
    "Harvey",
    "Okafor",
    "Nowak",
    "Kowalski",
    "Oyelaran",
    "Ferreira",
    "Achterberg",
    "Quigley",
    "Fitzgerald",
    "Ramsbottom",
    "Szymanski",
    "Abernethy",
    "Pemberton",
]
AREAS = [
    "LE1",
    "LE2",
    "LE3",
    "LE4",
    "NG1",
    "NG7",
    "DE1",
    "DE22",
    "B1",
    "B15",
    "CV1",
    "LN1",
    "NN1",
    "PE1",
    "S1",
    "M1",
]


def _person(rng: random.Random) -> dict[str, object]:
    forename = rng.choice(FORENAMES)
    surname = rng.choice(SURNAMES)
    # Some surnames double-barrelled or rare, so that surnames vary in how common they are.
    if rng.random() < 0.3:
        surname = f"{surname}-{rng.choice(SURNAMES)}"
    dob = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 75))
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    postcode = (
        f"{rng.choice(AREAS)} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
    )
    phone = f"07{rng.randrange(100, 999)}{rng.randrange(100000, 999999)}"
    # An e-mail address is one person's: a number from a range far wider than the people made,
    # so that two people of the same name do not share one (at a million victims, 1 to 999
    # gave thousands of different people the same address, which no real set holds).
    email = f"{forename}.{surname}{rng.randrange(1, 10**9)}@example.co.uk".lower()
    return {
        "forename": forename,
        "surname": surname,
        "dob": dob,
        "postcode": postcode,
        "phone": phone,
        "email": email,
    }


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swapped letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]  # a letter changed


def _again(rng: random.Random, person: dict[str, object]) -> dict[str, object]:
    """The same person reported again, written differently."""
    row = dict(person)
    if rng.random() < 0.25:
        field = rng.choice(("forename", "surname"))
        row[field] = _typo(rng, str(row[field]))
    if rng.random() < 0.3:
        row["forename"] = str(row["forename"]).upper()
        row["surname"] = str(row["surname"]).upper()
    if rng.random() < 0.3:
        row["postcode"] = str(row["postcode"]).replace(" ", "").lower()
    if rng.random() < 0.15:
        row["dob"] = None
    if rng.random() < 0.2:
        row["email"] = str(row["email"]).upper()
    elif rng.random() < 0.2:
        row["email"] = ""
    phone = str(row["phone"])
    choice = rng.random()
    if choice < 0.25:
        row["phone"] = "+44 " + phone[1:5] + " " + phone[5:]
    elif choice < 0.4:
        row["phone"] = ""
    if rng.random() < 0.1:  # moved house
        row["postcode"] = _person(rng)["postcode"]
    return row


def victims(rows: int, *, repeat_share: float = 0.25, seed: int = 42) -> pl.DataFrame:
    """`rows` victims; about `repeat_share` of them another report of a person already in the
    set. Columns: victim_id, forename, surname, dob, postcode, phone, email, truth (the person)."""
    rng = random.Random(seed)
    people: list[dict[str, object]] = []
    out: list[dict[str, object]] = []
    for victim_id in range(1, rows + 1):
        if people and rng.random() < repeat_share:
            truth = rng.randrange(len(people))
            row = _again(rng, people[truth])
        else:
            truth = len(people)
            people.append(_person(rng))
            row = dict(people[truth])
        out.append({"victim_id": victim_id, **row, "truth": truth})
    return pl.DataFrame(
        out,
        schema={
            "victim_id": pl.Int64,
            "forename": pl.Utf8,
            "surname": pl.Utf8,
            "dob": pl.Date,
            "postcode": pl.Utf8,
            "phone": pl.Utf8,
            "email": pl.Utf8,
            "truth": pl.Int64,
        },
    )


def pair_scores(truth: pl.DataFrame, found: pl.DataFrame) -> dict[str, float]:
    """Pairwise precision, recall and F1 of `found` (victim_id, anchor) against `truth`
    (victim_id, truth): pairs of victims put in one person, counted by group sizes."""
    joined = truth.select("victim_id", "truth").join(
        found.select("victim_id", "anchor"), on="victim_id"
    )

    def pairs(keys: list[str]) -> int:
        sizes = joined.group_by(keys).len()["len"]
        return int((sizes * (sizes - 1) // 2).sum())

    true_pairs, found_pairs, both = pairs(["truth"]), pairs(["anchor"]), pairs(["truth", "anchor"])
    precision = both / found_pairs if found_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": true_pairs}
