from django.apps import AppConfig


class CasefileConfig(AppConfig):
    name = "fraudcase.casefile"
    label = "casefile"
    verbose_name = "The file for the CPS"

    def ready(self) -> None:
        from fraudcase.reports import services as report_services

        from .services import erase

        # A report's erasure (DPA 2018 s.47) reaches this app's records too.
        report_services.on_erasure(erase)
