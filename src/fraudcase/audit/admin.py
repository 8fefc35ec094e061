from django.contrib import admin

from . import services
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ("at", "actor_name", "action", "object_type", "object_ref", "summary", "lane")
    list_filter = ("action", "object_type")
    search_fields = ("object_ref", "actor_name")

    def get_queryset(self, request):
        # Entries about need-to-know records (SARs) only for those who may see them.
        return services.visible_events(request.user, super().get_queryset(request))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
