from django.apps import AppConfig


class CasefileConfig(AppConfig):
    name = "fraudcase.casefile"
    label = "casefile"
    verbose_name = "The file for the CPS"
