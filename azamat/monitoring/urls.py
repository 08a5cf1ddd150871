"""The monitoring app's addresses (namespace "monitoring"): the public, redacted pages under /monitoring/ and the
organisations' workspace under /workspace/monitoring/. Each part's patterns live beside its views."""

from django.urls import include, path

from azamat.monitoring import (
    urls_admin,
    urls_casework,
    urls_elections,
    urls_listing,
    urls_public,
    urls_records,
)

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", include(urls_public.urlpatterns)),
    path("workspace/monitoring/", include(urls_admin.urlpatterns)),
    path("workspace/monitoring/", include(urls_records.urlpatterns)),
    path("workspace/monitoring/", include(urls_casework.urlpatterns)),
    path("workspace/monitoring/", include(urls_listing.urlpatterns)),
    path("workspace/monitoring/", include(urls_elections.urlpatterns)),
]
