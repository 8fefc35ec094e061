from django.contrib import admin

from .models import OverConnected, StopListEntry


@admin.register(StopListEntry)
class StopListEntryAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "reason", "added_at", "added_by")
    list_filter = ("kind",)
    search_fields = ("value", "reason")
    readonly_fields = ("added_at", "added_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OverConnected)
class OverConnectedAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "reports", "review", "reviewed_by", "reviewed_at")
    list_filter = ("review", "kind")
    search_fields = ("value",)
    readonly_fields = ("kind", "value", "reports", "found_at", "reviewed_at", "reviewed_by")
