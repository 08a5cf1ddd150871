"""The accountability API, read-only: public items with their status, and each body's figures (as the ranking
counts them, see `stats`). `azamat/api/urls.py` registers `ROUTES`."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from azamat.accountability import selectors, stats
from azamat.accountability.models import Item
from azamat.api.filters import KATO_PATTERN, CodeFilter, FilterSet, KatoFilter
from azamat.registry.models import GovernmentBody, Region


class ItemSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)
    rule = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.ChoiceField(
        choices=Item.Status.choices, read_only=True, help_text=_("The status today, computed from the facts")
    )
    current_due_on = serializers.DateField(
        source="current_due", read_only=True, help_text=_("The due date, or the extended one")
    )
    answered_on_time = serializers.SerializerMethodField(
        help_text=_("Whether the answer came by the due date; null while unanswered")
    )
    parent = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = [
            "number",
            "kind",
            "rule",
            "title",
            "text",
            "body",
            "region",
            "sent_on",
            "due_on",
            "extended_to",
            "current_due_on",
            "status",
            "outcome",
            "answer_text",
            "answered_on",
            "answered_on_time",
            "implemented_on",
            "parent",
            "url",
        ]

    def get_answered_on_time(self, item) -> bool | None:
        if not item.answered_on:
            return None
        return item.answered_on <= item.current_due

    def get_url(self, item) -> str:
        request = self.context.get("request")
        path = item.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


FIRST_YEAR, LAST_YEAR = 1991, 2100


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(django_filters.NumberFilter):
    """A year: a whole number in the schema's range, else 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class ItemFilter(FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Item.Status.choices, method="filter_status", help_text=_("The status today")
    )
    body = CodeFilter(field_name="body__code", help_text=_("Code of the addressee body"))
    region = KatoFilter(field_name="region__kato", help_text=_("KATO code of the region (nine digits)"))
    kind = django_filters.ChoiceFilter(choices=Item.Kind.choices)
    year = YearFilter(field_name="sent_on", lookup_expr="year", help_text=_("Year sent"))

    class Meta:
        model = Item
        fields = ["status", "body", "region", "kind", "year"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(stats.status_filter(value, timezone.localdate())) if value else queryset


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Public items addressed to government bodies, latest first, with their status today. Filters: status,
    body (code), region (KATO), kind, year sent."""

    serializer_class = ItemSerializer
    lookup_field = "number"
    lookup_value_regex = "[-A-Za-z0-9]+"
    filterset_class = ItemFilter

    def get_queryset(self):
        return selectors.items(public_only=True).select_related("parent").order_by("-sent_on", "-pk")


class BodyStatisticsSerializer(serializers.Serializer):
    body = serializers.CharField(source="subject.code")
    name_kk = serializers.CharField(source="subject.name_kk")
    name_ru = serializers.CharField(source="subject.name_ru")
    name_en = serializers.CharField(source="subject.name_en")
    level = serializers.ChoiceField(source="subject.level", choices=GovernmentBody.Level.choices)
    region = serializers.SerializerMethodField()
    received = serializers.IntegerField(help_text=_("Public items received"))
    answered = serializers.IntegerField(help_text=_("Answered or forwarded"))
    answered_on_time = serializers.IntegerField(source="on_time")
    due = serializers.IntegerField(help_text=_("Answered, or unanswered past the due date"))
    on_time_share = serializers.FloatField(
        allow_null=True, help_text=_("Answered on time / due, per cent; null when nothing is due yet")
    )
    median_days_to_answer = serializers.FloatField(
        source="median", allow_null=True, help_text=_("Calendar days from sending to the answer")
    )
    overdue_now = serializers.IntegerField(source="overdue")
    accepted = serializers.IntegerField(help_text=_("Accepted fully or in part"))
    rejected = serializers.IntegerField()
    implemented = serializers.IntegerField()

    def get_region(self, row) -> str | None:
        region = row.subject.region
        return region.kato if region else None


class BodyStatisticsFilterSerializer(serializers.Serializer):
    """The list's filters: a value that is not one of these shapes is refused with 400, never ignored."""

    level = serializers.ChoiceField(required=False, choices=GovernmentBody.Level.choices)
    region = serializers.CharField(
        required=False,
        validators=[RegexValidator(KATO_PATTERN, _("Nine digits."))],
        help_text=_("KATO code of the body's region (nine digits)"),
    )
    year = serializers.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text=_("Year sent")
    )
    min_items = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Only bodies with at least this many items"),
    )

    def to_internal_value(self, data):
        empty = [name for name in self.fields if name in data and not str(data.get(name)).strip()]
        if empty:
            raise serializers.ValidationError(
                {name: [_("Give a value, or leave the parameter out.")] for name in empty}
            )
        return super().to_internal_value(data)


@extend_schema_view(list=extend_schema(parameters=[BodyStatisticsFilterSerializer]))
class BodyStatisticsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Each government body's figures of public items, by the share answered on time (highest first): items
    received, answered, answered on time, due, overdue now, accepted, rejected, implemented, and the median
    calendar days to answer. Filters: level, region (KATO), year sent, min_items."""

    serializer_class = BodyStatisticsSerializer
    filter_backends: list = []  # the filters are validated above, not by django-filter

    def get_queryset(self):
        filters = BodyStatisticsFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        values = filters.validated_data
        region = None
        if "region" in values:
            region = Region.objects.filter(kato=values["region"]).first()
            if region is None:
                return []
        rows = stats.by_body(
            stats.public_items(year=values.get("year")),
            today=timezone.localdate(),
            min_items=values.get("min_items", 1),
            level=values.get("level", ""),
            region=region,
        )
        return stats.ranked(rows, "share")


ROUTES = [
    ("accountability/items", ItemViewSet, "accountability-item"),
    ("accountability/bodies", BodyStatisticsViewSet, "accountability-body-statistics"),
]
