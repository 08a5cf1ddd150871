"""Admin for people and their platform roles: search, filters, history."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from azamat.accounts.models import PlatformRole, User
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
    readonly_fields = ["created_at", "decided_at", "decided_by"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "platform_roles__role"]
    search_fields = ["email", "full_name", "phone"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [PlatformRoleInline, MembershipInline]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, PlatformRole) and not instance.granted_by_id:
                instance.granted_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(PlatformRole)
class PlatformRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "body", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "body__name_ru", "body__name_kk"]
    autocomplete_fields = ["user", "body"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not obj.granted_by_id:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
