from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "fraudcase.victims"
    label = "victims"
    verbose_name = "Victim vulnerability"
