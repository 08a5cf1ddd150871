"""Monitoring's API, read-only and public: the published, redacted events and the entries of the list of persecuted
persons — the same copies the public pages show (public_selectors), never an original record. `azamat/api/urls.py`
registers `ROUTES`."""

from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from azamat.api.filters import KATO_PATTERN
from azamat.monitoring import public_selectors as selectors
from azamat.monitoring.models import Candidate, PublishedEntry, PublishedEvent

CODE_PATTERN = r"^[-a-z0-9_]+$"


def _url(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class PublishedEventSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="type.code", read_only=True, help_text=_("Code of the event type"))
    acts = serializers.SerializerMethodField(help_text=_("Codes of the acts"))
    region = serializers.CharField(
        source="region.kato",
        read_only=True,
        allow_null=True,
        help_text=_("KATO code of the region, if published"),
    )
    settlement = serializers.CharField(
        source="place", read_only=True, help_text=_("KATO code of the settlement, if published")
    )
    date = serializers.CharField(
        source="date_shown", read_only=True, help_text=_("The date as published: YYYY-MM-DD, YYYY-MM or YYYY")
    )
    organisation = serializers.CharField(
        source="organisation.bin", read_only=True, help_text=_("BIN of the organisation that documented it")
    )
    url = serializers.SerializerMethodField(help_text=_("The public page"))

    class Meta:
        model = PublishedEvent
        fields = [
            "id",
            "number",
            "title",
            "summary",
            "type",
            "acts",
            "region",
            "settlement",
            "date",
            "year",
            "month",
            "victims",
            "organisation",
            "published_at",
            "url",
        ]

    def get_acts(self, copy) -> list[str]:
        return [code for code in copy.acts.split(",") if code]

    def get_url(self, copy) -> str:
        return _url(self, reverse("monitoring:public_event", args=[copy.pk]))


class PublishedEntrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        source="shown_name", read_only=True, help_text=_("The name with consent recorded, else a description")
    )
    region = serializers.CharField(source="region.kato", read_only=True, allow_null=True)
    situation = serializers.ChoiceField(choices=Candidate.Situation.choices, read_only=True)
    ground = serializers.ChoiceField(choices=[("", ""), *Candidate.Ground.choices], read_only=True)
    organisation = serializers.CharField(source="organisation.bin", read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The public page"))

    class Meta:
        model = PublishedEntry
        fields = [
            "id",
            "name",
            "region",
            "occupation",
            "situation",
            "ground",
            "grounds",
            "listed_on",
            "criteria_version",
            "organisation",
            "url",
        ]

    def get_url(self, entry) -> str:
        return _url(self, reverse("monitoring:public_entry", args=[entry.pk]))


class _Filters(serializers.Serializer):
    """A list's filters: a value that is not one of these shapes is refused with 400, never ignored."""

    def to_internal_value(self, data):
        # DRF takes an empty query parameter for an absent one; like the other lists, refuse it instead.
        empty = [name for name in self.fields if name in data and not str(data.get(name)).strip()]
        if empty:
            raise serializers.ValidationError(
                {name: [_("Give a value, or leave the parameter out.")] for name in empty}
            )
        return super().to_internal_value(data)


REGION = serializers.CharField(
    required=False,
    validators=[RegexValidator(KATO_PATTERN, _("Nine digits."))],
    help_text=_("KATO code of the region (nine digits)"),
)


class EventFilters(_Filters):
    year = serializers.IntegerField(
        required=False, min_value=1991, max_value=2100, help_text=_("Year it happened")
    )
    type = serializers.RegexField(
        CODE_PATTERN, required=False, max_length=40, help_text=_("Code of the event type")
    )
    region = REGION


class EntryFilters(_Filters):
    situation = serializers.ChoiceField(choices=Candidate.Situation.choices, required=False)
    ground = serializers.ChoiceField(choices=Candidate.Ground.choices, required=False)
    region = serializers.CharField(
        required=False,
        validators=[RegexValidator(KATO_PATTERN, _("Nine digits."))],
        help_text=_("KATO code of the region (nine digits)"),
    )


@extend_schema_view(list=extend_schema(parameters=[EventFilters]))
class PublishedEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The published, redacted events of every monitoring organisation, newest first. Filters: year, type (code),
    region (KATO). A name is in a text only with the person's consent; places and dates are as published."""

    serializer_class = PublishedEventSerializer
    filter_backends: list = []  # the filters are validated above, not by django-filter

    def get_queryset(self):
        events = selectors.published_events()
        if self.action == "list":
            filters = EventFilters(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            data = filters.validated_data
            events = selectors.filtered_events(
                year=data.get("year"), type_code=data.get("type", ""), region=data.get("region", "")
            )
        return selectors.event_rows(events)


@extend_schema_view(list=extend_schema(parameters=[EntryFilters]))
class PublishedEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The list of persecuted persons as published, latest listed first. Filters: situation, ground, region
    (KATO)."""

    serializer_class = PublishedEntrySerializer
    filter_backends: list = []

    def get_queryset(self):
        if self.action != "list":
            return selectors.filtered_entries()
        filters = EntryFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.filtered_entries(**filters.validated_data)


ROUTES = [
    ("monitoring/events", PublishedEventViewSet, "monitoring-event"),
    ("monitoring/persecuted", PublishedEntryViewSet, "monitoring-entry"),
]
