from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "fraudcase.audit"
    label = "audit"
    verbose_name = "Audit log"
