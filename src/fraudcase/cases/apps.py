from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fraudcase.cases"
    label = "cases"
    verbose_name = "Cases"
