"""The core app: registers how migrations write the project's enums."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared foundations: errors, dates, enums, files, exports. No models."""

    name = "fraudcase.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.migrations.serializer import BaseSerializer, Serializer

        from .enums import Choices

        class ChoiceSerializer(BaseSerializer):
            # A migration records an enum default as its plain value, as Django does for its
            # own TextChoices, so that moving an enum never breaks an old migration.
            def serialize(self) -> tuple[str, set[str]]:
                return repr(str(self.value)), set()

        # Ahead of Django's serializer for any Enum, which would write
        # `fraudcase.reports.enums.ReportStatus['RECORDED']` (tests/core/test_enums.py).
        # `_registry` is Django's own (private, so not in django-stubs).
        registry = Serializer._registry  # type: ignore[attr-defined]
        Serializer._registry = {Choices: ChoiceSerializer, **registry}  # type: ignore[attr-defined]
