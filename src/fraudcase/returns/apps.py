from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "fraudcase.returns"
    label = "returns"
    verbose_name = "NFIB returns"
