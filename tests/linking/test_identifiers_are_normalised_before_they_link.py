"""DOMAIN.md "Linking": one telephone, account, e-mail or website however it was written."""

import pytest

from fraudcase.linking import rules


@pytest.mark.parametrize(
    "written",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "(07700) 900 123",
        "0044 7700 900123",
        "+44 (0)7700 900123",
        "07700-900-123",
    ],
)
def test_a_uk_mobile_in_any_format_is_one_e164_number(written):
    assert rules.normalise("phone", written) == "+447700900123"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("020 7946 0018", "+442079460018"),
        ("(020) 7946 0018", "+442079460018"),
        ("+44 20 7946 0018", "+442079460018"),
        ("0116 496 0123", "+441164960123"),
        ("not a number", None),
        ("123", None),
    ],
)
def test_landlines_too_and_what_is_no_number_is_none(written, expected):
    assert rules.normalise("phone", written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("40-11-22 87654321", "401122-87654321"),
        ("401122 87654321", "401122-87654321"),
        ("40 11 22 8765 4321", "401122-87654321"),
        ("401122/87654321", "401122-87654321"),
        ("40-11-22 7654321", "401122-07654321"),  # seven digits: a leading zero
        ("40-11-22 654321", "401122-00654321"),  # six digits: the shortest UK account
        ("40-11-22 54321", None),  # five: not an account
    ],
)
def test_sort_code_is_six_digits_and_account_eight(written, expected):
    assert rules.normalise("uk_bank_account", written) == expected


@pytest.mark.parametrize(
    ("sort_code", "account", "expected"),
    [
        ("40-11-22", "87654321", "401122-87654321"),
        ("401122", "8765 4321", "401122-87654321"),
        ("40 11 22", "7654321", "401122-07654321"),
        ("4011222", "87654321", None),
        ("40-11-22", "123456789", None),
    ],
)
def test_sort_code_and_account_given_apart(sort_code, account, expected):
    assert rules.normalise_uk_account(sort_code, account) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Fraudster@Example.COM", "fraudster@example.com"),
        ("  fraudster@example.com ", "fraudster@example.com"),
        ("FRAUDSTER@EXAMPLE.CO.UK", "fraudster@example.co.uk"),
        ("not an address", None),
        ("two@@example.com", None),
    ],
)
def test_an_email_in_any_case_is_one_address(written, expected):
    assert rules.normalise("email", written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("https://www.Cheap-Tickets.co.uk/offer/1?x=2", "cheap-tickets.co.uk"),
        ("http://cheap-tickets.co.uk", "cheap-tickets.co.uk"),
        ("WWW.CHEAP-TICKETS.CO.UK/", "cheap-tickets.co.uk"),
        ("cheap-tickets.co.uk", "cheap-tickets.co.uk"),
        ("shop.cheap-tickets.co.uk/basket", "cheap-tickets.co.uk"),
        ("https://cheap-tickets.co.uk:8443/pay", "cheap-tickets.co.uk"),
        ("https://www.example.com/path", "example.com"),
        ("https://bank-secure.org.uk", "bank-secure.org.uk"),
        ("localhost", None),
        ("", None),
    ],
)
def test_a_website_is_its_registered_domain(written, expected):
    assert rules.normalise("website", written) == expected
