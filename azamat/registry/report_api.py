"""The annual reports API, read-only and private: an organisation's people list its reports and read one in the flat
format of the export (docs/annual-report-format.md). `azamat/api/urls.py` registers `ROUTES`."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from azamat.registry.models import Membership
from azamat.registry.permissions import is_platform_admin
from azamat.registry.report_exports import flat
from azamat.registry.report_models import AnnualReport
from azamat.registry.report_selectors import report_full


class AnnualReportSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="bin", read_only=True)
    due_on = serializers.DateField(
        read_only=True, help_text=_("The last day to file: 31 March of the next year")
    )
    status = serializers.CharField(
        read_only=True, help_text=_("draft, filed, or superseded (replaced by a filed correction)")
    )
    on_time = serializers.BooleanField(
        read_only=True, allow_null=True, help_text=_("Whether the first version was filed by the due date")
    )

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "organisation",
            "year",
            "version",
            "status",
            "due_on",
            "filed_at",
            "first_filed_on",
            "on_time",
        ]


def reports_readable_by(user):
    """Every version of the reports of the organisations the user is an active member of (all, for the platform's
    administrators)."""
    queryset = AnnualReport.objects.select_related("organisation").order_by(
        "organisation__bin", "-year", "-version"
    )
    if is_platform_admin(user):
        return queryset
    own = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("organisation")
    return queryset.filter(organisation__in=own)


@extend_schema_view(
    list=extend_schema(summary=_("Annual reports of your organisations")),
    retrieve=extend_schema(
        summary=_("An annual report in the flat format of the export"), responses={200: OpenApiTypes.OBJECT}
    ),
)
class AnnualReportViewSet(viewsets.ReadOnlyModelViewSet):
    """An organisation's annual reports to the state NGO database, seen only by its members."""

    serializer_class = AnnualReportSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["year", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is generated without a person
            return AnnualReport.objects.none()
        return reports_readable_by(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        return Response(flat(report_full(pk=report.pk)))


ROUTES = [("annual-reports", AnnualReportViewSet, "annual-report")]
