"""The register's API, read-only: the problems in the public register (list, with filters by area and status)
and each problem with its evidence, legal acts, endorsing organisations and recommendations, with where each
recommendation sent to a body now is. `azamat/api/urls.py` registers `ROUTES`."""

import django_filters
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from azamat.api.filters import CodeFilter, FilterSet
from azamat.problems import selectors
from azamat.problems.models import Endorsement, Evidence, LegalAct, Problem, Recommendation

PUBLIC_CHOICES = [
    (value, label) for value, label in Problem.Status.choices if value in selectors.PUBLIC_STATES
]


def _url(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class ProblemSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    regions = serializers.SlugRelatedField(slug_field="kato", many=True, read_only=True)
    endorsements = serializers.IntegerField(
        source="endorsement_count", read_only=True, help_text=_("Organisations that endorsed it")
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "number",
            "area",
            "title",
            "status",
            "regions",
            "legal_forms",
            "endorsements",
            "created_at",
            "updated_at",
            "url",
        ]

    def get_url(self, problem) -> str:
        return _url(self, problem.get_absolute_url())


class EvidenceSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="bin", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = ["kind", "text", "figure", "url", "organisation", "added_at"]


class LegalActSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalAct
        fields = ["name", "article", "url"]


class EndorsementSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="bin", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name_ru", read_only=True)
    region = serializers.CharField(source="organisation.region.kato", read_only=True)

    class Meta:
        model = Endorsement
        fields = ["organisation", "organisation_name", "region", "case", "at"]


class RecommendationSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    items = serializers.SerializerMethodField(help_text=_("The accountability items it was sent as"))

    class Meta:
        model = Recommendation
        fields = ["text", "body", "items"]

    def get_items(self, recommendation) -> list[dict]:
        fates = self.context.get("fates", {})
        return [
            {
                "number": item.number,
                "status": item.status,
                "sent_on": item.sent_on,
                "due_on": item.current_due_on,
                "url": _url(self, item.get_absolute_url()),
            }
            for item in fates.get(recommendation.pk, [])
        ]


class ProblemDetailSerializer(ProblemSerializer):
    activity_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    legal_acts = LegalActSerializer(many=True, read_only=True)
    endorsing_organisations = EndorsementSerializer(source="endorsements", many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta(ProblemSerializer.Meta):
        fields = [
            *ProblemSerializer.Meta.fields,
            "description",
            "activity_areas",
            "evidence",
            "legal_acts",
            "endorsing_organisations",
            "recommendations",
        ]


class ProblemFilter(FilterSet):
    area = CodeFilter(field_name="area__code", help_text=_("Code of the area"))
    status = django_filters.ChoiceFilter(choices=PUBLIC_CHOICES)

    class Meta:
        model = Problem
        fields = ["area", "status"]


class ProblemViewSet(viewsets.ReadOnlyModelViewSet):
    """The problems in the public register, latest changed first, with the number of organisations that
    endorsed each. Filters: area (code), status. A problem's page adds its description, evidence, legal acts,
    endorsing organisations and recommendations with the items they were sent as."""

    lookup_field = "number"
    lookup_value_regex = "[-A-Za-z0-9]+"
    filterset_class = ProblemFilter

    def get_serializer_class(self):
        return ProblemDetailSerializer if self.action == "retrieve" else ProblemSerializer

    def get_queryset(self):
        queryset = (
            selectors.public_problems()
            .select_related("area")
            .prefetch_related("regions")
            .annotate(endorsement_count=Count("endorsements", distinct=True))
            .order_by("-updated_at", "-pk")
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "activity_areas",
                "legal_acts",
                Prefetch("evidence", queryset=Evidence.objects.select_related("organisation")),
                Prefetch(
                    "endorsements",
                    queryset=Endorsement.objects.select_related("organisation__region"),
                ),
                Prefetch("recommendations", queryset=Recommendation.objects.select_related("body")),
            )
        return queryset

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and self.kwargs.get("number"):
            recommendations = Recommendation.objects.filter(problem__number=self.kwargs["number"])
            context["fates"] = selectors.fates(list(recommendations))
        return context


ROUTES = [("problems", ProblemViewSet, "problem")]
