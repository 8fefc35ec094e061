from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fraudcase.accounts"
    label = "accounts"
    verbose_name = "Users and teams"

    def ready(self) -> None:
        from . import signals  # noqa: F401
