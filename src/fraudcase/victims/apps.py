from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "fraudcase.victims"
    label = "victims"
    verbose_name = "Victim vulnerability"

    def ready(self) -> None:
        from fraudcase.jobs import registry as jobs
        from fraudcase.jobs.models import JobKind

        from . import services

        jobs.register(JobKind.VICTIM_LIST, services.run_import_job)
