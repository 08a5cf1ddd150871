from django.urls import path

from azamat.registry import document_views, report_stats_views, report_views, views

app_name = "registry"
urlpatterns = [
    *report_stats_views.urlpatterns,  # before organisations/<bin>/
    path("organisations/", views.directory, name="directory"),
    path("organisations/new/", views.organisation_register, name="organisation_register"),
    path("organisations/<str:bin>/", views.organisation_detail, name="organisation"),
    path("organisations/<str:bin>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<str:bin>/history/", views.organisation_history, name="organisation_history"),
    path("organisations/<str:bin>/join/", views.organisation_join, name="organisation_join"),
    path("organisations/<str:bin>/members/", views.organisation_members, name="organisation_members"),
    path("government-bodies/", views.bodies, name="bodies"),
    path("government-bodies/<slug:code>/", views.body_detail, name="body"),
    *report_views.urlpatterns,
    *document_views.urlpatterns,
]
