from django.apps import AppConfig


class CasefileConfig(AppConfig):
    name = "fraudcase.casefile"
    label = "casefile"
    verbose_name = "The file for the CPS"

    def ready(self) -> None:
        from fraudcase.investigation import nominals
        from fraudcase.reports import services as report_services

        from .services import erase, suspect_named_in_file

        # A report's erasure (DPA 2018 s.47) reaches this app's records too.
        report_services.on_erasure(erase)
        # A suspect the file names (interviewed, charged, at court) is not taken off the report.
        nominals.keep_while(suspect_named_in_file)
