"""The admin of the reference tables: the МРП by date and the working days government decrees move."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.core import working_days
from azamat.core.models import MonthlyIndex, WorkingDayTransfer


@admin.register(MonthlyIndex)
class MonthlyIndexAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "amount"]


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
