"""The admin of the reference tables: the МРП by date and the working days government decrees move."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.core import working_days
from azamat.core.models import MonthlyIndex, WorkingDayTransfer
from azamat.core.public_cache import topics_bump


class BumpsTopics:
    """An admin whose saves change what public pages show: each save or deletion, here or in its inlines,
    moves the topics in `public_topics` (core/public_cache.py), as the services do for their own changes, so
    the cached pages and the values kept under those topics are rendered afresh."""

    public_topics: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        topics_bump(*self.public_topics)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        topics_bump(*self.public_topics)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        topics_bump(*self.public_topics)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        topics_bump(*self.public_topics)


@admin.register(MonthlyIndex)
class MonthlyIndexAdmin(BumpsTopics, SimpleHistoryAdmin):
    list_display = ["valid_from", "amount"]
    public_topics = ("reference",)  # "Delete selected" deletes past the model's delete()


@admin.register(WorkingDayTransfer)
class WorkingDayTransferAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_working", "decree", "note"]
    list_filter = ["is_working"]
    search_fields = ["decree", "note"]
    date_hierarchy = "date"

    def delete_queryset(self, request, queryset):
        # "Delete selected" deletes in bulk, past the model's delete(): forget the cached transfers here too.
        super().delete_queryset(request, queryset)
        working_days.transfers_changed()
