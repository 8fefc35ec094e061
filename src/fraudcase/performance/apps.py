from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "fraudcase.performance"
    label = "performance"
    verbose_name = "Performance"
