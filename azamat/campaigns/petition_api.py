"""Petitions' API, read-only: the published petitions (open, closed, sent) with their counts, goal, status and
addressee, and each petition with its text, demands, thresholds and the addressee's answer. Never a signer's
name or email. `azamat/api/urls.py` registers `ROUTES`."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from azamat.api.filters import CodeFilter, FilterSet, KatoFilter, WordsFilter
from azamat.campaigns import petition_selectors as selectors
from azamat.campaigns.models import Petition, Threshold

PUBLIC_CHOICES = [
    (value, label) for value, label in Petition.Status.choices if value in selectors.PUBLIC_STATES
]


class PetitionSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Code of the addressee")
    )
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)
    signatures = serializers.IntegerField(source="signature_count", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "title",
            "body",
            "region",
            "status",
            "signatures",
            "goal",
            "progress",
            "closes_on",
            "opened_at",
            "closed_at",
            "listed_at",
            "goal_reached_at",
            "url",
        ]

    def get_url(self, petition) -> str:
        request = self.context.get("request")
        path = petition.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Threshold
        fields = ["signatures", "reached_at"]


class PetitionDetailSerializer(PetitionSerializer):
    thresholds = ThresholdSerializer(many=True, read_only=True)
    item = serializers.CharField(source="item.number", read_only=True, allow_null=True, default=None)
    answer = serializers.SerializerMethodField(help_text=_("The addressee's answer, once given"))

    class Meta(PetitionSerializer.Meta):
        fields = [
            *PetitionSerializer.Meta.fields,
            "text",
            "demands",
            "languages",
            "thresholds",
            "item",
            "answer",
        ]

    def get_answer(self, petition) -> dict | None:
        item = petition.item
        if item is None or not item.outcome:
            return None
        return {"outcome": item.outcome, "text": item.answer_text, "answered_on": item.answered_on}


class PetitionFilter(FilterSet):
    """The list page's filters: the status (its tabs), the addressee's code, the region's KATO and words of the
    title, text or demands in any of their forms (`petition_selectors.petitions_matching`)."""

    status = django_filters.ChoiceFilter(choices=PUBLIC_CHOICES)
    body = CodeFilter(field_name="body__code", help_text=_("Code of the addressee"))
    region = KatoFilter(field_name="region__kato", help_text=_("KATO code of the region"))
    q = WordsFilter(method="search", help_text=_("Words of the title, text or demands, in any form"))

    class Meta:
        model = Petition
        fields = ["status", "body", "region", "q"]

    def search(self, queryset, name, value):
        return selectors.petitions_matching(queryset, value)


class PetitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The published petitions, most signed first, with their counts (counted every few seconds) and goals.
    A petition's page adds its text, demands, the thresholds reached and the addressee's answer."""

    filterset_class = PetitionFilter

    def get_serializer_class(self):
        return PetitionDetailSerializer if self.action == "retrieve" else PetitionSerializer

    def get_queryset(self):
        queryset = selectors.public_petitions().order_by("-signature_count", "-pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("thresholds")
        return queryset


ROUTES = [("petitions", PetitionViewSet, "petition")]
