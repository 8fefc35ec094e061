"""The one enum idiom of the project: a str enum whose members carry a label.

Rules, models, forms and the API use the same class for a concept (a status, a role, an
outcome): `Role.ASSESSOR == "assessor"`, `Role.ASSESSOR.label == "Assessor"`,
`Role.choices` for a model field or a form, `Role.values` for validation. It behaves like
Django's `TextChoices` but is plain Python, so pure rules and the Django-free victim-list
scan (which starts in half a second) can use it without importing Django (`django.db.models`
alone takes about 0.5 s to import).
"""

from collections.abc import Iterable
from enum import EnumType, StrEnum, nonmember
from typing import Any, cast


class _ChoicesType(EnumType):
    @property
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, in definition order, for model fields and forms."""
        return [(member.value, member.label) for member in cast("Iterable[Choices]", cls)]

    @property
    def values(cls) -> list[str]:
        return [member.value for member in cast("Iterable[Choices]", cls)]

    @property
    def labels(cls) -> list[str]:
        return [member.label for member in cast("Iterable[Choices]", cls)]


class Choices(StrEnum, metaclass=_ChoicesType):
    """Members are written `NAME = "value", "Label"`; the label defaults to the value."""

    # Templates may name the class without Django trying to call it.
    do_not_call_in_templates = nonmember(True)

    _label: str

    def __new__(cls, value: str, label: str | None = None) -> "Choices":
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label if label is not None else value
        return member

    @property
    def label(self) -> str:
        return self._label

    @classmethod
    def _missing_(cls, value: Any) -> "Choices | None":
        return None
