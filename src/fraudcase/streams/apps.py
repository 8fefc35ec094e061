from django.apps import AppConfig


class StreamsConfig(AppConfig):
    name = "fraudcase.streams"
    label = "streams"
    verbose_name = "Other demand streams"

    def ready(self) -> None:
        from fraudcase.cases import clocks

        from .services import REQUEST_CLOCK

        # An ILOR/EIO response due or overdue is on the Deadlines page, the home page and
        # /api/v1/deadlines (docs/architecture.md "How a lower app reaches a higher one").
        clocks.register(REQUEST_CLOCK)
        # The cyber team's and the Protect team's first contacts on the Deadlines page
        # (docs/architecture.md "How a lower app reaches a higher one").
        from . import cyber

        cyber.register_clocks()
