"""Election observation in the workspace: elections, their polling stations, checklists and incidents."""

from django.urls import path

from azamat.monitoring import elections_views as views

urlpatterns = [
    path("<int:org>/elections/", views.election_list, name="elections"),
    path("<int:org>/elections/new/", views.election_new, name="election_new"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/close/", views.election_close, name="election_close"),
    path("elections/<int:pk>/publish/", views.election_publish, name="election_publish"),
    path("elections/<int:pk>/stations/new/", views.station_new, name="station_new"),
    path("stations/<int:pk>/", views.station_detail, name="station"),
    path("stations/<int:pk>/edit/", views.station_edit, name="station_edit"),
    path("stations/<int:pk>/checklists/<slug:phase>/", views.checklist_send, name="checklist_send"),
    path("stations/<int:pk>/incidents/new/", views.incident_new, name="incident_new"),
]
