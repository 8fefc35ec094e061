from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Team, User


@admin.register(User)
class FraudcaseUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "clearance", "is_active")
    list_filter = ("role", "clearance", "teams", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Fraudcase", {"fields": ("role", "clearance", "teams", "locked_until")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Fraudcase", {"fields": ("role", "clearance", "teams")}),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        # Tokens are issued with `fraudcase accounts token USER NAME`, which shows the secret once.
        return False
