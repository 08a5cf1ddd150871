"""API of calls and their directions: read-only, published calls only."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from azamat.api.filters import CodeFilter, FilterSet
from azamat.core.models import MonthlyIndex
from azamat.grants.forms.applications import PHASE_LABELS
from azamat.grants.models import Call, Direction
from azamat.grants.selectors import applications as selectors


class DirectionSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)

    class Meta:
        model = Direction
        fields = [
            "id",
            "call",
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "budget",
            "planned_grants",
            "region",
            "position",
        ]


class CallSerializer(serializers.ModelSerializer):
    grant_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    customer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    operator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    phase = serializers.CharField(read_only=True)
    min_amount = serializers.SerializerMethodField(
        help_text=_("Smallest grant in tenge (МРП converted on the opening day)")
    )
    max_amount = serializers.SerializerMethodField(help_text=_("Largest grant in tenge"))
    directions = DirectionSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "code",
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "grant_type",
            "customer",
            "operator",
            "phase",
            "discussion_until",
            "opens_at",
            "closes_at",
            "min_amount",
            "max_amount",
            "directions",
            "url",
        ]

    def _limits(self, call: Call) -> selectors.AmountRange:
        # Every МРП is read once per response (a short table), not once per call listed.
        if "_mrp" not in self.context:
            self.context["_mrp"] = list(MonthlyIndex.objects.order_by("-valid_from"))
        cache = self.context.setdefault("_limits", {})
        key = (call.grant_type_id, timezone.localdate(call.opens_at))
        if key not in cache:
            cache[key] = selectors.amount_range(call, indices=self.context["_mrp"])
        return cache[key]

    def get_min_amount(self, call) -> str | None:
        value = self._limits(call).minimum
        return None if value is None else f"{value:.2f}"

    def get_max_amount(self, call) -> str | None:
        value = self._limits(call).maximum
        return None if value is None else f"{value:.2f}"

    def get_url(self, call) -> str:
        request = self.context.get("request")
        path = call.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class CallFilter(FilterSet):
    grant_type = CodeFilter(field_name="grant_type__code", help_text=_("Code of the grant type"))
    customer = CodeFilter(field_name="customer__code", help_text=_("Code of the customer body"))
    phase = django_filters.ChoiceFilter(
        choices=list(PHASE_LABELS.items()),
        method="filter_phase",
        help_text=_("discussion, upcoming, open, closed or results"),
    )

    class Meta:
        model = Call
        fields = ["grant_type", "customer", "phase"]

    def filter_phase(self, queryset, name, value):
        return queryset.filter(selectors.phase_filter(value)) if value else queryset


class DirectionFilter(FilterSet):
    call = CodeFilter(field_name="call__code", help_text=_("Code of the call"))

    class Meta:
        model = Direction
        fields = ["call"]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Published calls for applications with their directions; filters: grant type, customer, phase."""

    serializer_class = CallSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = CallFilter

    def get_queryset(self):
        directions = Direction.objects.select_related("call", "region")
        return (
            Call.objects.filter(published=True)
            .select_related("grant_type", "customer", "operator")
            .prefetch_related(Prefetch("directions", queryset=directions))
            .order_by("-opens_at", "pk")
        )


class DirectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Priority directions of published calls; filter by call code."""

    serializer_class = DirectionSerializer
    filterset_class = DirectionFilter

    def get_queryset(self):
        return (
            Direction.objects.filter(call__published=True)
            .select_related("call", "region")
            .order_by("call__opens_at", "call_id", "position", "pk")
        )


ROUTES = [
    ("calls", CallViewSet, "call"),
    ("directions", DirectionViewSet, "direction"),
]
