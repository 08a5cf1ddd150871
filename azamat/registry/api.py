"""REST API of the registry: regions, areas, government bodies, organisations."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets

from azamat.api.filters import BinFilter, BooleanFilter, CodeFilter, FilterSet, KatoFilter
from azamat.api.serializers import StrictTypesMixin
from azamat.core.errors import DomainError
from azamat.registry import selectors, services
from azamat.registry.models import ActivityArea, GovernmentBody, LegalForm, Organisation, Region
from azamat.registry.permissions import can_edit_organisation
from azamat.registry.phone import clean_phone


class RegionSerializer(serializers.ModelSerializer):
    iso_code = serializers.CharField(read_only=True)

    class Meta:
        model = Region
        fields = ["kato", "iso_code", "name_kk", "name_ru", "name_en", "kind"]


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityArea
        fields = ["code", "name_kk", "name_ru", "name_en"]


class GovernmentBodySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="kato", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = GovernmentBody
        fields = [
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "kind",
            "level",
            "region",
            "parent",
            "website",
            "email",
        ]


class OrganisationSerializer(StrictTypesMixin, serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="kato", queryset=Region.objects.all())
    areas = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ActivityArea.objects.all(), required=False
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "bin",
            "name_kk",
            "name_ru",
            "short_name",
            "legal_form",
            "registered_on",
            "region",
            "address",
            "areas",
            "about_kk",
            "about_ru",
            "about_en",
            "staff_count",
            "volunteer_count",
            "website",
            "email",
            "phone",
            "is_alliance",
            "url",
            "updated_at",
        ]
        read_only_fields = ["bin", "updated_at", "url"]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def validate_phone(self, value: str) -> str:
        # As on the profile's page: checked when changed, so a phone saved before (imported as it was) still saves.
        if self.instance is not None and value == self.instance.phone:
            return value
        try:
            return clean_phone(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class OrganisationFilter(FilterSet):
    region = KatoFilter(field_name="region__kato", help_text=_("KATO code of the region"))
    area = CodeFilter(field_name="areas__code", help_text=_("Code of an area of activity"))
    legal_form = django_filters.ChoiceFilter(choices=LegalForm.choices)
    alliance = BinFilter(field_name="alliance_memberships__alliance__bin", help_text=_("BIN of an alliance"))
    is_alliance = BooleanFilter()

    class Meta:
        model = Organisation
        fields = ["region", "area", "legal_form", "alliance", "is_alliance"]


class GovernmentBodyFilter(FilterSet):
    region__kato = KatoFilter(field_name="region__kato", help_text=_("KATO code of the region"))
    parent__code = CodeFilter(field_name="parent__code", help_text=_("Code of the parent body"))

    class Meta:
        model = GovernmentBody
        fields = ["kind", "level", "region__kato", "parent__code"]


class CanEditOrganisation(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        decision = can_edit_organisation(request.user, obj)
        self.message = decision.reason
        return bool(decision)


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The regions of Kazakhstan (top level of the KATO classifier)."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    lookup_field = "kato"
    lookup_value_regex = r"\d{9}"
    pagination_class = None


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Areas of activity (the managed taxonomy)."""

    queryset = ActivityArea.objects.all()
    serializer_class = AreaSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    pagination_class = None


class GovernmentBodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Ministries, committees, akimats, maslikhats and quasi-public companies."""

    queryset = GovernmentBody.objects.select_related("region", "parent").order_by("level", "name_ru")
    serializer_class = GovernmentBodySerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = GovernmentBodyFilter


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("q", str, description="Free-text search: name, BIN, address")]
    ),
)
class OrganisationViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations: anyone reads; an organisation's administrators update its profile."""

    serializer_class = OrganisationSerializer
    lookup_field = "bin"
    lookup_value_regex = r"\d{12}"
    filterset_class = OrganisationFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanEditOrganisation]

    def get_queryset(self):
        query = self.request.query_params.get("q", "") if self.action == "list" else ""
        # The search defers the texts about the organisation, which this serializer shows: load it with the rows, not per row.
        return (
            selectors.organisations_search(query=query)
            .defer(None)
            .defer("search_text", "search_stems")
            .prefetch_related("areas")
        )

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "areas"}
        try:
            serializer.instance = services.organisation_update(
                organisation=serializer.instance,
                by=self.request.user,
                data=data,
                areas=serializer.validated_data.get("areas"),
            )
        except DomainError as error:
            raise serializers.ValidationError({error.field or "non_field_errors": [str(error)]}) from error


ROUTES = [
    ("regions", RegionViewSet, "region"),
    ("areas", AreaViewSet, "area"),
    ("government-bodies", GovernmentBodyViewSet, "government-body"),
    ("organisations", OrganisationViewSet, "organisation"),
]
