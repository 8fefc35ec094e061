from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    name = "fraudcase.investigation"
    label = "investigation"
    verbose_name = "Investigation file"
