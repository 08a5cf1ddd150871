"""The admin site's view of monitoring. The platform's administrators are strangers to the organisations' records
(issue 12): here they see only what identifies nobody — numbers, statuses, dates, regions, who holds which role,
the log of reads — read-only, and never an encrypted field or its history. The thesauri are theirs to keep: a
term is added, renamed or retired here (or on the workspace's thesauri page), never deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.monitoring.models import (
    BlockedSite,
    Candidate,
    Case,
    Event,
    MonitoringRole,
    Person,
    PublishedEntry,
    PublishedEvent,
    ReadLog,
    Term,
)


class ReadOnly(admin.ModelAdmin):
    """Lists and opens rows; changes go through the workspace (services keep who and when). No history page: a
    historical row would show the sealed fields in the clear."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["code", "kind", "name_kk", "name_ru", "name_en", "reference_ru", "position", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    list_editable = ["position", "active"]

    def get_readonly_fields(self, request, obj=None):
        # The code is how records and the open data name a term: it does not change once the term exists.
        return ["kind", "code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MonitoringRole)
class MonitoringRoleAdmin(ReadOnly):
    list_display = ["user", "organisation", "role", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organisation__name_ru", "organisation__bin"]
    list_select_related = ["user", "organisation", "granted_by"]
    show_full_result_count = False


@admin.register(ReadLog)
class ReadLogAdmin(ReadOnly):
    list_display = ["at", "organisation", "user", "action", "record_type", "record_id", "what", "ip"]
    list_filter = ["action", "record_type"]
    list_select_related = ["organisation", "user"]
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(Event)
class EventAdmin(ReadOnly):
    fields = ["number", "organisation", "type", "date", "date_precision", "region", "status", "reliability"]
    list_display = fields
    list_filter = ["status", "type"]
    search_fields = ["number"]
    list_select_related = ["organisation", "type", "region"]
    show_full_result_count = False


@admin.register(Person)
class PersonAdmin(ReadOnly):
    fields = [
        "organisation",
        "sex",
        "occupation",
        "region",
        "consent_to_publish",
        "public_alias",
        "created_at",
    ]
    list_display = ["__str__", *fields]
    list_filter = ["occupation", "consent_to_publish"]
    list_select_related = ["organisation", "region"]
    show_full_result_count = False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    fields = ["organisation", "court", "strategic", "status", "outcome", "opened_on"]
    list_display = ["__str__", *fields]
    list_filter = ["status", "strategic", "outcome"]
    list_select_related = ["organisation"]
    show_full_result_count = False


@admin.register(Candidate)
class CandidateAdmin(ReadOnly):
    fields = ["organisation", "status", "situation", "ground", "listed_on", "created_at"]
    list_display = ["__str__", *fields]
    list_filter = ["status", "situation"]
    list_select_related = ["organisation"]
    show_full_result_count = False


@admin.register(BlockedSite)
class BlockedSiteAdmin(ReadOnly):
    fields = ["url", "organisation", "reported_on", "legal_basis", "status"]
    list_display = fields
    list_filter = ["status"]
    search_fields = ["url"]
    list_select_related = ["organisation"]
    show_full_result_count = False


@admin.register(PublishedEvent)
class PublishedEventAdmin(ReadOnly):
    list_display = ["number", "organisation", "type", "region", "date_shown", "published_at"]
    list_filter = ["type"]
    search_fields = ["number", "title"]
    list_select_related = ["organisation", "type", "region"]
    show_full_result_count = False


@admin.register(PublishedEntry)
class PublishedEntryAdmin(ReadOnly):
    list_display = ["shown_name", "organisation", "region", "situation", "listed_on", "published_at"]
    list_filter = ["situation"]
    list_select_related = ["organisation", "region"]
    show_full_result_count = False
