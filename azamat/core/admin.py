from django.contrib import admin

from azamat.core.models import MonthlyIndex


@admin.register(MonthlyIndex)
class MonthlyIndexAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount"]
