"""The REST API under /api/v1/, its OpenAPI schema and documentation."""

import importlib

from csp.decorators import csp_update
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.routers import DefaultRouter

# Each module lists its endpoints in ROUTES: (prefix, viewset, basename).
API_MODULES = [
    "azamat.registry.api",
    "azamat.registry.report_api",
    "azamat.grants.api.calls",
    "azamat.grants.api.results",
    "azamat.accountability.api",
    "azamat.problems.api",
    "azamat.campaigns.petition_api",
    "azamat.surveys.api",
    "azamat.monitoring.api",
]

router = DefaultRouter()
for module_name in API_MODULES:
    module = importlib.import_module(module_name)
    for prefix, viewset, basename in module.ROUTES:
        router.register(prefix, viewset, basename=basename)


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([])
def not_found(request, rest):
    """Any other address under /api/ (a malformed code in a path too) answers in JSON like the API."""
    raise NotFound(_("No such address in the API."))


urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI with its start-up script served as a file, so the Content Security Policy stays strict.
    # Its page carries one <style> block of its own: inline styles allowed there, scripts stay strict.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    # ReDoc starts from an inline script and runs a worker from a blob: allowed on this page only.
    path(
        "redoc/",
        csp_update(
            {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}
        )(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
    re_path(r"^(?P<rest>[\s\S]*)$", not_found),
]
