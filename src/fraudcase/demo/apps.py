from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for a new installation: the top of the dependency order, it may use every app."""

    name = "fraudcase.demo"
    label = "demo"
    verbose_name = "Demo data"
