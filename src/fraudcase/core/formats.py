"""How files spell dates and victim types: light, as the victim-list scan loads it at start-up."""

# ISO first, then UK day-first.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")

VICTIM_TYPES = {
    "individual": "individual",
    "person": "individual",
    "business": "business",
    "company": "business",
    "charity": "charity",
    "public body": "public_body",
    "public_body": "public_body",
    "organisation": "other_organisation",
    "other organisation": "other_organisation",
    "other_organisation": "other_organisation",
}
