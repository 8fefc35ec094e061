from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from .models import ApiToken, SignInFailure, Team, User


@admin.register(User)
class FraudcaseUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "clearance", "is_active")
    list_filter = ("role", "clearance", "teams", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Fraudcase", {"fields": ("role", "clearance", "teams")}),
        ("Contact details on letters", {"fields": ("collar_number", "phone")}),
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
    list_display = ("name", "user", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = ("digest", "created_at", "last_used_at")
    actions = ["revoke"]

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    def has_add_permission(self, request) -> bool:
        # Tokens are issued with `fraudcase accounts token USER NAME`, which shows the secret once.
        return False


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    """Recent failed sign-ins; deleting a user's rows lets them (or that address) in again."""

    list_display = ("at", "username", "address")
    list_filter = ("address",)
    search_fields = ("username", "address")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
