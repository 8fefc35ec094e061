from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "fraudcase.finance"
    label = "finance"
    verbose_name = "Financial investigation"

    def ready(self) -> None:
        from fraudcase.audit import services as audit
        from fraudcase.cases import clocks

        from . import services

        # A DAML notice period or moratorium ending is on the Deadlines page, the home page and
        # /api/v1/deadlines for those who may see the SAR (docs/architecture.md "How a lower
        # app reaches a higher one").
        clocks.register(services.DAML_CLOCK)
        # Audit entries about SARs are hidden from anyone who may not see the SAR.
        audit.hide_from_viewers(services.hidden_audit)
