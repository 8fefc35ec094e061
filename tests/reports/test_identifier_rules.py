"""Identifiers are normalised before they are compared (STYLE.md, DOMAIN.md)."""

import polars as pl
import pytest

from fraudcase.core.tables import date_expr
from fraudcase.reports import rules


@pytest.mark.parametrize(
    ("kind", "raw", "normalised"),
    [
        ("phone", "07700 900123", "+447700900123"),
        ("phone", "+44 (0)7700 900123", "+447700900123"),
        ("phone", "0116 496 0001", "+441164960001"),
        ("phone", "not a phone", None),
        ("email", " Lee.Barton@Mail.Example ", "lee.barton@mail.example"),
        ("email", "no-at-sign", None),
        ("website", "https://www.bargain-vans.example/listing/88", "bargain-vans.example"),
        ("website", "shop.example.co.uk/page", "example.co.uk"),
        ("website", "HTTP://Sub.Domain.Scam.com", "scam.com"),
        ("uk_bank_account", "40-11-22 87654321", "401122-87654321"),
        ("uk_bank_account", "401122 1234567", "401122-01234567"),
        ("uk_bank_account", "12-34", None),
        ("iban", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("iban", "GB00 WEST 1234 5698 7654 32", None),
    ],
)
def test_identifier_normalisation(kind, raw, normalised):
    assert rules.normalise_identifier(kind, raw) == normalised


@pytest.mark.parametrize(
    ("text", "expected"),
    [("le27qt", "LE2 7QT"), ("LE11 1HB", "LE11 1HB"), (" le1  5tf ", "LE1 5TF")],
)
def test_postcodes_are_normalised(text, expected):
    assert rules.normalise_postcode(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-05", "2026-10-05"),
        ("05/10/2026", "2026-10-05"),
        ("2026-02-31", None),
        ("31/02/2026", None),
        ("", None),
        ("2026-10-05 00:00:00", "2026-10-05"),
    ],
)
def test_dates_are_read_iso_or_uk_day_first(text, expected):
    # How every import reads a date cell (core.tables.date_expr).
    parsed = pl.DataFrame({"cell": [text]}).select(date_expr("cell")).item()
    assert (parsed.isoformat() if parsed else None) == expected
