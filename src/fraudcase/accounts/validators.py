"""Password validators added to Django's own (settings.AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError

from . import rules


class DistinctCharactersValidator:
    """Refuse passwords made of too few different characters, such as "aaaaaaaaaaaa".

    Django's length, common-password and numeric checks all let such a password through.
    """

    def __init__(self, min_distinct: int = 6):
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        if rules.distinct_characters(password) < self.min_distinct:
            raise ValidationError(
                "Use at least %(min_distinct)d different characters in your password.",
                code="password_too_few_distinct_characters",
                params={"min_distinct": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return f"Your password must use at least {self.min_distinct} different characters."
