"""New passwords: Django's checks plus enough different characters."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",  # long enough, not numeric, not in the common list: one character
        "abcabcabcabc",
        "short-pw",
        "123456789012",
        "password1234",
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_username_is_refused(assessor):
    with pytest.raises(ValidationError):
        validate_password("assessor2026", user=assessor)


def test_a_long_varied_password_is_accepted(assessor):
    validate_password("plum-kettle-orbit-42", user=assessor)


def test_the_demo_password_still_passes():
    validate_password("fraudcase-demo")
