"""API of published results: the awarded grants."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from azamat.api.filters import KATO_PATTERN
from azamat.grants.services.results import AwardedGrant, awarded_applications, grants_of


class AwardedGrantSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    application_number = serializers.CharField(source="application.number")
    title = serializers.CharField(source="application.title")
    call = serializers.CharField(source="application.call.code")
    direction = serializers.CharField(source="application.direction.title_ru")
    customer = serializers.CharField(source="application.call.customer.code")
    recipient_bin = serializers.CharField(source="application.organisation.bin")
    recipient_name = serializers.CharField(source="application.organisation.name_ru")
    region = serializers.SerializerMethodField()
    amount_awarded = serializers.DecimalField(max_digits=14, decimal_places=2, source="amount")
    currency = serializers.SerializerMethodField()
    award_date = serializers.DateField(allow_null=True)
    expert_score = serializers.DecimalField(
        max_digits=7, decimal_places=2, source="application.final_score", allow_null=True
    )

    def get_region(self, obj: AwardedGrant) -> str:
        region = obj.application.direction.region or obj.application.organisation.region
        return region.kato

    def get_currency(self, obj) -> str:
        return "KZT"


class AwardedGrantFilterSerializer(serializers.Serializer):
    """The list's filters: a value that is not one of these shapes is refused with 400, never ignored."""

    year = serializers.IntegerField(
        required=False, min_value=1991, max_value=2100, help_text=_("Year the call opened")
    )
    customer = serializers.SlugField(required=False, max_length=80, help_text=_("Code of the customer body"))
    region = serializers.CharField(
        required=False,
        validators=[RegexValidator(KATO_PATTERN, _("Nine digits."))],
        help_text=_("KATO code of the region (nine digits)"),
    )

    def to_internal_value(self, data):
        # DRF takes an empty query parameter for an absent one; like the other lists, refuse it instead.
        empty = [name for name in self.fields if name in data and not str(data.get(name)).strip()]
        if empty:
            raise serializers.ValidationError(
                {name: [_("Give a value, or leave the parameter out.")] for name in empty}
            )
        return super().to_internal_value(data)


@extend_schema_view(list=extend_schema(parameters=[AwardedGrantFilterSerializer]))
class AwardedGrantViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Awarded grants of calls with published results. Filters: year, customer (body code), region (KATO)."""

    serializer_class = AwardedGrantSerializer
    filter_backends: list = []  # the filters are validated above, not by django-filter

    def get_queryset(self):
        filters = AwardedGrantFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return awarded_applications(**filters.validated_data)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())  # the page of applications, then their grants
        return self.get_paginated_response(self.get_serializer(grants_of(page), many=True).data)


ROUTES = [("awarded-grants", AwardedGrantViewSet, "awarded-grant")]
