"""The admin: surveys, their teams and the export audit are read here; changes go through the workspace's pages
(services), so that every change keeps its who and when. Responses and invitations are not here at all: raw
answers and respondents' addresses are for the survey's team only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.surveys.models import ExportJob, Survey, SurveyMember


class ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MemberInline(admin.TabularInline):
    model = SurveyMember
    extra = 0
    can_delete = False
    fields = ["user", "role", "added_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnly):
    list_display = ["title", "purpose", "status", "organisation", "council", "body", "created_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["title"]
    list_select_related = ["organisation", "council", "body"]
    exclude = ["report_token"]
    inlines = [MemberInline]
    show_full_result_count = False


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnly):
    list_display = [
        "survey",
        "requested_by",
        "format",
        "status",
        "include_personal",
        "rows_total",
        "created_at",
    ]
    list_filter = ["status", "format", "include_personal"]
    list_select_related = ["survey", "requested_by"]
    exclude = ["file_path"]
    show_full_result_count = False
