from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "fraudcase.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
