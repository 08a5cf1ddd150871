"""The public, redacted pages: the report (charts and a map by region and type), published events, the list of
persecuted persons, blocked websites, open data and an organisation's criteria."""

from django.urls import path

from azamat.monitoring import public_views as views

urlpatterns = [
    path("", views.report, name="report"),
    path("events/", views.events, name="public_events"),
    path("events/<int:pk>/", views.event, name="public_event"),
    path("list/", views.persecuted_list, name="public_list"),
    path("list/<int:pk>/", views.entry, name="public_entry"),
    path("blocked-sites/", views.sites, name="public_sites"),
    path("elections/", views.elections, name="public_elections"),
    path("elections/<int:pk>/", views.election, name="public_election"),
    path("criteria/<int:org>/", views.criteria, name="public_criteria"),
    path("open-data/events.<str:fmt>", views.open_data, name="open_data"),
]
