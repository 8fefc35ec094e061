"""Margaret Thompson, a repeat victim whose details are written differently each time, and
others unlike her (tests/linking/conftest.py `margaret` imports them)."""

MARGARET = {
    "forename": "Margaret",
    "surname": "Thompson",
    "dob": "1942-03-04",
    "postcode": "LE2 7QT",
    "phone": "07700900111",
    "email": "m.thompson@example.com",
}


def others(n, **extra):
    """A victim unlike Margaret (each its own person)."""
    names = ["Oliver Achterberg", "Priya Quigley", "Declan Szymanski", "Fiona Okafor"]
    forename, surname = names[n % len(names)].split()
    return {
        "forename": forename,
        "surname": f"{surname}{'abcdefgh'[n % 8]}",
        "dob": f"19{60 + n}-0{1 + n % 9}-1{n % 9}",
        "postcode": f"NG{n} {n}AB",
        **extra,
    }
