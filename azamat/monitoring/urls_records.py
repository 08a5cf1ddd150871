"""The record: events with their acts, perpetrators and sources; persons; attachments; the search."""

from django.urls import path

from azamat.monitoring import records_views as views

urlpatterns = [
    path("<int:org>/events/", views.event_list, name="events"),
    path("<int:org>/events/new/", views.event_new, name="event_new"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/acts/new/", views.act_new, name="act_new"),
    path("acts/<int:pk>/", views.act_edit, name="act_edit"),
    path("acts/<int:pk>/delete/", views.act_delete, name="act_delete"),
    path("acts/<int:pk>/perpetrators/new/", views.involvement_new, name="involvement_new"),
    path("perpetrators/<int:pk>/delete/", views.involvement_delete, name="involvement_delete"),
    path("events/<int:pk>/sources/new/", views.source_new, name="source_new"),
    path("sources/<int:pk>/", views.source_edit, name="source_edit"),
    path("events/<int:pk>/files/new/", views.attachment_new, name="attachment_new"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("files/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("<int:org>/persons/", views.person_list, name="persons"),
    path("<int:org>/persons/new/", views.person_new, name="person_new"),
    path("persons/<int:pk>/", views.person_detail, name="person"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
