"""Admin of members' KPIs, candidates and proposed recommendations (registered when `admin.py` imports this
module). The criteria templates are the administrator's to weigh; publication and freeze dates are read-only: they
change through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from azamat.councils.candidate_models import Candidate, CandidateEntry, CandidateList, Relation
from azamat.councils.kpi_models import AssessmentPeriod, Criterion, PeriodAssessor, Score
from azamat.councils.proposal_models import Proposal


@admin.register(AssessmentPeriod)
class AssessmentPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "council", "starts_on", "ends_on", "published_at"]
    readonly_fields = ["published_at", "published_by"]
    autocomplete_fields = ["council"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ru", "period", "source", "weight", "scale_min", "scale_max", "position"]
    list_filter = ["source"]


@admin.register(PeriodAssessor)
class PeriodAssessorAdmin(SimpleHistoryAdmin):
    list_display = ["user", "period", "designated_at"]
    autocomplete_fields = ["user"]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ["member", "criterion", "assessor", "value", "scored_at"]
    readonly_fields = ["scored_at"]


@admin.register(CandidateList)
class CandidateListAdmin(SimpleHistoryAdmin):
    list_display = ["council", "kind", "opened_at", "frozen_on"]
    readonly_fields = ["frozen_on", "frozen_at", "frozen_by"]
    autocomplete_fields = ["council"]


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "candidate_list", "represents", "declared_at"]
    readonly_fields = ["declared_at"]


@admin.register(Relation)
class RelationAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "kind", "relation", "official_name", "official_position"]


@admin.register(CandidateEntry)
class CandidateEntryAdmin(SimpleHistoryAdmin):
    list_display = ["candidate_list", "position", "full_name", "eligible"]

    def has_change_permission(self, request, obj=None):
        return False  # what the frozen list holds stays as it was frozen


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    """A member's proposal; its status, agenda item and reason change only through the secretary's steps."""

    list_display = ["title", "council", "member", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "agenda_item", "reason", "created_by"]
    autocomplete_fields = ["council"]
    raw_id_fields = ["member", "body"]
