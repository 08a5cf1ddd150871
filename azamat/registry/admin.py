"""Admin for reference data and the registry: search, filters, history, and the import upload."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.core.admin import BumpsTopics
from azamat.registry.admin_import import OrganisationImportAdminMixin
from azamat.registry.models import (
    ActivityArea,
    AllianceMembership,
    FoundingDocument,
    GovernmentBody,
    Membership,
    Organisation,
    Region,
)

# Reference data edited here shows in the filters' choices (topic "reference") and on the registry's pages.
REFERENCE_TOPICS = ("reference", "registry")


@admin.register(Region)
class RegionAdmin(BumpsTopics, SimpleHistoryAdmin):
    public_topics = REFERENCE_TOPICS
    list_display = ["kato", "name_kk", "name_ru", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["kato", "name_kk", "name_ru", "name_en"]


@admin.register(ActivityArea)
class ActivityAreaAdmin(BumpsTopics, SimpleHistoryAdmin):
    public_topics = REFERENCE_TOPICS
    list_display = ["code", "name_kk", "name_ru", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(GovernmentBody)
class GovernmentBodyAdmin(BumpsTopics, SimpleHistoryAdmin):
    public_topics = REFERENCE_TOPICS
    list_display = ["name_ru", "kind", "level", "region", "parent"]
    list_filter = ["kind", "level", "region"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["parent"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["user"]
    # Joining is decided by the organisation's administrators through the registry's services.
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]


class AllianceMemberInline(admin.TabularInline):
    model = AllianceMembership
    fk_name = "alliance"
    extra = 0
    autocomplete_fields = ["member"]
    verbose_name_plural = AllianceMembership._meta.verbose_name_plural


@admin.register(Organisation)
class OrganisationAdmin(OrganisationImportAdminMixin, SimpleHistoryAdmin):
    list_display = ["name_ru", "bin", "legal_form", "region", "registered_on", "is_alliance"]
    list_filter = ["legal_form", "region", "areas", "is_alliance"]
    search_fields = ["bin", "name_kk", "name_ru", "short_name"]
    autocomplete_fields = ["areas"]
    date_hierarchy = "registered_on"
    list_select_related = ["region"]
    inlines = [MembershipInline, AllianceMemberInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__full_name", "organisation__name_ru", "organisation__bin"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]


@admin.register(AllianceMembership)
class AllianceMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["member", "alliance", "kind", "joined_on"]
    list_filter = ["kind", "alliance"]
    search_fields = ["member__name_ru", "member__bin", "alliance__name_ru"]
    autocomplete_fields = ["member", "alliance"]


@admin.register(FoundingDocument)
class FoundingDocumentAdmin(SimpleHistoryAdmin):
    """Read only: a founding document is uploaded, replaced and shown publicly from the organisation's documents
    page, through the service that checks the file; its file is downloaded there, after the permission check."""

    list_display = ["organisation", "kind", "original_name", "dated", "current", "public", "uploaded_at"]
    list_filter = ["kind", "current", "public"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name_ru", "organisation__name_kk", "organisation__bin", "original_name"]
    exclude = ["file"]  # its media address is not served: the file is private

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
