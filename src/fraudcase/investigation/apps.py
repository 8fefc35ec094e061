from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    name = "fraudcase.investigation"
    label = "investigation"
    verbose_name = "Investigation file"

    def ready(self) -> None:
        from fraudcase.cases import clocks
        from fraudcase.reports import services as report_services

        from .nominals import erase
        from .services import ACTION_CLOCK

        # An investigation plan's action due or overdue is on the Deadlines page, the home page
        # and /api/v1/deadlines (docs/architecture.md "How a lower app reaches a higher one").
        clocks.register(ACTION_CLOCK)
        # A report's erasure (DPA 2018 s.47) takes the people and things recorded on it.
        report_services.on_erasure(erase)
