"""Victims' details as person linkage compares them (docs/rules.md "Linking: persons"): the
same person's details written differently are equal once normalised."""

from datetime import date

import polars as pl
import pytest

from fraudcase.linking import persons


def normalised(**row):
    base = {
        "victim_id": 1,
        "forename": "",
        "surname": "",
        "dob": None,
        "postcode": "",
        "phone": "",
        "email": "",
    }
    frame = pl.DataFrame([{**base, **row}], schema={**persons.FRAME_SCHEMA, "dob": pl.Date})
    return persons.normalise(frame).row(0, named=True)


@pytest.mark.parametrize(
    "written",
    [
        "07700900111",
        "07700 900111",
        "+44 7700 900111",
        "+447700900111",
        "0044 7700 900111",
        "+44 (0)7700 900111",
        "(07700) 900-111",
    ],
)
def test_a_telephone_number_in_any_uk_or_international_form(written):
    assert normalised(phone=written)["phone"] == "07700900111"


@pytest.mark.parametrize(
    ("field", "written", "compared"),
    [
        ("forename", "Mary-Ann", "maryann"),
        ("surname", "O'BRIEN", "obrien"),
        ("surname", "O\u2019Brien", "obrien"),
        ("surname", "St. John", "stjohn"),
        ("postcode", "le2 7qt", "LE27QT"),
        ("postcode", "LE27QT", "LE27QT"),
        ("email", " M.Thompson@Example.COM ", "m.thompson@example.com"),
    ],
)
def test_names_postcodes_and_email_ignore_case_spacing_and_punctuation(field, written, compared):
    assert normalised(**{field: written})[field] == compared


def test_what_is_missing_or_not_a_value_is_null():
    row = normalised(forename=" ", phone="n/a", email="none", postcode="LE")
    assert (row["forename"], row["phone"], row["email"], row["postcode"]) == (None,) * 4
    assert normalised(dob=date(1942, 3, 4))["dob"] == "1942-03-04"
