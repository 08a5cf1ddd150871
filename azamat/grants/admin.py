"""Admin for grants: grant types and their rules, calls and directions, the expert register, projects.

Statuses, numbers and the dates transitions set are read-only here: they change only through the services
the pages use, and the admin's actions call those same services, so their rules hold in the admin too.
"""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from azamat.core.admin import BumpsTopics
from azamat.core.errors import DomainError
from azamat.grants.lifecycle import commission_path
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
from azamat.grants.services.calls import call_close, call_publish
from azamat.grants.services.commission import member_affiliation_problem
from azamat.grants.services.results import call_results_publish


def _run_service(modeladmin, request, queryset, service, done_message) -> None:
    """Call a service for each selected object; one it refuses is left as it was, with the reason shown."""
    done = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                service(obj, request.user)
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.message}", level=messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), level=messages.SUCCESS)


class RefreshesDashboard(BumpsTopics):
    """An admin whose saves change what the public dashboard counts: its cached figures are computed afresh.
    (The services bump the topic themselves; the admin edits these records without them.)"""

    public_topics = ("dashboard",)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name_ru", "grant_type", "weight", "max_score", "position"]
    list_filter = ["grant_type"]
    search_fields = ["name_ru", "name_kk", "name_en"]


@admin.register(GrantType)
class GrantTypeAdmin(BumpsTopics, SimpleHistoryAdmin):
    public_topics = ("reference",)  # its rules and name on the calls' pages and in their filter
    list_display = [
        "name_ru",
        "instrument",
        "term",
        "min_amount",
        "max_amount",
        "limits_in_mrp",
        "two_stage",
        "advance_percent",
    ]
    list_filter = ["instrument", "term", "two_stage"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    inlines = [CriterionInline]


class DirectionInline(admin.StackedInline):
    model = Direction
    extra = 0
    autocomplete_fields = ["region"]


@admin.register(Call)
class CallAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = [
        "title_ru",
        "code",
        "grant_type",
        "customer",
        "opens_at",
        "closes_at",
        "published",
        "results_published",
    ]
    list_filter = ["grant_type", "published", "results_published", "customer"]
    search_fields = ["code", "title_ru", "title_kk", "title_en"]
    autocomplete_fields = ["customer", "operator"]
    date_hierarchy = "opens_at"
    inlines = [DirectionInline]
    # Publication keeps its ten-working-day discussion rule only if it happens through call_publish.
    readonly_fields = ["published", "results_published", "created_by", "created_at"]
    actions = ["publish", "publish_results", "close"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.published:
            # Fixed at publication: the phase follows these dates, and a published call moves on only through
            # the lifecycle (grants/lifecycle.py CALL: the "close" action, publishing the results).
            fields += ["discussion_until", "opens_at", "closes_at"]
        return fields

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected calls"))
    def publish(self, request, queryset):
        _run_service(
            self,
            request,
            queryset,
            lambda call, by: call_publish(call=call, by=by),
            lambda n: ngettext("%(count)d call published.", "%(count)d calls published.", n) % {"count": n},
        )

    @admin.action(description=_("Publish the results of the selected calls"))
    def publish_results(self, request, queryset):
        _run_service(
            self,
            request,
            queryset,
            lambda call, by: call_results_publish(call=call, by=by),
            lambda n: (
                ngettext("Results of %(count)d call published.", "Results of %(count)d calls published.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Close the selected calls now"))
    def close(self, request, queryset):
        _run_service(
            self,
            request,
            queryset,
            lambda call, by: call_close(call=call, by=by),
            lambda n: ngettext("%(count)d call closed.", "%(count)d calls closed.", n) % {"count": n},
        )


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Application)
class ApplicationAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = ["number", "title", "organisation", "call", "status", "final_score", "submitted_at"]
    list_filter = ["status", "language", "call"]
    search_fields = ["number", "title", "organisation__name_ru", "organisation__bin"]
    autocomplete_fields = ["organisation", "call", "direction"]
    list_select_related = ["organisation", "call"]
    readonly_fields = ["number", "status", "submitted_at", "version", "final_score", "created_by"]
    inlines = [BudgetLineInline, IndicatorInline]


@admin.register(Direction)
class DirectionAdmin(RefreshesDashboard, SimpleHistoryAdmin):
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
    raw_id_fields = ["application", "expert"]
    # Drawn, scored and recused only through the assignment and scoring services.
    readonly_fields = [
        "draw",
        "status",
        "is_extra",
        "recusal_reason",
        "replaces",
        "replaced_by_operator",
        "assigned_at",
        "submitted_at",
    ]

    def has_add_permission(self, request):
        return False  # experts are drawn, with their conflicts checked, by the assignment service


class CommissionMemberForm(forms.ModelForm):
    """A seat as the composition page gives it: the person's accounts must show the side they sit for
    (`services.commission.member_affiliation_problem`)."""

    def __init__(self, *args, commission: Commission | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commission = commission

    def clean(self):
        cleaned = super().clean()
        user, side, commission = cleaned.get("user"), cleaned.get("side"), self.commission
        if (
            user is None
            or not side
            or cleaned.get("DELETE")
            or commission is None
            or commission.call_id is None
        ):
            return cleaned  # the missing field, or the commission's own form, says what is wrong
        if self.instance.pk and not {"user", "side"} & set(self.changed_data):
            return cleaned  # a seat as it was: checked when it was given
        problem = member_affiliation_problem(commission=commission, user=user, side=side)
        if problem:
            self.add_error("side", problem)
        return cleaned


class CommissionMemberFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        # The commission being edited (not saved yet when it is being added): whose call the seats are for.
        return {**super().get_form_kwargs(index), "commission": self.instance}


class CommissionMemberInline(admin.TabularInline):
    model = CommissionMember
    form = CommissionMemberForm
    formset = CommissionMemberFormSet
    extra = 0
    autocomplete_fields = ["user"]


class CommissionForm(forms.ModelForm):
    def clean_call(self):
        call = self.cleaned_data["call"]
        if call is not None and "call" in self.changed_data:
            decision = commission_path(call, None)  # a one-stage call is decided by the operator
            if not decision:
                raise forms.ValidationError(decision.reason)
        return call


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    form = CommissionForm
    list_display = ["call", "quorum_share"]
    search_fields = ["call__code", "call__title_ru"]
    readonly_fields = ["secretary"]  # appointed on the composition page, which checks they are not a member
    inlines = [CommissionMemberInline]


@admin.register(Sitting)
class SittingAdmin(SimpleHistoryAdmin):
    list_display = ["commission", "starts_at", "closed_at"]
    search_fields = ["commission__call__code"]
    # Attendance, closing and the protocol are recorded at the sitting, through the commission's services.
    readonly_fields = ["present", "closed_at", "protocol", "protocol_number"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.closed_at is not None:
            fields.append("starts_at")  # the protocol records when the sitting took place
        return fields


@admin.register(AgendaItem)
class AgendaItemAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = ["application", "sitting", "rank", "recommendation", "decision", "amount"]
    list_filter = ["decision", "recommendation"]
    raw_id_fields = ["application", "sitting"]
    # The ranking and recommendation are computed, the decision is the members' vote.
    readonly_fields = ["rank", "recommendation", "decision", "amount", "reduction_reason", "recused"]

    def has_add_permission(self, request):
        return False  # the agenda is built from the ranking by the commission's services


class TrancheInline(admin.TabularInline):
    model = Tranche
    extra = 0
    readonly_fields = ["due_on", "released_by_report"]  # set when the tranche is released


@admin.register(Project)
class ProjectAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = ["agreement_number", "application", "amount", "signed_on", "starts_on", "ends_on"]
    search_fields = ["agreement_number", "application__number", "application__organisation__name_ru"]
    raw_id_fields = ["application"]
    readonly_fields = ["agreement_number"]  # numbered by project_create
    inlines = [TrancheInline]

    def has_add_permission(self, request):
        return False  # a project is signed on its page: project_create numbers it and schedules its tranches


@admin.register(Payment)
class PaymentAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = ["tranche", "amount", "paid_on", "recorded_by"]
    search_fields = ["tranche__project__agreement_number"]
    raw_id_fields = ["tranche"]

    # Payments are recorded on the project's page by payment_record, which keeps them within the tranche
    # and the agreement; here they can only be read.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(RefreshesDashboard, SimpleHistoryAdmin):
    list_display = ["project", "kind", "due_on", "status", "simplified"]
    list_filter = ["kind", "status", "simplified"]
    search_fields = ["project__agreement_number"]
    raw_id_fields = ["project"]
    # Submitted, sent back and approved only through the reports' services.
    readonly_fields = ["status", "reviewer_comment", "submitted_at", "approved_at"]
