"""Admin for public councils: composition rules per level, councils, secretaries, members, meetings and their
records. Publication and cancellation dates are read-only: they change through the services, as on the pages;
members are never deleted here (a member leaves with a date)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.councils.models import (
    AgendaItem,
    Attendance,
    Committee,
    CompositionRule,
    Council,
    CouncilSecretary,
    Decision,
    Document,
    Meeting,
    Member,
)


@admin.register(CompositionRule)
class CompositionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["level", "min_members", "max_members", "state_share_numerator", "state_share_denominator"]


class SecretaryInline(admin.TabularInline):
    model = CouncilSecretary
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["appointed_at", "appointed_by"]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name_ru", "level", "body", "region", "term_starts_on", "term_ends_on", "published_at"]
    list_filter = ["level", "region"]
    search_fields = ["name_ru", "name_kk", "name_en"]
    readonly_fields = ["published_at", "published_by"]
    autocomplete_fields = ["body"]
    inlines = [SecretaryInline]


@admin.register(CouncilSecretary)
class CouncilSecretaryAdmin(SimpleHistoryAdmin):
    list_display = ["user", "council", "appointed_at"]
    autocomplete_fields = ["user", "council"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name_kk", "name_ru", "council"]
    search_fields = ["name_kk", "name_ru", "name_en"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "council", "role", "represents", "joined_on", "left_on"]
    list_filter = ["role", "represents"]
    search_fields = ["full_name"]
    autocomplete_fields = ["council", "user", "organisation", "state_body"]

    def has_delete_permission(self, request, obj=None):
        return False


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["council", "starts_at", "place", "minutes_published_at", "cancelled_at"]
    readonly_fields = [
        "minutes_published_at",
        "minutes_published_by",
        "cancelled_at",
        "cancelled_by",
        "cancel_reason",
    ]
    inlines = [AgendaInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["member", "meeting", "status"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "kind", "due_on"]
    list_filter = ["kind"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "council", "kind", "is_public", "uploaded_at"]
    readonly_fields = ["file", "original_name", "size", "uploaded_by"]


from azamat.councils import kpi_admin  # noqa: E402,F401
