"""Admin for grants: grant types and their rules, calls and directions, the expert register, projects."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.grants.models import (
    AgendaItem,
    Application,
    Assignment,
    BudgetLine,
    Call,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    Criterion,
    Direction,
    Expert,
    GrantType,
    Indicator,
    Payment,
    Project,
    Report,
    Sitting,
    Tranche,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "grant_type", "weight", "max_score", "position"]
    list_filter = ["grant_type"]
    search_fields = ["name_ru", "name_kk", "name_en"]


@admin.register(GrantType)
class GrantTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name_ru", "instrument", "term", "min_amount", "max_amount", "limits_in_mrp", "two_stage",
                    "advance_percent"]
    list_filter = ["instrument", "term", "two_stage"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    inlines = [CriterionInline]


class DirectionInline(admin.StackedInline):
    model = Direction
    extra = 0
    autocomplete_fields = ["region"]


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["title_ru", "code", "grant_type", "customer", "opens_at", "closes_at", "published",
                    "results_published"]
    list_filter = ["grant_type", "published", "results_published", "customer"]
    search_fields = ["code", "title_ru", "title_kk", "title_en"]
    autocomplete_fields = ["customer", "operator"]
    date_hierarchy = "opens_at"
    inlines = [DirectionInline]

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "organisation", "call", "status", "final_score", "submitted_at"]
    list_filter = ["status", "language", "call"]
    search_fields = ["number", "title", "organisation__name_ru", "organisation__bin"]
    autocomplete_fields = ["organisation", "call", "direction"]
    list_select_related = ["organisation", "call"]
    readonly_fields = ["number", "submitted_at", "version", "final_score"]
    inlines = [BudgetLineInline, IndicatorInline]


@admin.register(Direction)
class DirectionAdmin(admin.ModelAdmin):
    list_display = ["title_ru", "call", "budget", "planned_grants", "region"]
    list_filter = ["call"]
    search_fields = ["title_ru", "title_kk", "call__code"]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["user", "active", "max_load"]
    list_filter = ["active", "areas"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["areas"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organisation", "relation", "declared_at"]
    list_filter = ["relation"]
    search_fields = ["person__email", "organisation__name_ru", "organisation__bin"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["application", "expert", "status", "is_extra", "assigned_at"]
    list_filter = ["status", "is_extra"]
    search_fields = ["application__number", "expert__user__email"]
    raw_id_fields = ["application", "expert", "draw"]


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    list_display = ["call", "quorum_share"]
    search_fields = ["call__code", "call__title_ru"]
    inlines = [CommissionMemberInline]


@admin.register(Sitting)
class SittingAdmin(SimpleHistoryAdmin):
    list_display = ["commission", "starts_at", "closed_at"]
    search_fields = ["commission__call__code"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["application", "sitting", "rank", "recommendation", "decision", "amount"]
    list_filter = ["decision", "recommendation"]
    raw_id_fields = ["application", "sitting"]


class TrancheInline(admin.TabularInline):
    model = Tranche
    extra = 0
    readonly_fields = ["released_by_report"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["agreement_number", "application", "amount", "signed_on", "starts_on", "ends_on"]
    search_fields = ["agreement_number", "application__number", "application__organisation__name_ru"]
    raw_id_fields = ["application"]
    inlines = [TrancheInline]


@admin.register(Payment)
class PaymentAdmin(SimpleHistoryAdmin):
    list_display = ["tranche", "amount", "paid_on", "recorded_by"]
    search_fields = ["tranche__project__agreement_number"]
    raw_id_fields = ["tranche"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["project", "kind", "due_on", "status", "simplified"]
    list_filter = ["kind", "status", "simplified"]
    search_fields = ["project__agreement_number"]
    raw_id_fields = ["project"]
