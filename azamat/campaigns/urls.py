"""The campaigns app's addresses: the campaign workspace under /campaigns/, petitions under /petitions/, appeals
and letters under /campaigns/appeals/. Each part's patterns live beside its views."""

from django.urls import include, path

from azamat.campaigns import urls_appeals, urls_petitions, urls_workspace

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", include(urls_appeals.urlpatterns)),
    path("campaigns/", include(urls_workspace.urlpatterns)),
    path("petitions/", include(urls_petitions.urlpatterns)),
]
