from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fraudcase.intake"
    label = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from fraudcase.jobs import registry as jobs
        from fraudcase.jobs.models import JobKind
        from fraudcase.reports import services as report_services

        from . import importing, services

        report_services.on_erasure(services.erase_call_for_service)
        jobs.register(JobKind.NFIB_PACKAGE, importing.run_import_job)
