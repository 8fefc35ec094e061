from django.apps import AppConfig


class OcgConfig(AppConfig):
    name = "fraudcase.ocg"
    label = "ocg"
    verbose_name = "Organised crime groups"

    def ready(self) -> None:
        from fraudcase.linking import parts

        from . import services

        # The series page offers "Create an OCG from this series" and "Add to an OCG"
        # (docs/architecture.md "How a lower app reaches a higher one").
        parts.register_series_part(services.series_part)
