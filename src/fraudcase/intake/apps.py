from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fraudcase.intake"
    label = "intake"
    verbose_name = "Intake and reports"
