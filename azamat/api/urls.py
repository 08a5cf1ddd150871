"""The REST API under /api/v1/, its OpenAPI schema and documentation."""

import importlib

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

# Each module lists its endpoints in ROUTES: (prefix, viewset, basename).
API_MODULES = ["azamat.registry.api", "azamat.grants.api_calls", "azamat.grants.api_results"]

router = DefaultRouter()
for module_name in API_MODULES:
    module = importlib.import_module(module_name)
    for prefix, viewset, basename in module.ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
