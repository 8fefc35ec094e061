from django.apps import AppConfig
from django.db.models.signals import post_save


class ReturnsConfig(AppConfig):
    name = "fraudcase.returns"
    label = "returns"
    verbose_name = "NFIB returns"

    def ready(self) -> None:
        from fraudcase.cases import clocks
        from fraudcase.cases.models import Finalisation
        from fraudcase.reports.services import on_erasure

        from . import clock, services

        clocks.register(clock.KIND)
        on_erasure(services.keep_erased_nfrcs)
        post_save.connect(
            _outcome_recorded, sender=Finalisation, dispatch_uid="returns-outcome-recorded"
        )


def _outcome_recorded(sender, instance, **kwargs) -> None:
    """An outcome was recorded: its month's return exists from now on (services)."""
    from . import services

    services.ensure_month_of(instance.finalised_at)
