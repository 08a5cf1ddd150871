"""Appeals and letters, and the court actions of a campaign's plan (mounted at /campaigns/)."""

from django.urls import path

from azamat.campaigns.views import appeals, courts

urlpatterns = [
    path("appeals/", appeals.appeals, name="appeals"),
    path("appeals/new/", appeals.appeal_new_free, name="appeal_new_free"),
    path("appeals/<int:pk>/", appeals.appeal, name="appeal"),
    path("appeals/<int:pk>/edit/", appeals.appeal_edit, name="appeal_edit"),
    path("appeals/<int:pk>/download/<str:fmt>/", appeals.appeal_download, name="appeal_download"),
    path("appeals/<int:pk>/sent/", appeals.appeal_sent, name="appeal_sent"),
    path("<int:pk>/appeals/new/", appeals.appeal_new, name="appeal_new"),
    path("<int:pk>/court/<int:action_pk>/", courts.court_case, name="court_case"),
    path("<int:pk>/court/<int:action_pk>/edit/", courts.court_edit, name="court_edit"),
    path("<int:pk>/court/<int:action_pk>/hearings/", courts.hearing_add, name="hearing_add"),
]
