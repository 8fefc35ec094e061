from django.apps import AppConfig


class StreamsConfig(AppConfig):
    name = "fraudcase.streams"
    label = "streams"
    verbose_name = "Other demand streams"
