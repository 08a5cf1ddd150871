"""Appeals and letters, and the court actions of a campaign's plan (mounted at /campaigns/)."""

from django.urls import path

from azamat.campaigns import appeal_views, court_views

urlpatterns = [
    path("appeals/", appeal_views.appeals, name="appeals"),
    path("appeals/new/", appeal_views.appeal_new_free, name="appeal_new_free"),
    path("appeals/<int:pk>/", appeal_views.appeal, name="appeal"),
    path("appeals/<int:pk>/edit/", appeal_views.appeal_edit, name="appeal_edit"),
    path("appeals/<int:pk>/download/<str:fmt>/", appeal_views.appeal_download, name="appeal_download"),
    path("appeals/<int:pk>/sent/", appeal_views.appeal_sent, name="appeal_sent"),
    path("<int:pk>/appeals/new/", appeal_views.appeal_new, name="appeal_new"),
    path("<int:pk>/court/<int:action_pk>/", court_views.court_case, name="court_case"),
    path("<int:pk>/court/<int:action_pk>/edit/", court_views.court_edit, name="court_edit"),
    path("<int:pk>/court/<int:action_pk>/hearings/", court_views.hearing_add, name="hearing_add"),
]
