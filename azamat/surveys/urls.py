"""The surveys app's addresses under /surveys/ (namespace "surveys"); each part's patterns live beside its
views: the survey workspace (urls_workspace), the form (urls_forms), collection (urls_collect), analysis and
exports (urls_analysis)."""

from django.urls import include, path

from azamat.surveys import urls_analysis, urls_collect, urls_forms, urls_workspace

app_name = "surveys"
urlpatterns = [
    path("surveys/", include(urls_forms.urlpatterns)),
    path("surveys/", include(urls_collect.urlpatterns)),
    path("surveys/", include(urls_analysis.urlpatterns)),
    path("surveys/", include(urls_workspace.urlpatterns)),
]
