"""The survey workspace under /surveys/ (namespace "surveys"): the list, a new survey, its overview, settings,
status and team."""

from django.urls import path

from azamat.surveys import views

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/settings/", views.survey_edit, name="edit"),
    path("<int:pk>/status/", views.survey_status, name="status"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member>/", views.team_member, name="team_member"),
]
