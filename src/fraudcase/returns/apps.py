from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReturnsConfig(AppConfig):
    name = "fraudcase.returns"
    label = "returns"
    verbose_name = "NFIB returns"

    def ready(self) -> None:
        from fraudcase.cases import clocks
        from fraudcase.cases.models import Finalisation
        from fraudcase.reports.models import NFRCNumber
        from fraudcase.reports.services import on_erasure
        from fraudcase.reports.signals import nfrcs_added

        from . import clock, services

        clocks.register(clock.KIND)
        on_erasure(services.keep_erased_nfrcs)
        post_save.connect(
            _outcome_recorded, sender=Finalisation, dispatch_uid="returns-outcome-recorded"
        )
        post_delete.connect(
            _outcome_removed, sender=Finalisation, dispatch_uid="returns-outcome-removed"
        )
        post_save.connect(_number_added, sender=NFRCNumber, dispatch_uid="returns-number-added")
        nfrcs_added.connect(_numbers_added, dispatch_uid="returns-numbers-added")


# Each keeps the stored reconciliation state of the NFRC numbers concerned up to date
# (services.restate): nothing can fall out of the gap list.


def _outcome_recorded(sender, instance, **kwargs) -> None:
    """An outcome was recorded or changed: its month's return exists from now on, and the
    report's numbers are restated."""
    from . import services

    services.ensure_month_of(instance.finalised_at)
    services.restate_reports([instance.report_id])


def _outcome_removed(sender, instance, **kwargs) -> None:
    from . import services

    services.restate_reports([instance.report_id])


def _number_added(sender, instance, **kwargs) -> None:
    """A number was given to a report (a call for service double-keyed to NFIB)."""
    from fraudcase.reports.models import NFRCNumber

    from . import services

    services.restate(NFRCNumber.objects.filter(pk=instance.pk))


def _numbers_added(sender, report_ids, **kwargs) -> None:
    """Numbers were added in bulk to reports already held (an NFIB import)."""
    from . import services

    services.restate_reports(report_ids)
