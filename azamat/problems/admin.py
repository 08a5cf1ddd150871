"""The register in the admin: the eight areas (a managed taxonomy) and the problems, read with their parts.
Changes of a problem's state go through the working group's pages (services), not here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.problems.models import Area, Endorsement, Evidence, LegalAct, Problem, Recommendation


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en", "position"]
    ordering = ["position"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "text", "figure", "url", "organisation"]
    raw_id_fields = ["organisation"]


class LegalActInline(admin.TabularInline):
    model = LegalAct
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["text", "body", "position"]
    raw_id_fields = ["body"]


class EndorsementInline(admin.TabularInline):
    model = Endorsement
    extra = 0
    fields = ["organisation", "case", "at"]
    readonly_fields = ["at"]
    raw_id_fields = ["organisation"]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "area", "status", "created_at"]
    list_filter = ["status", "area"]
    search_fields = ["number", "title"]
    readonly_fields = ["number", "status", "merged_into", "proposed_by", "created_at", "updated_at"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["regions", "activity_areas"]
    inlines = [EvidenceInline, LegalActInline, RecommendationInline, EndorsementInline]
