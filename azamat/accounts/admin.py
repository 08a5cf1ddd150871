"""Admin for people and their platform roles: search, filters, history; roles go through the role service."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from azamat.accounts.models import PlatformRole, User
from azamat.accounts.services import platform_role_revoke, platform_role_save
from azamat.registry.models import Membership


class PlatformRoleInline(admin.TabularInline):
    model = PlatformRole
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["body"]
    readonly_fields = ["granted_by", "granted_at"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    # Joining is decided by the organisation's administrators through the registry's services.
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "platform_roles__role"]
    search_fields = ["email", "full_name", "phone"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone"]}),
        # Rights come from platform roles (below), not Django's groups, so they are granted in one place.
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    inlines = [PlatformRoleInline, MembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not PlatformRole:
            return super().save_formset(request, form, formset, change)
        # The role service, not a bare save: a platform administrator must become staff (and stop being).
        for grant in formset.save(commit=False):
            platform_role_save(grant=grant, by=request.user)
        for grant in formset.deleted_objects:
            platform_role_revoke(grant=grant, by=request.user)


@admin.register(PlatformRole)
class PlatformRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "body", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "body__name_ru", "body__name_kk"]
    autocomplete_fields = ["user", "body"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        platform_role_save(grant=obj, by=request.user)

    def delete_model(self, request, obj):
        platform_role_revoke(grant=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for grant in queryset.select_related("user"):
            platform_role_revoke(grant=grant, by=request.user)
