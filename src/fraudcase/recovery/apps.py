from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "fraudcase.recovery"
    label = "recovery"
    verbose_name = "Asset recovery"

    def ready(self) -> None:
        from fraudcase.cases import clocks

        from . import services

        # The registers' clocks (detention, time to pay, responses, expiring orders) and the
        # accreditations about to expire are on the Deadlines page, the home page and
        # /api/v1/deadlines (docs/architecture.md "How a lower app reaches a higher one").
        clocks.register(services.RECOVERY_CLOCK)
