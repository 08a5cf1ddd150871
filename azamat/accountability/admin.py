"""The admin: deadline rules are edited here; items are read, their facts changed only through the services
(the item's page), so that every answer, extension and dispute keeps its who and when."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.accountability.models import (
    Check,
    CheckMember,
    CheckRecommendation,
    DeadlineRule,
    Dispute,
    Evidence,
    Extension,
    Follow,
    Item,
    ItemAttachment,
    Milestone,
)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ru", "answer_days", "working_days", "long_overdue_days", "extension_months"]


class ReadOnly(SimpleHistoryAdmin):
    """Shown, never written here: the facts of an item change through its page's steps."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    can_delete = False
    readonly_fields = ["title", "due_on", "done_on"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(ReadOnly):
    list_display = ["number", "title", "kind", "body", "sent_on", "due_on", "outcome", "answered_on"]
    list_filter = ["kind", "rule", "outcome", "is_public"]
    search_fields = ["number", "title", "body__name_ru", "body__name_kk"]
    date_hierarchy = "sent_on"
    list_select_related = ["body"]
    raw_id_fields = ["parent", "author", "organisation"]
    inlines = [MilestoneInline]


for model in (ItemAttachment, Extension, Milestone, Evidence, Dispute):
    admin.site.register(model, ReadOnly)


@admin.register(Follow)
class FollowAdmin(SimpleHistoryAdmin):
    list_display = ["user", "body", "region", "item", "created_at"]
    raw_id_fields = ["user", "item"]


class CheckMemberInline(admin.TabularInline):
    model = CheckMember
    extra = 0


@admin.register(Check)
class CheckAdmin(SimpleHistoryAdmin):
    """A public-control check: its completion, its sent recommendations and its document change through the
    check's pages (the services), so they are read-only here."""

    list_display = ["subject", "body", "method", "starts_on", "ends_on", "completed_on"]
    list_filter = ["method"]
    search_fields = ["subject"]
    readonly_fields = [
        "completed_on",
        "recommendations_sent_on",
        "document",
        "document_name",
        "document_type",
        "document_size",
    ]
    inlines = [CheckMemberInline]


admin.site.register(CheckRecommendation, ReadOnly)
