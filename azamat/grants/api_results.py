"""API of published results: the awarded grants."""

from rest_framework import serializers, viewsets

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
    expert_score = serializers.DecimalField(max_digits=7, decimal_places=2, source="application.final_score",
                                            allow_null=True)

    def get_region(self, obj: AwardedGrant) -> str:
        region = obj.application.direction.region or obj.application.organisation.region
        return region.kato

    def get_currency(self, obj) -> str:
        return "KZT"


class AwardedGrantViewSet(viewsets.ViewSet):
    """Awarded grants of calls with published results. Filters: year, customer (body code), region (KATO)."""

    serializer_class = AwardedGrantSerializer

    def list(self, request):
        year = request.query_params.get("year", "")
        applications = awarded_applications(
            year=int(year) if year.isdigit() else None,
            customer=request.query_params.get("customer", "")[:80],
            region=request.query_params.get("region", "")[:9],
        )
        paginator = self.paginator
        page = paginator.paginate_queryset(applications, request, view=self)  # the page, then its grants
        return paginator.get_paginated_response(AwardedGrantSerializer(grants_of(page), many=True).data)

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            from azamat.api.pagination import Pagination

            self._paginator = Pagination()
        return self._paginator


ROUTES = [("awarded-grants", AwardedGrantViewSet, "awarded-grant")]
