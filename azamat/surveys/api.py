"""Surveys' API, read-only: the surveys (the public ones — listed or with public results — and, for their team, its
own), a survey's responses (the team only; paged; filtered like the analysis; never a personal answer), and the
aggregates (a question's frequencies, a crosstab) with the same visibility as the results page (public, by its
link's token `t`, or the team). `azamat/api/urls.py` registers `ROUTES`."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response as ApiResponse

from azamat.api.schema import ErrorSerializer
from azamat.surveys import analysis, decimals
from azamat.surveys import definition as form
from azamat.surveys.analysis_forms import FiltersForm
from azamat.surveys.models import Response, Survey
from azamat.surveys.permissions import can_view_report, can_view_responses, team_roles


class SurveySerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(help_text=gettext_lazy("The organisation, council or body"))
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The results page"))

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "description",
            "purpose",
            "status",
            "results",
            "opens_at",
            "closes_at",
            "owner",
            "url",
        ]

    def get_owner(self, survey) -> str:
        return str(survey.owner)

    def get_url(self, survey) -> str:
        request = self.context.get("request")
        path = reverse("surveys:report", args=[survey.pk])
        return request.build_absolute_uri(path) if request else path


class ResponseSerializer(serializers.ModelSerializer):
    answers = serializers.SerializerMethodField(help_text=gettext_lazy("The answers; never a personal one"))
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Response
        fields = [
            "id",
            "version",
            "status",
            "review",
            "mode",
            "language",
            "region_code",
            "started_at",
            "completed_at",
            "duration_seconds",
            "too_fast",
            "straightlining",
            "duplicate",
            "weight",
            "answers",
        ]

    def get_answers(self, response) -> dict:
        personal = self.context.get("personal_names", set())
        # A decimal answer is its exact text ("1234.50"), those stored as numbers before too.
        answers = decimals.texts(response.data or {}, self.context.get("decimal_names", set()))
        return {key: value for key, value in answers.items() if key not in personal}


FREQUENCY_ROWS = inline_serializer(
    "SurveyFrequencyRow",
    many=True,
    fields={
        "value": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.FloatField(),
        "share": serializers.FloatField(),
        "ci_low": serializers.FloatField(),
        "ci_high": serializers.FloatField(),
    },
)
FREQUENCIES = inline_serializer(
    "SurveyFrequencies",
    {
        "question": serializers.CharField(),
        "type": serializers.CharField(),
        "weighted": serializers.BooleanField(),
        "n": serializers.FloatField(),
        "effective_n": serializers.FloatField(),
        "missing": serializers.IntegerField(),
        "rows": FREQUENCY_ROWS,
    },
)
CROSSTAB = inline_serializer(
    "SurveyCrosstab",
    {
        "row": serializers.CharField(),
        "column": serializers.CharField(),
        "weighted": serializers.BooleanField(),
        "rows": serializers.ListField(child=serializers.DictField()),
        "columns": serializers.ListField(child=serializers.DictField()),
        "counts": serializers.ListField(child=serializers.ListField(child=serializers.FloatField())),
        "row_totals": serializers.ListField(child=serializers.FloatField()),
        "column_totals": serializers.ListField(child=serializers.FloatField()),
        "total": serializers.FloatField(),
        "chi2": serializers.FloatField(allow_null=True),
        "df": serializers.IntegerField(),
        "p_value": serializers.FloatField(allow_null=True),
        "warning": serializers.CharField(),
    },
)
FILTER_PARAMETERS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Completed on or after (YYYY-MM-DD)"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Completed on or before (YYYY-MM-DD)"),
    OpenApiParameter(
        "region_code", {"type": "string", "pattern": r"^\d{1,9}$"}, description="KATO code prefix"
    ),
    OpenApiParameter("quota", OpenApiTypes.INT, description="A quota's id: its cell's responses"),
    OpenApiParameter("status", {"type": "string", "enum": list(Response.Status.values)}),
    OpenApiParameter(
        "review", {"type": "string", "enum": ["", "approved", "unreviewed", "on_hold", "rejected", "all"]}
    ),
    OpenApiParameter("interviewer", OpenApiTypes.INT, description="An interviewer's user id"),
]
# A question's name as XLSForm allows it (surveys.xlsform.NAME); the link's token is URL-safe base64.
QUESTION = {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_.\-]*$"}
TOKEN = OpenApiParameter(
    "t",
    {"type": "string", "pattern": r"^[A-Za-z0-9_\-]*$"},
    description="The results link's token, for results shared by link",
)
WEIGHTED = OpenApiParameter("weighted", {"type": "string", "enum": ["0", "1"]}, description="1: weighted")
DENIED = {403: ErrorSerializer}


def _filters(request) -> analysis.Filters:
    filters_form = FiltersForm(request.query_params)
    if not filters_form.is_valid():
        raise ValidationError(filters_form.errors)
    return filters_form.filters()


def _weighted(request) -> bool:
    value = request.query_params.get("weighted", "0")
    if value not in ("0", "1", ""):
        raise ValidationError({"weighted": [_("0 or 1.")]})
    return value == "1"


class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """Surveys: the public ones (listed, or with public results) and, for their team, its own."""

    serializer_class = SurveySerializer

    def get_queryset(self):
        user = self.request.user
        visible = Q(listed=True) | Q(results=Survey.Results.PUBLIC)
        if self.action != "list":
            # A survey shared by link, or any survey its team or an interviewer reaches, is found by its id; the
            # actions check what may be seen of it.
            visible |= Q(results=Survey.Results.LINK)
        if user.is_authenticated:
            admin_of = user.memberships.filter(status="active", role="admin").values("organisation_id")
            visible |= Q(pk__in=list(team_roles(user))) | Q(organisation_id__in=admin_of)
        return (
            Survey.objects.filter(visible)
            .select_related("organisation", "council", "body")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: ResponseSerializer(many=True), **DENIED})
    @action(detail=True, methods=["get"], serializer_class=ResponseSerializer)
    def responses(self, request, pk=None):
        """A survey's responses for its team, newest first, filtered like the analysis."""
        survey = self.get_object()
        decision = can_view_responses(request.user, survey)
        if not decision:
            raise PermissionDenied(decision.reason)
        version = survey.current_version()
        questions = form.questions(version.definition if version else {}, into_repeats=True)
        personal = {node["name"] for node in questions if node.get("personal")}
        decimal_names = {node["name"] for node in questions if node["type"] == "decimal"}
        queryset = analysis.responses(survey, _filters(request)).select_related("version").order_by("-pk")
        page = self.paginate_queryset(queryset)
        data = ResponseSerializer(
            page,
            many=True,
            context={"request": request, "personal_names": personal, "decimal_names": decimal_names},
        ).data
        return self.get_paginated_response(data)

    def _report(self, request) -> Survey:
        survey = self.get_object()
        decision = can_view_report(request.user, survey, request.query_params.get("t", ""))
        if not decision:
            raise PermissionDenied(decision.reason)
        return survey

    def _allowed_question(self, request, survey, name: str) -> None:
        """Outside the team, only the questions of the results page."""
        if can_view_responses(request.user, survey):
            version = survey.current_version()
            node = form.find(version.definition if version else {}, name)
            if node and node.get("personal"):
                raise ValidationError({"question": [_("Personal answers are not aggregated here.")]})
            return
        if name not in analysis.report_questions(survey):
            raise ValidationError({"question": [_("The results page does not show this question.")]})

    @extend_schema(
        parameters=[OpenApiParameter("question", QUESTION, required=True), WEIGHTED, TOKEN],
        responses={200: FREQUENCIES, **DENIED},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def frequencies(self, request, pk=None):
        """One question's answers: counts, shares and their 95% intervals."""
        survey = self._report(request)
        name = request.query_params.get("question", "")
        if not name:
            raise ValidationError({"question": [_("Name the question.")]})
        self._allowed_question(request, survey, name)
        filters = _filters(request) if can_view_responses(request.user, survey) else None
        try:
            result = analysis.frequencies(survey, name, filters=filters, weighted=_weighted(request))
        except analysis.AnalysisError as error:
            raise ValidationError({"question": [str(error)]}) from error
        return ApiResponse(
            {
                "question": name,
                "type": result["type"],
                "weighted": result["weighted"],
                "n": result["n"],
                "effective_n": result["effective_n"],
                "missing": result["missing"],
                "rows": result["rows"],
            }
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("row", QUESTION, required=True),
            OpenApiParameter("column", QUESTION, required=True),
            WEIGHTED,
            TOKEN,
        ],
        responses={200: CROSSTAB, **DENIED},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def crosstab(self, request, pk=None):
        """Two questions crossed: counts, totals and the chi-square test."""
        survey = self._report(request)
        row, column = request.query_params.get("row", ""), request.query_params.get("column", "")
        if not row or not column:
            raise ValidationError({"row": [_("Name two questions: row and column.")]})
        self._allowed_question(request, survey, row)
        self._allowed_question(request, survey, column)
        filters = _filters(request) if can_view_responses(request.user, survey) else None
        try:
            result = analysis.crosstab(survey, row, column, filters=filters, weighted=_weighted(request))
        except analysis.AnalysisError as error:
            raise ValidationError({"column": [str(error)]}) from error
        return ApiResponse(
            {
                "row": row,
                "column": column,
                "weighted": result["weighted"],
                "rows": result["rows"],
                "columns": result["columns"],
                "counts": result["counts"],
                "row_totals": result["row_totals"],
                "column_totals": result["column_totals"],
                "total": result["total"],
                "chi2": result["chi2"],
                "df": result["df"],
                "p_value": result["p_value"],
                "warning": result["warning"],
            }
        )


ROUTES = [("surveys", SurveyViewSet, "survey")]
