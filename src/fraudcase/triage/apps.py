from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "fraudcase.triage"
    label = "triage"
    verbose_name = "Triage"
