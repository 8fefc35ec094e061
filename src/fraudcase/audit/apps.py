from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _make_lanes(sender, using, **kwargs) -> None:
    """After `migrate` (and the tests' flush), every configured lane has its head."""
    from django.db import connections

    from . import services
    from .models import AuditHead

    if AuditHead._meta.db_table in connections[using].introspection.table_names():
        services.make_lanes(using=using)


class AuditConfig(AppConfig):
    name = "fraudcase.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        post_migrate.connect(_make_lanes, sender=self)
