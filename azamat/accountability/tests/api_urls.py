"""The site's URLs with the accountability API registered as `azamat/api/urls.py` will (ROUTES), for its tests
before the lead adds the module there; harmless after."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from azamat.accountability.api import ROUTES
from azamat.urls import urlpatterns as site

router = DefaultRouter()
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [path("api/v1/", include((router.urls, "api"), namespace="v1")), *site]
