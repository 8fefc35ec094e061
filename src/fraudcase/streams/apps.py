from django.apps import AppConfig


class StreamsConfig(AppConfig):
    name = "fraudcase.streams"
    label = "streams"
    verbose_name = "Other demand streams"

    def ready(self) -> None:
        # The cyber team's and the Protect team's first contacts on the Deadlines page
        # (docs/architecture.md "How a lower app reaches a higher one").
        from . import cyber

        cyber.register_clocks()
