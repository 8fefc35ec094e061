from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fraudcase.reports"
    label = "reports"
    verbose_name = "Reports"
